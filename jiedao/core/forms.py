from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from jiedao.core.audit import audit_record
from jiedao.core.models import AreaLevel, AuditEvent, CommunityType
from jiedao.core.services.accounts import login_locked, login_locked_message

MSG_INVALID_LOGIN = "账号或密码错误"
MSG_DATE_RANGE = "结束日期不能早于开始日期"


def bootstrap_form(form: forms.Form) -> None:
    for field in form.fields.values():
        widget = field.widget
        css = "form-select" if isinstance(widget, forms.Select) else "form-control"
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        widget.attrs.setdefault("class", css)


class LoginForm(AuthenticationForm):
    """Django's login form with a generic Chinese error and the failed-login lock (等保: 登录失败处理)."""

    error_messages = {"invalid_login": MSG_INVALID_LOGIN, "inactive": MSG_INVALID_LOGIN}

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "账号"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs["placeholder"] = "请输入账号"
        self.fields["password"].widget.attrs["placeholder"] = "请输入密码"
        bootstrap_form(self)

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if username and login_locked(username):
            audit_record(
                AuditEvent.LOGIN_FAILED,
                request=self.request,
                username=username,
                success=False,
                reason="locked",
            )
            raise forms.ValidationError(login_locked_message(), code="locked")
        return super().clean()


class DateRangeMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", MSG_DATE_RANGE)
        return data


class ListFilterMixin:
    """A list page's filter form: `filters()` gives the values of its valid fields — an invalid one filters
    nothing, and its error is shown beside it."""

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return dict(self.cleaned_data)


STATUS_CHOICES = [("current", "现行"), ("retired", "已撤销"), ("all", "全部")]


class AreaFilterForm(forms.Form):
    q = forms.CharField(label="名称或代码", required=False)
    level = forms.ChoiceField(label="层级", required=False, choices=[("", "全部层级"), *AreaLevel.choices])
    community_type = forms.ChoiceField(
        label="社区类型", required=False, choices=[("", "全部类型"), *CommunityType.choices]
    )
    status = forms.ChoiceField(label="状态", required=False, choices=STATUS_CHOICES, initial="current")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


class AuditFilterForm(DateRangeMixin, forms.Form):
    username = forms.CharField(label="账号", required=False)
    event = forms.ChoiceField(label="事件", required=False, choices=[("", "全部事件"), *AuditEvent.choices])
    success = forms.ChoiceField(
        label="结果", required=False, choices=[("", "全部结果"), ("1", "成功"), ("0", "失败")]
    )
    date_from = forms.DateField(
        label="开始日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="结束日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_form(self)


def add_service_errors(form: forms.Form, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: keyed messages next to their field (renamed through
    `aliases`, or the form's own `service_fields`, where the form names it differently), the rest above the form."""
    aliases = aliases or getattr(form, "service_fields", {})
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        field = aliases.get(key, key)
        form.add_error(field if field in form.fields and key != NON_FIELD_ERRORS else None, errors)


def submit_form(request, form: forms.Form, write):
    """Run `write(form)` for a valid POST; a service's ValidationError lands on the form. The result or None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return write(form)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
