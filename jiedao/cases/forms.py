"""The case pages' forms: list filters, registration, and one small form per workflow action.

Forms check types and the user's scope (area choices come from `for_user`); the rules (which move from which
state, by whom, with what) stay in `case_create` and `case_move`, whose errors land next to the fields."""

from django import forms

from jiedao.cases import selectors
from jiedao.cases.models import (
    Category,
    RequestType,
    ReturnReason,
    Satisfaction,
    SlaStatus,
    Source,
    State,
    Urgency,
)
from jiedao.core.forms import DateRangeMixin, bootstrap_form
from jiedao.core.models import Role
from jiedao.core.permissions import active_roles
from jiedao.registry.selectors import communities_for

ALL = ("", "全部")


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        depth = obj.path.strip("/").count("/")
        return "　" * depth + obj.name


class CaseFilterForm(DateRangeMixin, forms.Form):
    q = forms.CharField(
        label="搜索",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "工单编号、上游编号或标题"}),
    )
    source = forms.ChoiceField(label="来源", required=False, choices=[ALL, *Source.choices])
    state = forms.ChoiceField(label="状态", required=False, choices=[ALL, *State.choices])
    category = CategoryChoiceField(
        label="分类", required=False, queryset=Category.objects.all(), empty_label="全部"
    )
    community = AreaChoiceField(label="社区", required=False, queryset=None, empty_label="全部社区")
    sla_status = forms.ChoiceField(
        label="时限",
        required=False,
        choices=[
            ALL,
            (SlaStatus.OVERDUE, SlaStatus.OVERDUE.label),
            (SlaStatus.DUE_SOON, SlaStatus.DUE_SOON.label),
        ],
    )
    date_from = forms.DateField(label="受理日期自", required=False, widget=_date_input())
    date_to = forms.DateField(label="受理日期至", required=False, widget=_date_input())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities_for(user)
        bootstrap_form(self)

    def filters(self) -> dict:
        """The values of the valid fields: an invalid one filters nothing (its error is shown)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return dict(self.cleaned_data)


class CaseCreateForm(forms.Form):
    source = forms.ChoiceField(label="来源", choices=Source.choices)
    category = CategoryChoiceField(label="分类", queryset=Category.objects.filter(active=True))
    request_type = forms.ChoiceField(label="诉求类型", choices=RequestType.choices, initial=RequestType.HELP)
    urgency = forms.ChoiceField(label="紧急程度", choices=Urgency.choices, initial=Urgency.NORMAL)
    area = AreaChoiceField(label="所属社区或网格", queryset=None)
    title = forms.CharField(label="标题", max_length=120)
    description = forms.CharField(label="诉求内容", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    address = forms.CharField(label="地址", max_length=200, required=False)
    reporter_name = forms.CharField(label="诉求人", max_length=50, required=False)
    reporter_phone = forms.CharField(
        label="联系电话", max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    anonymous = forms.BooleanField(label="匿名反映（不记录诉求人和电话）", required=False)
    people_count = forms.IntegerField(
        label="涉及人数", min_value=1, required=False, help_text="信访件填写", widget=forms.NumberInput()
    )
    parties = forms.CharField(
        label="当事人",
        required=False,
        help_text="矛盾纠纷填写，每行一人",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.case_areas(user)
        self.fields["category"].queryset = Category.objects.filter(active=True).order_by("path")
        if any(a.role == Role.GRID_WORKER for a in active_roles(user)):
            self.fields["source"].initial = Source.GRID  # the grid worker's patrol report
        bootstrap_form(self)

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["reporter_phone"] = data["reporter_phone"] or None
        return data


# ---- one form per workflow action; `move_kwargs()` gives case_move its `version`, `note` and data ----


class ActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, case, user, action, **kwargs):
        # Every action's form sits on one page: ids are prefixed with the action, names stay plain.
        kwargs.setdefault("auto_id", f"id_{action}_%s")
        kwargs.setdefault("initial", {"version": case.version})
        super().__init__(*args, **kwargs)
        self.case, self.user, self.action = case, user, action
        self.order_fields([name for name in self.fields if name != "note"] + ["note"])
        bootstrap_form(self)

    def data_kwargs(self) -> dict:
        return {}

    def move_kwargs(self) -> dict:
        return {
            "version": self.cleaned_data["version"],
            "note": self.cleaned_data["note"],
            **self.data_kwargs(),
        }


class DispatchForm(ActionForm):
    area = AreaChoiceField(label="承办社区或网格", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.dispatch_areas(self.case, self.user)

    def data_kwargs(self) -> dict:
        return {"area": self.cleaned_data["area"]}


class ReturnForm(ActionForm):
    reason = forms.ChoiceField(label="退单原因", choices=[("", "请选择"), *ReturnReason.choices])

    def data_kwargs(self) -> dict:
        return {"reason": self.cleaned_data["reason"]}


class CloseForm(ActionForm):
    result = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 3}))

    def data_kwargs(self) -> dict:
        return {"result": self.cleaned_data["result"]}


class ExtensionForm(ActionForm):
    days = forms.IntegerField(label="延期天数（工作日）", min_value=1, max_value=30)

    def data_kwargs(self) -> dict:
        return {"days": self.cleaned_data["days"]}


class CallbackForm(ActionForm):
    resolved = forms.TypedChoiceField(
        label="是否解决",
        required=False,
        choices=[("", "请选择"), ("1", "已解决"), ("0", "未解决")],
        coerce=lambda v: v == "1",
        empty_value=None,
    )
    satisfaction = forms.ChoiceField(
        label="满意度", required=False, choices=[("", "请选择"), *Satisfaction.choices]
    )
    declined = forms.BooleanField(label="群众拒绝回访", required=False)

    def data_kwargs(self) -> dict:
        if self.cleaned_data["declined"]:
            return {"declined": True}
        return {"resolved": self.cleaned_data["resolved"], "satisfaction": self.cleaned_data["satisfaction"]}


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "dispatch": DispatchForm,
    "reassign": DispatchForm,
    "return": ReturnForm,
    "close": CloseForm,
    "request_extension": ExtensionForm,
    "callback": CallbackForm,
}


def action_form(action: str, case, user, data=None) -> ActionForm:
    return ACTION_FORMS.get(action, ActionForm)(data, case=case, user=user, action=action)
