"""The JSON API under /api/v1/ (django-ninja): its authentication, error answers, routers and docs.

The docs page (/api/v1/docs) is Swagger UI served from ninja's own static files ("ninja" in INSTALLED_APPS):
it works without internet access.
"""

from functools import wraps

from django.http import HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, re_path
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from jiedao.api import errors
from jiedao.api.auth import auth_with, docs_login_required
from jiedao.api.cases import router as cases_router
from jiedao.api.reference import router as reference_router

DESCRIPTION = """街道数字化平台的 JSON 接口。

认证：浏览器中已登录的会话（写操作需带 `X-CSRFToken` 头），或个人 API 令牌
`Authorization: Bearer jdapi_…`（由管理员执行 `jiedao apitoken create 账号 名称` 生成）。
令牌代表其账号：角色、辖区和权限与页面完全一致。

错误一律为 `{"code": …, "message": …, "fields": {字段: [说明]}}`。详见 docs/api.md。
"""


class Utf8JSONRenderer(JSONRenderer):
    json_dumps_params = {"ensure_ascii": False}  # Chinese readable in curl


api = NinjaAPI(
    title="街道数字化平台 API",
    version="1",
    description=DESCRIPTION,
    auth=auth_with(),
    renderer=Utf8JSONRenderer(),
    urls_namespace="api",
    # validatorUrl: Swagger UI would otherwise send the schema to an online validator.
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
    docs_decorator=docs_login_required,
)
errors.install(api)
api.add_router("", cases_router)
api.add_router("", reference_router)


MSG_METHOD = "此接口不支持 {method} 请求"
MSG_NOT_FOUND = "没有这个接口：{path}"


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        errors.error_body(code, message), status=status, json_dumps_params={"ensure_ascii": False}
    )


def _json_405(view):
    """Ninja answers a method no operation takes with a plain-text 405; ours is the API's error object."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            error = _error(405, "method_not_allowed", MSG_METHOD.format(method=request.method))
            error["Allow"] = response["Allow"]
            return error
        return response

    return wrapped


def not_found(request, rest: str = ""):
    return _error(404, "not_found", MSG_NOT_FOUND.format(path=request.path))


def api_urls():
    """`api.urls` with JSON 405s, and a JSON 404 for any other path under /api/v1/."""
    patterns, app_name, namespace = api.urls
    wrapped = [
        URLPattern(p.pattern, _json_405(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]
    return [*wrapped, re_path(r"^(?P<rest>.*)$", not_found, name="api_not_found")], app_name, namespace
