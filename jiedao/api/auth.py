"""Who is calling: a personal API token (`Authorization: Bearer jdapi_…`) or the browser's login session.

Either way the request then acts as that user (`request.user`), so every role, scope and permission rule of the
pages applies unchanged. A session's writes need the CSRF token (`X-CSRFToken`), as Django's forms do; a token
is not sent by the browser on its own, so it needs none.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from jiedao.api.errors import MSG_FORBIDDEN, MSG_UNAUTHORIZED, ApiError, error_body
from jiedao.api.services import apitoken_user
from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent

MSG_TOKEN_INVALID = "API 令牌无效、已吊销或账号已停用"
MSG_CSRF = "CSRF 校验失败：使用登录会话提交时，请在 X-CSRFToken 头中带上 CSRF 令牌"


def _permitted(request: HttpRequest, user, perm: str | None):
    """The user, once they hold `perm`; an audited 403 otherwise — before the request's input is read."""
    if perm is not None and not user.has_perm(perm):
        audit_record(AuditEvent.PERMISSION_DENIED, request=request, user=user, success=False, perm=perm)
        raise PermissionDenied(MSG_FORBIDDEN)
    return user


class TokenAuth(HttpBearer):
    def __init__(self, perm: str | None = None):
        super().__init__()
        self.perm = perm

    def authenticate(self, request: HttpRequest, token: str):
        user = apitoken_user(token.strip())
        if user is None:
            # A wrong token is an answer, not a reason to fall back to the session.
            raise ApiError(401, "token_invalid", MSG_TOKEN_INVALID)
        request.user = user  # audit rows and simple-history record who acted
        return _permitted(request, user, self.perm)


class SessionAuth(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self, perm: str | None = None):
        super().__init__(csrf=True)
        self.perm = perm

    def __call__(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and check_csrf(request) is not None:
            raise ApiError(403, "csrf", MSG_CSRF)
        return _permitted(request, request.user, self.perm)

    def authenticate(self, request: HttpRequest, key):  # pragma: no cover - __call__ does the work
        return request.user if request.user.is_authenticated else None


def auth_with(perm: str | None = None) -> list:
    """The API's authentication, requiring `perm` (e.g. "cases.view_case") of whoever is calling."""
    return [TokenAuth(perm), SessionAuth(perm)]


def docs_login_required(view):
    """The schema and its docs page are for staff: a session or a token; else the login page (docs) or a
    401 (openapi.json)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            user = apitoken_user(header[7:].strip())
            if user is not None:
                request.user = user
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if getattr(view, "func", view).__name__ == "openapi_json":
            response = JsonResponse(error_body("unauthorized", MSG_UNAUTHORIZED), status=401)
            response["WWW-Authenticate"] = 'Bearer realm="jiedao"'
            return response
        return redirect_to_login(request.get_full_path())

    return wrapped
