"""The JSON API under /api/v1/ (django-ninja): its authentication, error answers, routers and docs.

The docs page (/api/v1/docs) is Swagger UI served from ninja's own static files ("ninja" in INSTALLED_APPS):
it works without internet access.
"""

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
