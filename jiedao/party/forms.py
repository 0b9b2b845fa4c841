"""Forms of the party, integrity and honour pages: they parse and type the input; the rules live in services
(the model forms leave model validation to them: `_post_clean` is the services' job)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from jiedao.core.forms import DateRangeMixin, ListFilterMixin, bootstrap_form
from jiedao.core.models import Area, User
from jiedao.party.models import (
    BranchKind,
    BranchTitle,
    DisciplineKind,
    DisciplineRecord,
    DutyKind,
    Honour,
    HonourKind,
    IntegrityArchive,
    MemberStatus,
    PartyBranch,
    PartyMember,
    StaffDuty,
    TitleKind,
)
from jiedao.party.services import ANY_LEVEL, MSG_RESIDENT_UNKNOWN, STREET_OR_COMMUNITY, resident_by_id_number

DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _all(label: str, choices) -> list:
    return [("", label), *choices]


def scope_areas(user, levels=ANY_LEVEL):
    return (
        Area.objects.for_user(user)
        .filter(level__in=levels, valid_to__isnull=True)
        .select_related("parent")
        .order_by("path")
    )


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.label


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}（{obj.username}）"


# Filters --------------------------------------------------------------------------------------------------


class _Filters(ListFilterMixin, forms.Form):
    q = forms.CharField(label="搜索", required=False)
    area = forms.ChoiceField(label="区域", required=False)
    area_levels = ANY_LEVEL

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = _all(
            "全部区域", [(a.pk, a.label) for a in scope_areas(user, self.area_levels)]
        )
        bootstrap_form(self)


def _years() -> list[tuple[str, str]]:
    this = timezone.localdate().year
    return [(str(y), f"{y}年") for y in range(this, 2014, -1)]


class BranchFilterForm(_Filters):
    kind = forms.ChoiceField(label="支部类型", required=False, choices=_all("全部类型", BranchKind.choices))
    title = forms.ChoiceField(label="称号", required=False, choices=_all("全部称号", TitleKind.choices))
    year = forms.ChoiceField(label="称号年度", required=False)
    active = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部"), ("1", "在册"), ("0", "已撤销")]
    )
    area_levels = STREET_OR_COMMUNITY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "支部名称或书记姓名"
        self.fields["year"].choices = _all("全部年度", _years())


class MemberFilterForm(DateRangeMixin, _Filters):
    status = forms.ChoiceField(label="党员类别", required=False, choices=_all("全部", MemberStatus.choices))
    current = forms.ChoiceField(label="组织关系", required=False, choices=[("", "全部"), ("1", "仍在本支部")])
    branch = forms.ChoiceField(label="党支部", required=False)
    date_from = forms.DateField(label="入党日期起", required=False, **DATE)
    date_to = forms.DateField(label="入党日期止", required=False, **DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "姓名或支部名称"
        branches = PartyBranch.objects.for_user(user).values_list("pk", "name")
        self.fields["branch"].choices = _all("全部支部", list(branches))


class DutyFilterForm(_Filters):
    duty = forms.ChoiceField(label="职责", required=False, choices=_all("全部职责", DutyKind.choices))
    on = forms.DateField(label="在任日期", required=False, help_text="该日仍在担任", **DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "姓名或账号"


class ArchiveFilterForm(DateRangeMixin, _Filters):
    year = forms.ChoiceField(label="档案年度", required=False)
    date_from = forms.DateField(label="建档日期起", required=False, **DATE)
    date_to = forms.DateField(label="建档日期止", required=False, **DATE)
    area_levels = STREET_OR_COMMUNITY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "姓名、单位或职务"
        self.fields["year"].choices = _all("全部年度", _years())


class DisciplineFilterForm(DateRangeMixin, _Filters):
    kind = forms.ChoiceField(label="处理方式", required=False, choices=_all("全部", DisciplineKind.choices))
    date_from = forms.DateField(label="处理日期起", required=False, **DATE)
    date_to = forms.DateField(label="处理日期止", required=False, **DATE)
    area_levels = STREET_OR_COMMUNITY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "姓名、单位或事由"


class HonourFilterForm(_Filters):
    kind = forms.ChoiceField(label="荣誉类别", required=False, choices=_all("全部类别", HonourKind.choices))
    year = forms.ChoiceField(label="年度", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs["placeholder"] = "荣誉名称、授予单位或小区"
        self.fields["year"].choices = _all("全部年度", _years())


# Record forms ---------------------------------------------------------------------------------------------


class _RecordForm(forms.ModelForm):
    """A model form whose values go to a service: the form types the input, the service validates the record."""

    area_levels = STREET_OR_COMMUNITY

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if "area" in self.fields:
            self.fields["area"] = AreaChoice(
                label=self.fields["area"].label,
                queryset=scope_areas(user, self.area_levels),
                required=self.fields["area"].required,
                empty_label="请选择",
            )
            if self.instance.pk:
                self.initial["area"] = self.instance.area_id
        if "user" in self.fields:
            self.fields["user"] = UserChoice(
                label=self.fields["user"].label,
                queryset=User.objects.filter(is_active=True).order_by("username"),
                required=self.fields["user"].required,
                empty_label="未关联",
            )
            if self.instance.pk:
                self.initial["user"] = self.instance.user_id
        if self.instance.pk and hasattr(self.instance, "version"):
            # The version the page showed: the service refuses the edit if the record changed since.
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False)
            self.initial["version"] = self.instance.version
        bootstrap_form(self)

    def _post_clean(self):
        # Model validation (constraints, choices) runs in the service, on the record it writes.
        pass

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class BranchForm(_RecordForm):
    class Meta:
        model = PartyBranch
        fields = ["name", "kind", "area", "secretary", "established_on", "active", "note"]
        widgets = {"established_on": DATE_WIDGET}


class TitleForm(_RecordForm):
    class Meta:
        model = BranchTitle
        fields = ["year", "title", "awarded_by", "note"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class MemberForm(_RecordForm):
    # The service names the linked resident; the form shows it beside the ID number that chose it.
    service_fields = {"resident": "id_number"}
    id_number = forms.CharField(
        label="身份证号码",
        max_length=30,
        required=False,
        help_text="填写后关联辖区居民档案；留空则不改变已有关联",
    )

    class Meta:
        model = PartyMember
        fields = ["branch", "name", "gender", "joined_party_on", "status", "post", "transferred_out_on"]
        widgets = {"joined_party_on": DATE_WIDGET, "transferred_out_on": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if self.instance.pk and self.instance.resident_id:
            self.fields[
                "id_number"
            ].help_text = f"已关联居民档案（{self.instance.resident.id_number_masked}）；留空则保持不变"
        self.fields["branch"].queryset = PartyBranch.objects.for_user(user).filter(active=True)
        if self.instance.pk:
            # A member of a branch since revoked can still be edited.
            self.fields["branch"].queryset = PartyBranch.objects.for_user(user).filter(
                pk__in=[self.instance.branch_id, *self.fields["branch"].queryset.values_list("pk", flat=True)]
            )

    def clean_id_number(self):
        raw = self.cleaned_data["id_number"].strip()
        if not raw:
            return None
        resident = resident_by_id_number(raw, self.user)
        if resident is None:
            raise ValidationError(MSG_RESIDENT_UNKNOWN)
        return resident

    def values(self) -> dict:
        values = super().values()
        resident = values.pop("id_number")
        if resident is not None:
            values["resident"] = resident
        return values


class DutyForm(_RecordForm):
    area_levels = ANY_LEVEL

    class Meta:
        model = StaffDuty
        fields = ["user", "duty", "area", "start_date", "end_date", "note"]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].empty_label = "请选择"


class ArchiveForm(_RecordForm):
    class Meta:
        model = IntegrityArchive
        fields = ["person_name", "user", "unit", "post", "area", "year", "filed_on", "note"]
        widgets = {"filed_on": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"year": today.year, "filed_on": today})
        super().__init__(*args, **kwargs)


class DisciplineForm(_RecordForm):
    class Meta:
        model = DisciplineRecord
        fields = [
            "person_name",
            "user",
            "unit",
            "post",
            "kind",
            "occurred_on",
            "reason",
            "decided_by",
            "area",
        ]
        widgets = {"occurred_on": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}


class HonourForm(_RecordForm):
    area_levels = ANY_LEVEL

    class Meta:
        model = Honour
        fields = ["kind", "name", "year", "awarded_by", "awarded_on", "area", "compound", "note"]
        widgets = {"awarded_on": DATE_WIDGET}

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, user=user, **kwargs)
        from jiedao.registry.models import Compound

        self.fields["area"].required = False
        self.fields["area"].help_text = "选择小区时自动归属小区所在社区"
        self.fields["compound"].queryset = Compound.objects.for_user(user).select_related("area")
        self.fields["compound"].empty_label = "不涉及小区"
        self.fields["compound"].label_from_instance = lambda c: f"{c.area.name} · {c.name}"
