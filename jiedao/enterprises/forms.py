"""Forms of the economic directory's pages: they parse and type the input; the rules live in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from jiedao.core.forms import DateRangeMixin, bootstrap_form
from jiedao.core.models import Area, AreaLevel, Role, RoleAssignment, User
from jiedao.core.scoping import scope_q
from jiedao.core.validators import validate_uscc
from jiedao.enterprises.models import (
    Enterprise,
    EnterpriseKind,
    EnterpriseStatus,
    Industry,
    LeadSource,
    LeadStage,
    Scale,
    VisitResult,
)
from jiedao.enterprises.services import next_stages, next_statuses

MSG_ENTERPRISE_UNKNOWN = "经济名录库中没有该统一社会信用代码的企业，或该企业不在您的辖区"

# <input type="date"> takes ISO dates only; zh-hans would render 2023/05/01, which the browser drops.
DATE = {"widget": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}


def _all(label: str, choices) -> list:
    return [("", label), *choices]


class AreaLabelChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.label


def scope_areas(user):
    """The current communities and grids the user may place records on."""
    return (
        Area.objects.for_user(user)
        .filter(level__in=[AreaLevel.COMMUNITY, AreaLevel.GRID], valid_to__isnull=True)
        .select_related("parent")
        .order_by("path")
    )


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on the field it names, or above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class _Bootstrapped:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class _AreaFilters(_Bootstrapped, DateRangeMixin, forms.Form):
    community = forms.ChoiceField(label="社区", required=False)
    grid = forms.ChoiceField(label="网格", required=False)
    date_from = forms.DateField(label="开始日期", required=False, **DATE)
    date_to = forms.DateField(label="结束日期", required=False, **DATE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = list(scope_areas(user))
        self.fields["community"].choices = _all(
            "全部社区", [(a.pk, a.name) for a in areas if a.level == AreaLevel.COMMUNITY]
        )
        self.fields["grid"].choices = _all(
            "全部网格", [(a.pk, a.label) for a in areas if a.level == AreaLevel.GRID]
        )


class EnterpriseFilterForm(_AreaFilters):
    q = forms.CharField(
        label="名称/代码/拼音",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "企业名称、统一社会信用代码或拼音首字母"}),
    )
    industry = forms.ChoiceField(label="行业门类", required=False, choices=_all("全部行业", Industry.choices))
    scale = forms.ChoiceField(label="企业规模", required=False, choices=_all("全部规模", Scale.choices))
    kind = forms.ChoiceField(
        label="主体类型", required=False, choices=_all("全部类型", EnterpriseKind.choices)
    )
    status = forms.ChoiceField(
        label="经营状态", required=False, choices=_all("全部状态", EnterpriseStatus.choices)
    )
    field_order = ["q", "industry", "scale", "kind", "status", "community", "grid", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].label = "入库日期起"
        self.fields["date_to"].label = "入库日期止"


class VisitFilterForm(_AreaFilters):
    q = forms.CharField(
        label="企业", required=False, widget=forms.TextInput(attrs={"placeholder": "名称或代码"})
    )
    result = forms.ChoiceField(
        label="核查结果", required=False, choices=_all("全部结果", VisitResult.choices)
    )
    field_order = ["q", "result", "community", "grid", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].label = "核查日期起"
        self.fields["date_to"].label = "核查日期止"


class LeadFilterForm(_AreaFilters):
    q = forms.CharField(
        label="项目", required=False, widget=forms.TextInput(attrs={"placeholder": "项目名称"})
    )
    stage = forms.ChoiceField(label="项目阶段", required=False, choices=_all("全部阶段", LeadStage.choices))
    industry = forms.ChoiceField(label="行业门类", required=False, choices=_all("全部行业", Industry.choices))
    source = forms.ChoiceField(label="项目来源", required=False, choices=_all("全部来源", LeadSource.choices))
    field_order = ["q", "stage", "industry", "source", "community", "grid", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_from"].label = "接洽日期起"
        self.fields["date_to"].label = "接洽日期止"


class EnterpriseForm(_Bootstrapped, forms.Form):
    """Create (no `enterprise`) or edit an enterprise; the phone is never shown in full, so on edit a blank
    phone keeps the stored one."""

    uscc = forms.CharField(
        label="统一社会信用代码",
        max_length=30,
        validators=[validate_uscc],
        help_text="18位，由数字和大写字母组成（不含I、O、Z、S、V）",
    )
    name = forms.CharField(label="企业名称", max_length=100)
    kind = forms.ChoiceField(label="主体类型", choices=EnterpriseKind.choices, initial=EnterpriseKind.COMPANY)
    industry = forms.ChoiceField(label="行业门类", choices=_all("请选择", Industry.choices))
    scale = forms.ChoiceField(label="企业规模", choices=Scale.choices, initial=Scale.MICRO)
    area = AreaLabelChoice(label="所属社区/网格", queryset=Area.objects.none(), empty_label="请选择")
    address = forms.CharField(label="经营地址", max_length=200, required=False)
    legal_representative = forms.CharField(label="法定代表人", max_length=50, required=False)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = forms.CharField(
        label="联系电话", max_length=20, required=False, help_text="手机号码或带区号的固定电话"
    )
    clear_phone = forms.BooleanField(label="清除已登记的联系电话", required=False)
    established_on = forms.DateField(label="成立日期", required=False, **DATE)
    registered_on = forms.DateField(label="入库日期", **DATE)
    note = forms.CharField(label="备注", max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, enterprise: Enterprise | None = None, **kwargs):
        if enterprise is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{f: getattr(enterprise, f) for f in self.service_fields()},
                    "area": enterprise.area_id,
                    "version": enterprise.version,
                },
            )
        else:
            kwargs.setdefault("initial", {"registered_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.enterprise = enterprise
        self.fields["area"].queryset = scope_areas(user)
        if enterprise is None:
            del self.fields["clear_phone"]
        elif enterprise.contact_phone_masked:
            self.fields[
                "contact_phone"
            ].help_text = f"当前：{enterprise.contact_phone_masked}。留空则保持不变；如需修改请填写新号码"
        else:
            del self.fields["clear_phone"]

    @staticmethod
    def service_fields() -> list[str]:
        return [
            "uscc",
            "name",
            "kind",
            "industry",
            "scale",
            "address",
            "legal_representative",
            "contact_name",
            "established_on",
            "registered_on",
            "note",
        ]

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        kwargs = {f: data[f] for f in self.service_fields()}
        kwargs["area"] = data["area"]
        phone = data["contact_phone"].strip()
        if self.enterprise is None:
            kwargs["contact_phone"] = phone or None
        else:
            kwargs["version"] = data["version"] or 0
            kwargs["contact_phone"] = "" if data.get("clear_phone") else (phone or None)
        return kwargs


class VisitForm(_Bootstrapped, forms.Form):
    visited_on = forms.DateField(label="核查日期", **DATE)
    result = forms.ChoiceField(label="核查结果", choices=_all("请选择", VisitResult.choices))
    note = forms.CharField(
        label="情况说明",
        max_length=200,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "如：实际经营地址、迁往何处、联系人说明等"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"visited_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class StatusForm(_Bootstrapped, forms.Form):
    status = forms.ChoiceField(label="变更为")
    on = forms.DateField(label="迁出/注销日期", **DATE)
    note = forms.CharField(label="说明", max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, enterprise: Enterprise, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate(), "version": enterprise.version})
        super().__init__(*args, **kwargs)
        # Any status is accepted here: whether the move is allowed (now) is the service's answer.
        self.fields["status"].choices = EnterpriseStatus.choices
        self.fields["status"].widget.choices = [(s.value, s.label) for s in next_statuses(enterprise.status)]


class LeadForm(_Bootstrapped, forms.Form):
    name = forms.CharField(label="项目名称", max_length=100, help_text="项目或企业名称，不能与已有项目重名")
    industry = forms.ChoiceField(label="行业门类", choices=_all("请选择", Industry.choices))
    amount = forms.DecimalField(
        label="计划投资额（万元）", required=False, min_value=0, max_digits=12, decimal_places=2
    )
    source = forms.ChoiceField(label="项目来源", choices=LeadSource.choices, initial=LeadSource.OUTREACH)
    area = AreaLabelChoice(label="所属社区/网格", queryset=Area.objects.none(), empty_label="请选择")
    owner = forms.ModelChoiceField(
        label="包联人", queryset=User.objects.none(), required=False, empty_label="未指定"
    )
    contacted_on = forms.DateField(label="接洽日期", **DATE)
    contact_name = forms.CharField(label="联系人", max_length=50, required=False)
    contact_phone = forms.CharField(
        label="联系电话", max_length=20, required=False, help_text="手机号码或带区号的固定电话"
    )
    enterprise_uscc = forms.CharField(
        label="落地企业统一社会信用代码",
        max_length=30,
        required=False,
        help_text="项目落地注册、已录入经济名录库后填写",
    )
    note = forms.CharField(label="备注", max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, lead=None, **kwargs):
        if lead is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{f: getattr(lead, f) for f in ("name", "industry", "amount", "source", "contacted_on")},
                    **{f: getattr(lead, f) for f in ("contact_name", "note")},
                    "area": lead.area_id,
                    "owner": lead.owner_id,
                    "enterprise_uscc": lead.enterprise.uscc if lead.enterprise_id else "",
                    "version": lead.version,
                },
            )
        else:
            kwargs.setdefault("initial", {"contacted_on": timezone.localdate(), "owner": user.pk})
        super().__init__(*args, **kwargs)
        self.user, self.lead = user, lead
        self.fields["area"].queryset = scope_areas(user)
        self.fields["owner"].queryset = owner_candidates(user)
        self.fields["owner"].label_from_instance = lambda u: u.display_name
        if lead is not None and lead.contact_phone_masked:
            self.fields["contact_phone"].help_text = f"当前：{lead.contact_phone_masked}。留空则保持不变"

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
        fields = (
            "name",
            "industry",
            "amount",
            "source",
            "area",
            "owner",
            "contacted_on",
            "contact_name",
            "note",
        )
        kwargs = {f: data[f] for f in fields}
        kwargs["enterprise"] = data["enterprise_uscc"]
        kwargs["contact_phone"] = data["contact_phone"].strip() or None
        if self.lead is not None:
            kwargs["version"] = data["version"] or 0
        return kwargs


def owner_candidates(user):
    """Staff who may carry a lead (包联人): economy keepers and leaders on the user's areas or the street."""
    roles = [Role.STREET_LEADER, Role.OFFICE_STAFF, Role.COMMUNITY_SECRETARY, Role.COMMUNITY_WORKER]
    held = RoleAssignment.objects.active().filter(
        Q(role__in=roles) & (scope_q(user, "area") | Q(area__level=AreaLevel.STREET))
    )
    return User.objects.filter(is_active=True, pk__in=held.values("user")).order_by("username")


class AdvanceForm(_Bootstrapped, forms.Form):
    to_stage = forms.ChoiceField(label="推进到")
    on = forms.DateField(label="日期", **DATE)
    note = forms.CharField(label="说明", max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, lead, **kwargs):
        kwargs.setdefault("initial", {"on": timezone.localdate(), "version": lead.version})
        super().__init__(*args, **kwargs)
        # Any stage is accepted here: the service answers a stale page with MSG_STALE, a move the table does
        # not allow with MSG_STAGE_MOVE; the menu offers only the allowed moves.
        self.fields["to_stage"].choices = LeadStage.choices
        self.fields["to_stage"].widget.choices = [(s.value, s.label) for s in next_stages(lead.stage)]
