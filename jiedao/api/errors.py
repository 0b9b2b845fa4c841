"""Every error of the API has one shape: {"code": str, "message": str, "fields": {field: [messages]}}, in
Chinese — including ninja's own request validation, whose pydantic messages are translated here.

Status codes: 401 no or bad credentials, 403 the role or permission does not allow it, 404 missing or out of
scope (the same answer), 409 a move that lost to someone else's (`stale`) or does not fit the state (`state`),
422 bad input.
"""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

MSG_UNAUTHORIZED = "请先登录，或在 Authorization 头中提供有效的 API 令牌（Bearer）"
MSG_FORBIDDEN = "您没有权限进行此操作"
MSG_NOT_FOUND = "未找到该记录"
MSG_INVALID = "提交的数据有误"
MSG_BAD_REQUEST = "请求体无法解析：应为 UTF-8 编码的 JSON"
# Codes of case_move's ValidationErrors that are conflicts with the record's present, not bad input.
CONFLICT_CODES = frozenset({"stale", "state"})

# Field names users read in messages.
FIELD_LABELS = {
    "source": "来源",
    "category": "分类代码",
    "area": "区划代码",
    "title": "标题",
    "description": "诉求内容",
    "request_type": "诉求类型",
    "urgency": "紧急程度",
    "reporter_name": "诉求人",
    "reporter_phone": "联系电话",
    "anonymous": "匿名",
    "address": "地址",
    "latitude": "纬度",
    "longitude": "经度",
    "external_number": "上游编号",
    "people_count": "涉及人数",
    "parties": "当事人",
    "received_at": "受理时间",
    "action": "办理动作",
    "version": "版本号",
    "note": "说明",
    "assignee": "承办人账号",
    "reason": "退单原因",
    "result": "办理结果",
    "days": "延期天数",
    "resolved": "是否解决",
    "satisfaction": "满意度",
    "declined": "拒绝回访",
    "into": "并入的工单ID",
    "state": "状态",
    "sla_status": "时限状态",
    "community": "社区代码",
    "date_from": "受理日期自",
    "date_to": "受理日期至",
    "q": "搜索",
    "page": "页码",
    "page_size": "每页条数",
    "id": "工单ID",
    "Idempotency-Key": "Idempotency-Key",
}

_DATETIME = "{label}应为 ISO 8601 日期时间，如 2024-09-30T10:00:00+08:00"
_DATE = "{label}应为日期，如 2024-09-30"
_INTEGER = "{label}应为整数"
_NUMBER = "{label}应为数值"
_CHOICE = "{label}取值无效，可选：{expected}"
PYDANTIC_MESSAGES = {
    "missing": "{label}为必填项",
    "extra_forbidden": "不支持的字段“{name}”",
    "string_type": "{label}应为字符串",
    "string_too_long": "{label}不能超过{max_length}个字符",
    "string_too_short": "{label}至少{min_length}个字符",
    "int_type": _INTEGER,
    "int_parsing": _INTEGER,
    "int_from_float": _INTEGER,
    "bool_type": "{label}应为 true 或 false",
    "bool_parsing": "{label}应为 true 或 false",
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "finite_number": _NUMBER,
    "decimal_max_digits": "{label}最多{max_digits}位数字",
    "decimal_max_places": "{label}最多{decimal_places}位小数",
    "decimal_whole_digits": "{label}整数部分最多{whole_digits}位",
    "greater_than_equal": "{label}不能小于{ge}",
    "greater_than": "{label}应大于{gt}",
    "less_than_equal": "{label}不能大于{le}",
    "less_than": "{label}应小于{lt}",
    "enum": _CHOICE,
    "literal_error": _CHOICE,
    "datetime_type": _DATETIME,
    "datetime_parsing": _DATETIME,
    "datetime_from_date_parsing": _DATETIME,
    "date_type": _DATE,
    "date_parsing": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "{label}应为 JSON 对象",
    "dict_type": "{label}应为 JSON 对象",
    "model_type": "{label}应为 JSON 对象",
}
MSG_PYDANTIC_DEFAULT = "{label}格式不正确"
# Where ninja reports a request part's errors; the part's own name is not a field users know.
REQUEST_PARTS = ("body", "query", "path", "header", "form", "cookie", "file")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"code": code, "message": message, "fields": fields or {}}


def label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def translate_pydantic(error: dict) -> tuple[str, str]:
    """(field, Chinese message) of one pydantic error as ninja reports it (`loc` starts with the request
    part, then the parameter's name for a body schema)."""
    loc = [str(part) for part in error.get("loc", ())]
    if loc and loc[0] == "body":
        loc = loc[2:]  # ("body", <the parameter's name>, field …)
    elif loc and loc[0] in REQUEST_PARTS:
        loc = loc[1:]
    field = ".".join(loc)
    name = loc[-1] if loc else ""
    ctx = {k: v for k, v in (error.get("ctx") or {}).items()}
    if "expected" in ctx:
        ctx["expected"] = str(ctx["expected"]).replace("'", "").replace(" or ", ", ").replace(", ", "、")
    template = PYDANTIC_MESSAGES.get(error.get("type", ""), MSG_PYDANTIC_DEFAULT)
    try:
        message = template.format(label=label(name) if name else "请求内容", name=name, **ctx)
    except (KeyError, IndexError):
        message = MSG_PYDANTIC_DEFAULT.format(label=label(name) if name else "请求内容")
    return field or NON_FIELD_ERRORS, message


def fields_from_django(exc: ValidationError) -> tuple[dict[str, list[str]], list[str]]:
    """A service's ValidationError as (field messages, messages not tied to a field)."""
    if not hasattr(exc, "error_dict"):
        return {}, list(exc.messages)
    fields, general = {}, []
    for key, errors in exc.message_dict.items():
        if key == NON_FIELD_ERRORS:
            general.extend(errors)
        else:
            fields[key] = list(errors)
    return fields, general


def _joined(fields: dict[str, list[str]], general: list[str]) -> str:
    messages = general + [m for ms in fields.values() for m in ms]
    return "；".join(messages) or MSG_INVALID


def install(api: NinjaAPI) -> None:
    """Replace ninja's English error answers with ours."""

    def respond(request: HttpRequest, status: int, body: dict) -> HttpResponse:
        response = api.create_response(request, body, status=status)
        if status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="jiedao"'
        return response

    def on_api_error(request, exc: ApiError):
        return respond(request, exc.status, error_body(exc.code, exc.message, exc.fields))

    def on_request_invalid(request, exc: RequestValidationError):
        fields: dict[str, list[str]] = {}
        for error in exc.errors:
            field, message = translate_pydantic(error)
            fields.setdefault(field, []).append(message)
        general = fields.pop(NON_FIELD_ERRORS, [])
        return respond(request, 422, error_body("invalid", _joined(fields, general), fields))

    def on_service_invalid(request, exc: ValidationError):
        fields, general = fields_from_django(exc)
        code = getattr(exc, "code", None) or "invalid"
        status = 409 if code in CONFLICT_CODES else 422
        return respond(request, status, error_body(code, _joined(fields, general), fields))

    def on_denied(request, exc: PermissionDenied):
        return respond(request, 403, error_body("forbidden", str(exc) or MSG_FORBIDDEN))

    def on_missing(request, exc: Http404):
        return respond(request, 404, error_body("not_found", MSG_NOT_FOUND))

    def on_unauthenticated(request, exc: AuthenticationError):
        return respond(request, 401, error_body("unauthorized", MSG_UNAUTHORIZED))

    def on_http_error(request, exc: HttpError):
        if exc.status_code == 400:  # ninja could not parse the body at all
            return respond(request, 400, error_body("bad_request", MSG_BAD_REQUEST))
        return respond(request, exc.status_code, error_body(f"http_{exc.status_code}", exc.message))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(RequestValidationError, on_request_invalid)
    api.add_exception_handler(ValidationError, on_service_invalid)
    api.add_exception_handler(PermissionDenied, on_denied)
    api.add_exception_handler(Http404, on_missing)
    api.add_exception_handler(AuthenticationError, on_unauthenticated)
    api.add_exception_handler(HttpError, on_http_error)
