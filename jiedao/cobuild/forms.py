"""Forms of the co-building pages: they parse and type the input; the rules live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.cobuild.models import (
    BinKind,
    CobuildItem,
    ItemStatus,
    ListKind,
    PropertyCommittee,
    Rectification,
    RectificationCategory,
    RectificationStatus,
)
from jiedao.core.forms import DateRangeMixin, ListFilterMixin, bootstrap_form
from jiedao.core.models import Area, AreaLevel
from jiedao.enterprises.models import Enterprise
from jiedao.registry.models import Compound

MSG_ENTERPRISE_UNKNOWN = "经济名录库中没有该统一社会信用代码的企业，或该企业不在您的辖区"

# <input type="date"> takes ISO dates only; zh-hans would render 2023/05/01, which the browser drops.
DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


def _all(label: str, choices) -> list:
    return [("", label), *choices]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def scope_communities(user):
    return (
        Area.objects.for_user(user).filter(level=AreaLevel.COMMUNITY, valid_to__isnull=True).order_by("path")
    )


def scope_compounds(user):
    return Compound.objects.for_user(user).select_related("area").order_by("area__path", "name")


def _version(form: forms.Form) -> dict:
    """The `version` keyword of the update service, on an edit form."""
    return {"version": form.cleaned_data["version"]} if "version" in form.fields else {}


class CompoundChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Compound) -> str:
        return f"{obj.area.name} · {obj.name}"


class _Bootstrapped:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class _CommunityFilter(ListFilterMixin, _Bootstrapped, forms.Form):
    community = forms.ChoiceField(label="社区", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].choices = _all("全部社区", [(a.pk, a.name) for a in scope_communities(user)])


class ItemFilterForm(_CommunityFilter):
    q = forms.CharField(
        label="事项/共建单位",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "事项名称、共建单位或小区"}),
    )
    kind = forms.ChoiceField(label="清单类型", required=False, choices=_all("全部清单", ListKind.choices))
    status = forms.ChoiceField(label="推进状态", required=False, choices=_all("全部状态", ItemStatus.choices))
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    field_order = ["q", "kind", "status", "year", "community"]


class RectificationFilterForm(DateRangeMixin, _CommunityFilter):
    q = forms.CharField(
        label="整改事项", required=False, widget=forms.TextInput(attrs={"placeholder": "整改事项或小区"})
    )
    category = forms.ChoiceField(
        label="问题类别", required=False, choices=_all("全部类别", RectificationCategory.choices)
    )
    status = forms.ChoiceField(
        label="整改状态", required=False, choices=_all("全部状态", RectificationStatus.choices)
    )
    overdue = forms.ChoiceField(label="超期", required=False, choices=[("", "不限"), ("1", "仅超期")])
    date_from = forms.DateField(label="发现日期起", required=False, **DATE)
    date_to = forms.DateField(label="发现日期止", required=False, **DATE)
    field_order = ["q", "category", "status", "overdue", "community", "date_from", "date_to"]


class WasteFilterForm(_CommunityFilter):
    q = forms.CharField(
        label="小区", required=False, widget=forms.TextInput(attrs={"placeholder": "小区名称"})
    )
    covered = forms.ChoiceField(
        label="分类设施", required=False, choices=[("", "全部小区"), ("1", "已配备"), ("0", "未配备")]
    )
    field_order = ["q", "covered", "community"]


class CommitteeFilterForm(_CommunityFilter):
    q = forms.CharField(
        label="小区/主任", required=False, widget=forms.TextInput(attrs={"placeholder": "小区名称或主任姓名"})
    )
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("active", "在任"), ("dissolved", "已解散")]
    )
    field_order = ["q", "state", "community"]


class _PlacedForm(_Bootstrapped, forms.Form):
    """A row placed on a community, optionally on one of its compounds (the compound decides the community)."""

    area = forms.ModelChoiceField(
        label="所属社区", queryset=Area.objects.none(), required=False, empty_label="请选择"
    )
    compound = CompoundChoice(
        label="小区", queryset=Compound.objects.none(), required=False, empty_label="不涉及具体小区"
    )

    # The version the edit page showed (removed on the create page): the service refuses a stale edit.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["area"].queryset = scope_communities(user)
        self.fields["area"].help_text = "选择小区时可不填，以小区所属社区为准"
        self.fields["compound"].queryset = scope_compounds(user)


class ItemForm(_PlacedForm):
    kind = forms.ChoiceField(label="清单类型", choices=_all("请选择", ListKind.choices))
    title = forms.CharField(label="事项名称", max_length=100)
    partner = forms.CharField(label="共建单位", max_length=100, help_text="驻区单位或企业名称")
    enterprise_uscc = forms.CharField(
        label="共建企业统一社会信用代码",
        max_length=30,
        required=False,
        help_text="共建单位为经济名录库中的企业时填写",
    )
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    status = forms.ChoiceField(label="推进状态", choices=ItemStatus.choices, initial=ItemStatus.NOT_STARTED)
    completed_on = forms.DateField(label="完成日期", required=False, help_text="状态为“已完成”时必填", **DATE)
    description = forms.CharField(
        label="事项内容", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    field_order = ["kind", "title", "area", "compound", "partner", "enterprise_uscc", "year", "status"]

    FIELDS = ("kind", "title", "area", "compound", "partner", "year", "status", "completed_on", "description")

    def __init__(self, *args, user, item: CobuildItem | None = None, **kwargs):
        if item is not None:
            initial = {f: getattr(item, f) for f in self.FIELDS}
            initial |= {"area": item.area_id, "compound": item.compound_id}
            initial["enterprise_uscc"] = item.enterprise.uscc if item.enterprise_id else ""
            kwargs.setdefault("initial", initial | {"version": item.version})
        else:
            kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, user=user, **kwargs)
        if item is None:
            del self.fields["version"]

    def clean_enterprise_uscc(self):
        code = self.cleaned_data["enterprise_uscc"].strip().upper()
        if not code:
            return None
        enterprise = Enterprise.objects.for_user(self.user).filter(uscc=code).first()
        if enterprise is None:
            raise ValidationError(MSG_ENTERPRISE_UNKNOWN)
        return enterprise

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {f: data[f] for f in self.FIELDS}
        kwargs["enterprise"] = data["enterprise_uscc"]
        return kwargs | _version(self)


class RectificationForm(_PlacedForm):
    item = forms.CharField(label="整改事项", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))
    category = forms.ChoiceField(label="问题类别", choices=_all("请选择", RectificationCategory.choices))
    found_on = forms.DateField(label="发现日期", **DATE)
    deadline = forms.DateField(label="整改期限", **DATE)
    status = forms.ChoiceField(
        label="整改状态", choices=RectificationStatus.choices, initial=RectificationStatus.PENDING
    )
    rectified_on = forms.DateField(
        label="完成整改日期", required=False, help_text="状态为“已整改”时必填", **DATE
    )
    note = forms.CharField(label="备注", max_length=200, required=False)
    field_order = ["item", "category", "area", "compound", "found_on", "deadline", "status", "rectified_on"]

    FIELDS = (
        "item",
        "category",
        "area",
        "compound",
        "found_on",
        "deadline",
        "status",
        "rectified_on",
        "note",
    )

    def __init__(self, *args, user, rectification: Rectification | None = None, **kwargs):
        if rectification is not None:
            initial = {f: getattr(rectification, f) for f in self.FIELDS}
            initial |= {"area": rectification.area_id, "compound": rectification.compound_id}
            kwargs.setdefault("initial", initial | {"version": rectification.version})
        else:
            kwargs.setdefault("initial", {"found_on": timezone.localdate()})
        super().__init__(*args, user=user, **kwargs)
        if rectification is None:
            del self.fields["version"]

    def service_kwargs(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS} | _version(self)


class WasteForm(_Bootstrapped, forms.Form):
    """A compound's four bin counts; a blank count leaves that category as it is."""

    installed_on = forms.DateField(label="设置日期", help_text="新设置的类别以此日期登记", **DATE)
    # The digest of the compound's bin rows the page showed (services.waste_versions).
    versions = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)

    def __init__(self, *args, counts: dict | None = None, versions: str = "", **kwargs):
        initial = {"installed_on": timezone.localdate(), "versions": versions, **(counts or {})}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for kind in BinKind:
            self.fields[kind.value] = forms.IntegerField(
                label=f"{kind.label}（个）", required=False, min_value=0
            )
        self.order_fields([*BinKind.values, "installed_on", "versions"])
        bootstrap_form(self)

    def counts(self) -> dict:
        return {kind: self.cleaned_data.get(kind) for kind in BinKind.values}


class CommitteeForm(_Bootstrapped, forms.Form):
    compound = CompoundChoice(label="小区", queryset=Compound.objects.none(), empty_label="请选择")
    established_on = forms.DateField(label="成立日期", **DATE)
    director = forms.CharField(label="主任", max_length=50)
    members = forms.IntegerField(label="委员人数", min_value=1)
    dissolved_on = forms.DateField(label="解散日期", required=False, **DATE)
    note = forms.CharField(label="备注", max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = ("established_on", "director", "members", "dissolved_on", "note")

    def __init__(self, *args, user, committee: PropertyCommittee | None = None, compound=None, **kwargs):
        if committee is not None:
            initial = {f: getattr(committee, f) for f in self.FIELDS} | {"version": committee.version}
            kwargs.setdefault("initial", initial)
        elif compound is not None:
            kwargs.setdefault("initial", {"compound": compound.pk})
        super().__init__(*args, **kwargs)
        if committee is not None:
            del self.fields["compound"]
        else:
            self.fields["compound"].queryset = scope_compounds(user)
            del self.fields["version"]

    def service_kwargs(self) -> dict:
        kwargs = {f: self.cleaned_data[f] for f in self.FIELDS}
        if "compound" in self.fields:
            kwargs["compound"] = self.cleaned_data["compound"]
        return kwargs | _version(self)
