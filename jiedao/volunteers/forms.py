"""Forms of the volunteer pages: they parse and type the input; the rules live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.core.crypto import resident_id_index
from jiedao.core.forms import DateRangeMixin, ListFilterMixin, bootstrap_form
from jiedao.core.models import Area, AreaLevel
from jiedao.registry.models import Resident
from jiedao.volunteers.models import ServiceRecord, TeamKind, VolunteerMember, VolunteerTeam

MSG_ID_INVALID = "身份证号码格式或校验位不正确"
MSG_RESIDENT_UNKNOWN = "居民库中没有该身份证号码的居民，或该居民不在您的辖区"

DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


def _all(label: str, choices) -> list:
    return [("", label), *choices]


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def scope_areas(user):
    """The current street, communities and grids the user may place a team on."""
    return Area.objects.for_user(user).filter(valid_to__isnull=True).select_related("parent").order_by("path")


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.label


def _version(form: forms.Form) -> dict:
    """The `version` keyword of the update service, on an edit form."""
    return {"version": form.cleaned_data["version"]} if "version" in form.fields else {}


class _Bootstrapped:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class _CommunityFilter(ListFilterMixin, _Bootstrapped, forms.Form):
    community = forms.ChoiceField(label="社区", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communities = scope_areas(user).filter(level=AreaLevel.COMMUNITY)
        self.fields["community"].choices = _all("全部社区", [(a.pk, a.name) for a in communities])


class TeamFilterForm(_CommunityFilter):
    q = forms.CharField(
        label="队伍/队长", required=False, widget=forms.TextInput(attrs={"placeholder": "队伍名称或队长"})
    )
    kind = forms.ChoiceField(label="队伍类型", required=False, choices=_all("全部类型", TeamKind.choices))
    state = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("active", "在册"), ("dissolved", "已撤销")]
    )
    field_order = ["q", "kind", "state", "community"]


class ServiceFilterForm(DateRangeMixin, _CommunityFilter):
    q = forms.CharField(
        label="服务主题/队伍",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "服务主题或队伍名称"}),
    )
    kind = forms.ChoiceField(label="队伍类型", required=False, choices=_all("全部类型", TeamKind.choices))
    team = forms.IntegerField(required=False, widget=forms.HiddenInput)
    date_from = forms.DateField(label="服务日期起", required=False, **DATE)
    date_to = forms.DateField(label="服务日期止", required=False, **DATE)
    field_order = ["q", "kind", "community", "date_from", "date_to"]


class TeamForm(_Bootstrapped, forms.Form):
    name = forms.CharField(label="队伍名称", max_length=60)
    kind = forms.ChoiceField(label="队伍类型", choices=_all("请选择", TeamKind.choices))
    area = AreaChoice(label="所属区域", queryset=Area.objects.none(), empty_label="请选择")
    leader = forms.CharField(label="队长", max_length=50)
    founded_on = forms.DateField(label="成立日期", **DATE)
    dissolved_on = forms.DateField(label="撤销日期", required=False, **DATE)
    note = forms.CharField(label="备注", max_length=200, required=False)

    # The version the edit page showed (removed on the create page): the service refuses a stale edit.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = ("name", "kind", "area", "leader", "founded_on", "dissolved_on", "note")

    def __init__(self, *args, user, team: VolunteerTeam | None = None, **kwargs):
        if team is not None:
            initial = {**{f: getattr(team, f) for f in self.FIELDS}, "area": team.area_id}
            kwargs.setdefault("initial", initial | {"version": team.version})
        else:
            kwargs.setdefault("initial", {"founded_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        areas = scope_areas(user)
        if team is not None:  # a team on a retired area keeps it
            areas = areas | Area.objects.filter(pk=team.area_id)
        else:
            del self.fields["version"]
        self.fields["area"].queryset = areas

    def service_kwargs(self) -> dict:
        return {f: self.cleaned_data[f] for f in self.FIELDS} | _version(self)


class MemberForm(_Bootstrapped, forms.Form):
    id_number = forms.CharField(label="居民身份证号码", max_length=30, help_text="居民须已在居民库中登记")
    joined_on = forms.DateField(label="加入日期", **DATE)

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"joined_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_id_number(self):
        index = resident_id_index(self.cleaned_data["id_number"])
        if index is None:
            raise ValidationError(MSG_ID_INVALID)
        resident = Resident.objects.for_user(self.user).filter(id_number_index=index).first()
        if resident is None:
            raise ValidationError(MSG_RESIDENT_UNKNOWN)
        return resident


class LeaveForm(_Bootstrapped, forms.Form):
    left_on = forms.DateField(label="退出日期", **DATE)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"left_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class HonourForm(_Bootstrapped, forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="荣誉称号", max_length=100)
    awarded_by = forms.CharField(label="授予单位", max_length=100)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class MemberChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: VolunteerMember) -> str:
        return obj.resident.name


class ServiceForm(_Bootstrapped, forms.Form):
    served_on = forms.DateField(label="服务日期", **DATE)
    title = forms.CharField(label="服务主题", max_length=100)
    content = forms.CharField(
        label="服务内容", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    volunteers = forms.IntegerField(label="参与志愿者（人次）", min_value=1)
    hours = forms.DecimalField(
        label="服务总时长（小时）",
        min_value=0,
        max_digits=8,
        decimal_places=1,
        help_text="全体参与志愿者的时长之和",
    )
    people_served = forms.IntegerField(label="服务对象（人次）", min_value=0, initial=0)
    members = MemberChoice(
        label="参与的在队志愿者",
        queryset=VolunteerMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    FIELDS = ("served_on", "title", "content", "volunteers", "hours", "people_served")

    def __init__(self, *args, team: VolunteerTeam, record: ServiceRecord | None = None, **kwargs):
        if record is not None:
            initial = {f: getattr(record, f) for f in self.FIELDS}
            initial["members"] = list(record.members.values_list("pk", flat=True))
            kwargs.setdefault("initial", initial | {"version": record.version})
        else:
            kwargs.setdefault("initial", {"served_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if record is None:
            del self.fields["version"]
        self.fields["members"].queryset = (
            VolunteerMember.objects.filter(team=team).select_related("resident").order_by("resident__name")
        )
        self.fields["members"].widget.attrs.pop("class", None)

    def service_kwargs(self) -> dict:
        kwargs = {f: self.cleaned_data[f] for f in self.FIELDS}
        kwargs["members"] = list(self.cleaned_data["members"])
        return kwargs | _version(self)
