"""Forms of the target pages: they parse and type the input; the rules live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.core.forms import ListFilterMixin, bootstrap_form
from jiedao.core.models import Area, AreaLevel
from jiedao.targets.models import Target
from jiedao.targets.services import known_codes


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def scope_areas(user):
    """The current street, communities and grids in the user's scope."""
    return Area.objects.for_user(user).filter(valid_to__isnull=True).select_related("parent").order_by("path")


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.label


def _code_choices() -> list[tuple[str, str]]:
    return [(code, f"{name}（{code}）") for code, name in known_codes().items()]


class TargetFilterForm(ListFilterMixin, forms.Form):
    q = forms.CharField(
        label="指标", required=False, widget=forms.TextInput(attrs={"placeholder": "指标名称、代码或说明"})
    )
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None)
    community = forms.ChoiceField(label="社区", required=False)

    def __init__(self, *args, user, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部年度"), *((y, f"{y}年") for y in years)]
        communities = scope_areas(user).filter(level=AreaLevel.COMMUNITY)
        self.fields["community"].choices = [("", "全部社区"), *((a.pk, a.name) for a in communities)]
        bootstrap_form(self)


class TargetForm(forms.Form):
    code = forms.ChoiceField(label="指标")
    area = AreaChoice(label="区域", queryset=Area.objects.none(), empty_label="请选择")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    value = forms.DecimalField(
        label="目标值",
        max_digits=14,
        decimal_places=2,
        help_text="按指标的单位填写；比率类指标填百分数，如100",
    )
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如：区里下达的年度任务")

    # The version the edit page showed (removed on the create page): the service refuses a stale edit.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = ("code", "area", "year", "value", "note")

    def __init__(self, *args, user, target: Target | None = None, **kwargs):
        if target is not None:
            initial = {**{f: getattr(target, f) for f in self.FIELDS}, "area": target.area_id}
            kwargs.setdefault("initial", initial | {"version": target.version})
        else:
            kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", "请选择"), *_code_choices()]
        areas = scope_areas(user)
        if target is not None:  # a target on a retired area keeps it
            areas = areas | Area.objects.filter(pk=target.area_id)
        else:
            del self.fields["version"]
        self.fields["area"].queryset = areas
        bootstrap_form(self)

    def service_kwargs(self) -> dict:
        kwargs = {f: self.cleaned_data[f] for f in self.FIELDS}
        if "version" in self.fields:
            kwargs["version"] = self.cleaned_data["version"]
        return kwargs
