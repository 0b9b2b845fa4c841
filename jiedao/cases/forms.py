"""The case pages' forms: list filters, registration, and one small form per workflow action.

Forms check types and the user's scope (area choices come from `for_user`); the rules (which move from which
state, by whom, with what) stay in `case_create` and `case_move`, whose errors land next to the fields."""

from datetime import date, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from jiedao.cases import selectors
from jiedao.cases.bulk import parse_pairs
from jiedao.cases.duplicates import merge_targets
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
from jiedao.cases.workflow import MSG_DISPATCH_AREA
from jiedao.core.forms import DateRangeMixin, ListFilterMixin, bootstrap_form
from jiedao.core.models import Role, User
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


class CaseFilterForm(ListFilterMixin, DateRangeMixin, forms.Form):
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


MSG_LATITUDE = "纬度应在-90到90之间"
MSG_LONGITUDE = "经度应在-180到180之间"
MSG_LOCATION_PAIR = "经度和纬度须同时填写或同时留空"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one `<input type=file multiple>` (Django's documented recipe): a list, maybe empty."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = list(data) if isinstance(data, list | tuple) else [data]
        # No file at all still goes through FileField.clean once: that is where `required` is checked.
        return [f for f in (single(d, initial) for d in files or [None]) if f]


def photos_field() -> MultipleFileField:
    # accept="image/*" without `capture`: a phone offers both its camera and its gallery (with `capture`,
    # Android opens the camera only and a photo taken earlier cannot be chosen). The server checks the content.
    widget = MultipleFileInput(attrs={"accept": "image/*"})
    return MultipleFileField(
        label="照片",
        required=False,
        widget=widget,
        help_text="JPEG、PNG或WebP格式，每个工单最多9张（暂不支持HEIC）",
    )


def _coordinate(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"step": "0.000001", "inputmode": "decimal"}),
    )


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
    latitude = _coordinate("纬度")
    longitude = _coordinate("经度")
    photos = photos_field()
    # Shown with the possible duplicates, once some were found: registers the case anyway.
    confirm_new = forms.BooleanField(label="仍然登记为新工单", required=False)

    PLACED_APART = ("latitude", "longitude", "photos", "confirm_new")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.case_areas(user)
        self.fields["category"].queryset = Category.objects.filter(active=True).order_by("path")
        if any(a.role == Role.GRID_WORKER for a in active_roles(user)):
            self.fields["source"].initial = Source.GRID  # the grid worker's patrol report
        areas = list(self.fields["area"].queryset[:2])
        if len(areas) == 1:  # a grid worker's own grid: one choice less to make on a phone
            self.fields["area"].initial = areas[0].pk
        bootstrap_form(self)

    def main_fields(self) -> list:
        """The fields the page lays out in its grid; location, photos and confirm_new have their own places."""
        return [self[name] for name in self.fields if name not in self.PLACED_APART]

    def clean_latitude(self):
        return _in_range(self.cleaned_data.get("latitude"), 90, MSG_LATITUDE)

    def clean_longitude(self):
        return _in_range(self.cleaned_data.get("longitude"), 180, MSG_LONGITUDE)

    def clean(self):
        data = super().clean()
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None) and not (self.has_error("latitude") or self.has_error("longitude")):
            self.add_error("latitude" if lat is None else "longitude", MSG_LOCATION_PAIR)
        return data

    def service_kwargs(self) -> dict:
        """case_create_with_photos's arguments (`confirm_new` is the view's business)."""
        data = dict(self.cleaned_data)
        data.pop("confirm_new", None)
        data["reporter_phone"] = data["reporter_phone"] or None
        return data

    def duplicate_kwargs(self) -> dict:
        """similar_cases's arguments for the case being registered."""
        data = self.cleaned_data
        keys = ("category", "area", "address", "latitude", "longitude")
        return {k: data.get(k) for k in keys}


def _in_range(value, limit: int, message: str):
    if value is not None and not -limit <= value <= limit:
        raise forms.ValidationError(message)
    return value


class CaseAttachmentForm(forms.Form):
    """上传照片 on the case page (the stage follows the case's state)."""

    photos = photos_field()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_upload_%s")
        super().__init__(*args, **kwargs)
        self.fields["photos"].required = True
        self.fields["photos"].error_messages["required"] = "请选择要上传的照片"
        bootstrap_form(self)


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


class AssigneeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return selectors.assignee_label(obj)


MSG_ASSIGNEE_CHOICE = "所选承办人不在该承办区域，请重新选择"


def assignee_field() -> AssigneeChoiceField:
    """承办人: optional; its options are the handlers of the chosen area (refreshed by htmx on a change)."""
    return AssigneeChoiceField(
        label="承办人",
        required=False,
        queryset=User.objects.none(),
        empty_label="不指定（由承办区域安排）",
        error_messages={"invalid_choice": MSG_ASSIGNEE_CHOICE},
    )


def bind_assignees(form: forms.Form) -> None:
    """Offer the handlers of the submitted area (or of the initial one), and make the area select refresh
    the assignee options from /cases/assignees/."""
    area_field = form.fields["area"]
    area = area_field.initial
    if form.is_bound:
        try:
            area = area_field.clean(form.data.get(form.add_prefix("area")))
        except ValidationError:
            area = None
    if area is not None:
        form.fields["assignee"].queryset = selectors.assignable_users(area)
    area_field.widget.attrs.update(
        {
            "hx-get": reverse("case_assignees"),
            "hx-target": f"#{form['assignee'].auto_id}",
            "hx-trigger": "change",
            "hx-swap": "innerHTML",
        }
    )


class DispatchForm(ActionForm):
    area = AreaChoiceField(label="承办社区或网格", queryset=None)
    assignee = assignee_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.dispatch_areas(self.case, self.user)
        if self.action == "reassign" and not self.is_bound:
            self.fields["area"].initial = self.case.assigned_area
            self.fields["assignee"].initial = self.case.assignee_id
        bind_assignees(self)

    def data_kwargs(self) -> dict:
        data = {"area": self.cleaned_data["area"]}
        if self.cleaned_data.get("assignee"):
            data["assignee"] = self.cleaned_data["assignee"]
        return data


def merge_label(case) -> str:
    where = f"相距约{case.distance_m}米" if case.distance_m is not None else case.address
    return f"{case.number} {case.title}（{case.get_state_display()}，{where}）"


class MergeForm(ActionForm):
    """合并: close this case into one of its possible duplicates (`duplicates.merge_targets`)."""

    into = forms.ChoiceField(
        label="合并到工单", error_messages={"invalid_choice": "请从可能重复的工单中选择"}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(c.pk): c for c in merge_targets(self.case, self.user)}
        choices = [(pk, merge_label(c)) for pk, c in self.candidates.items()]
        self.fields["into"].choices = [("", "请选择"), *choices]

    def data_kwargs(self) -> dict:
        return {"into": self.candidates[self.cleaned_data["into"]]}


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
    "merge": MergeForm,
}


def action_form(action: str, case, user, data=None) -> ActionForm:
    return ACTION_FORMS.get(action, ActionForm)(data, case=case, user=user, action=action)


# ---- 批量派单 / 批量受理 on the lists; the KPI page's filters ----


class BulkForm(forms.Form):
    """The bulk bar: the ticked `cases` (`<pk>:<version>` each) and, for 派单, the area and assignee."""

    use_required_attribute = False  # one form, two buttons: 批量受理 needs no area

    def __init__(self, *args, user, **kwargs):
        kwargs.setdefault("auto_id", "id_bulk_%s")
        super().__init__(*args, **kwargs)
        self.user = user
        bootstrap_form(self)

    def clean(self):
        data = super().clean()
        try:
            data["pairs"] = parse_pairs(self.data.getlist("cases") if self.is_bound else [])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0], code=exc.code) from None
        return data

    def move_data(self) -> dict:
        return {}


class BulkDispatchForm(BulkForm):
    area = AreaChoiceField(
        label="承办社区或网格",
        queryset=None,
        empty_label="请选择承办区域",
        error_messages={"required": MSG_DISPATCH_AREA},
    )
    assignee = assignee_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.case_areas(self.user)
        bind_assignees(self)

    def move_data(self) -> dict:
        data = {"area": self.cleaned_data["area"]}
        if self.cleaned_data.get("assignee"):
            data["assignee"] = self.cleaned_data["assignee"]
        return data


PERIODS = [
    ("this_year", "本年"),
    ("this_quarter", "本季度"),
    ("this_month", "本月"),
    ("last_year", "上一年"),
    ("custom", "自定义"),
]
GROUP_BY = [("community", "按社区"), ("category", "按分类"), ("total", "合计")]
MSG_CUSTOM_DATES = "自定义期间须填写开始日期和结束日期"


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """The first and last day of a preset period around `today` (本月, 本季度, 本年, 上一年)."""
    if period == "this_month":
        first = today.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    if period == "this_quarter":
        first = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return first, (first + timedelta(days=95)).replace(day=1) - timedelta(days=1)
    if period == "last_year":
        return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
    return date(today.year, 1, 1), date(today.year, 12, 31)


class KpiForm(DateRangeMixin, forms.Form):
    period = forms.ChoiceField(label="统计期间", choices=PERIODS, required=False)
    date_from = forms.DateField(label="开始日期", required=False, widget=_date_input())
    date_to = forms.DateField(label="结束日期", required=False, widget=_date_input())
    source = forms.ChoiceField(label="来源", required=False, choices=[("", "全部来源"), *Source.choices])
    group_by = forms.ChoiceField(label="分组", required=False, choices=GROUP_BY)
    area = AreaChoiceField(label="区域", required=False, queryset=None, empty_label="我的辖区")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = selectors.kpi_areas(user)
        self.fields["date_from"].help_text = "填写起止日期时按起止日期统计"
        bootstrap_form(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if data.get("period") == "custom" and not (start and end) and not self.errors:
            self.add_error("date_from", MSG_CUSTOM_DATES)
        return data

    def params(self, today: date) -> dict:
        """kpi_tables' arguments: start, end, source, group_by, area (defaults when the form is unbound)."""
        data = self.cleaned_data if self.is_bound else {}
        start, end = data.get("date_from"), data.get("date_to")
        if not (start and end):
            start, end = period_bounds(data.get("period") or "this_year", today)
        group_by = data.get("group_by") or "community"
        return {
            "start": start,
            "end": end,
            "source": data.get("source") or None,
            "group_by": None if group_by == "total" else group_by,
            "area": data.get("area"),
        }
