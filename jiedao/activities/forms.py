"""Forms of the activity and publicity pages: they parse and type the input; the rules live in services."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from jiedao.activities.models import ActivityType, AdoptionLevel, InfoItem, Measure
from jiedao.cases.forms import MultipleFileField, MultipleFileInput
from jiedao.core.forms import DateRangeMixin, ListFilterMixin, bootstrap_form
from jiedao.core.models import Area, AreaLevel, Office

# <input type="date"> takes ISO dates only; zh-hans would render 2023/05/01, which the browser drops.
DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}
MEASURE_PREFIX = "m_"


def _all(label: str, choices) -> list:
    return [("", label), *choices]


class AreaLabelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.label


def scope_areas(user):
    """The current street, communities and grids the user may place records on."""
    return Area.objects.for_user(user).filter(valid_to__isnull=True).select_related("parent").order_by("path")


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class _Bootstrapped:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class ActivityFilterForm(ListFilterMixin, _Bootstrapped, DateRangeMixin, forms.Form):
    q = forms.CharField(
        label="搜索",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "活动名称、地点或组织单位"}),
    )
    type = forms.ChoiceField(label="活动类型", required=False)
    community = forms.ChoiceField(label="社区", required=False)
    office = forms.ChoiceField(label="科室", required=False)
    date_from = forms.DateField(label="开始日期起", required=False, **DATE)
    date_to = forms.DateField(label="开始日期止", required=False, **DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = _all("全部类型", ActivityType.objects.values_list("pk", "name"))
        communities = Area.objects.for_user(user).filter(level=AreaLevel.COMMUNITY).order_by("path")
        self.fields["community"].choices = _all("全部社区", [(a.pk, str(a)) for a in communities])
        self.fields["office"].choices = _all("全部科室", Office.objects.values_list("pk", "name"))


class TotalsForm(_Bootstrapped, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    type = forms.ChoiceField(label="活动类型", required=False)
    community = forms.ChoiceField(label="社区", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = _all("全部类型", ActivityType.objects.values_list("pk", "name"))
        communities = Area.objects.for_user(user).filter(level=AreaLevel.COMMUNITY).order_by("path")
        self.fields["community"].choices = _all("全部社区", [(a.pk, str(a)) for a in communities])


def measure_field(measure: Measure) -> forms.DecimalField:
    return forms.DecimalField(
        label=f"{measure.name}（{measure.unit}）",
        required=False,
        min_value=Decimal(0),
        decimal_places=measure.decimal_places,
        max_digits=14,
        widget=forms.NumberInput(
            attrs={
                "step": str(Decimal(1).scaleb(-measure.decimal_places)),
                "min": "0",
                "inputmode": "decimal",
            }
        ),
        error_messages={
            "min_value": f"“{measure.name}”不能为负数",
            "max_decimal_places": f"“{measure.name}”最多{measure.decimal_places}位小数"
            if measure.decimal_places
            else f"“{measure.name}”应为整数",
            "invalid": f"“{measure.name}”应为数字",
        },
    )


def attachments_field() -> MultipleFileField:
    return MultipleFileField(
        label="照片和文档",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,.pdf,.docx,.xlsx"}),
        help_text="照片（JPEG/PNG/WebP）或文档（PDF、.docx、.xlsx），每个不超过10 MB，每个活动最多9个",
    )


class UploadForm(_Bootstrapped, forms.Form):
    attachments = attachments_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_upload_%s")
        super().__init__(*args, **kwargs)
        self.fields["attachments"].required = True
        self.fields["attachments"].error_messages["required"] = "请选择要上传的文件"


class ActivityForm(_Bootstrapped, forms.Form):
    type = forms.ModelChoiceField(label="活动类型", queryset=ActivityType.objects.none())
    title = forms.CharField(label="活动名称", max_length=100)
    held_on = forms.DateField(label="开始日期", **DATE)
    ended_on = forms.DateField(label="结束日期", required=False, help_text="一天内结束的活动不填", **DATE)
    place = forms.CharField(label="地点", max_length=100, required=False)
    organiser = forms.CharField(label="组织单位", max_length=100, required=False)
    area = AreaLabelChoice(label="所属区域", queryset=Area.objects.none())
    office = forms.ModelChoiceField(label="科室", queryset=Office.objects.all(), required=False)
    description = forms.CharField(label="活动内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachments = attachments_field()
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, activity=None, **kwargs):
        if activity is not None and not kwargs.get("data") and not (args and args[0]):
            kwargs["initial"] = {
                **{f: getattr(activity, f) for f in ("type", "title", "held_on", "ended_on", "place")},
                **{
                    f: getattr(activity, f) for f in ("organiser", "area", "office", "description", "version")
                },
                **{
                    MEASURE_PREFIX + v.measure.code: v.value
                    for v in activity.values.select_related("measure")
                },
            }
        super().__init__(*args, **kwargs)
        types = ActivityType.objects.filter(active=True)
        if activity is not None:
            types = ActivityType.objects.filter(Q(active=True) | Q(pk=activity.type_id))
            del self.fields["attachments"]
        self.fields["type"].queryset = types.order_by("sort_order", "code")
        self.fields["area"].queryset = scope_areas(user)
        self.fields["held_on"].widget.attrs["max"] = f"{timezone.localdate():%Y-%m-%d}"
        self.activity_type = self._chosen_type(activity)
        self.measures = list(self.activity_type.measures.all()) if self.activity_type else []
        for measure in self.measures:
            self.fields[MEASURE_PREFIX + measure.code] = measure_field(measure)
        bootstrap_form(self)

    def _chosen_type(self, activity):
        raw = self.data.get("type") if self.is_bound else (self.initial.get("type") or "")
        if isinstance(raw, ActivityType):
            return raw
        if raw and str(raw).isdigit():
            return self.fields["type"].queryset.filter(pk=raw).first()
        return activity.type if activity is not None else None

    @property
    def measure_fields(self):
        return [self[MEASURE_PREFIX + m.code] for m in self.measures]

    @property
    def main_fields(self):
        return [self[n] for n in self.fields if not n.startswith(MEASURE_PREFIX) and n != "version"]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {
            name: data[name]
            for name in ("type", "title", "held_on", "ended_on", "place", "organiser", "area", "office")
        }
        kwargs["description"] = data["description"]
        kwargs["values"] = {m: data.get(MEASURE_PREFIX + m.code) for m in self.measures}
        return kwargs


class ActivityTypeForm(_Bootstrapped, forms.Form):
    code = forms.SlugField(label="代码", max_length=40, help_text="英文字母、数字、下划线，创建后不能修改")
    name = forms.CharField(label="名称", max_length=40)
    office = forms.ModelChoiceField(label="主管科室", queryset=Office.objects.all(), required=False)
    measures = forms.ModelMultipleChoiceField(
        label="计量项",
        queryset=Measure.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="场次即活动记录本身，无需设置计量项",
    )
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0)
    active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, activity_type=None, **kwargs):
        if activity_type is not None and not (args and args[0]):
            kwargs["initial"] = {
                "code": activity_type.code,
                "name": activity_type.name,
                "office": activity_type.office,
                "measures": list(activity_type.measures.all()),
                "sort_order": activity_type.sort_order,
                "active": activity_type.active,
            }
        super().__init__(*args, **kwargs)
        if activity_type is not None:
            self.fields["code"].disabled = True
            self.fields["measures"].queryset = Measure.objects.filter(
                Q(active=True) | Q(types=activity_type)
            ).distinct()
        self.fields["measures"].widget.attrs.pop("class", None)


class MeasureForm(_Bootstrapped, forms.Form):
    code = forms.SlugField(label="代码", max_length=40)
    name = forms.CharField(label="名称", max_length=40)
    unit = forms.CharField(label="单位", max_length=10)
    decimal_places = forms.TypedChoiceField(
        label="小数位数", coerce=int, choices=[(0, "0（整数）"), (1, "1"), (2, "2")], initial=0
    )
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=100)


class InfoItemFilterForm(ListFilterMixin, _Bootstrapped, forms.Form):
    q = forms.CharField(
        label="搜索", required=False, widget=forms.TextInput(attrs={"placeholder": "标题、作者或摘要"})
    )
    level = forms.ChoiceField(
        label="采用级别", required=False, choices=_all("全部级别", AdoptionLevel.choices)
    )
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    author = forms.CharField(label="作者", required=False)


class InfoItemForm(_Bootstrapped, forms.Form):
    title = forms.CharField(label="标题", max_length=150)
    author = forms.CharField(label="作者", max_length=50)
    submitted_on = forms.DateField(label="报送日期", **DATE)
    area = AreaLabelChoice(label="所属区域", queryset=Area.objects.none())
    office = forms.ModelChoiceField(label="报送科室", queryset=Office.objects.all(), required=False)
    summary = forms.CharField(label="内容摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = scope_areas(user)


class AdoptionForm(_Bootstrapped, forms.Form):
    level = forms.ChoiceField(label="媒体级别", choices=AdoptionLevel.choices)
    outlet = forms.CharField(label="媒体名称", max_length=60)
    adopted_on = forms.DateField(label="采用日期", **DATE)

    def __init__(self, *args, item: InfoItem | None = None, **kwargs):
        kwargs.setdefault("auto_id", "id_adoption_%s")
        super().__init__(*args, **kwargs)
