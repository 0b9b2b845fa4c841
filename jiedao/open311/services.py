"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): keys, parsing the requests, serialising the
answers as JSON or XML.

Only cases reported by residents (`Source.RESIDENT`, which is what this interface files) are published: hotline
orders, petitions and disputes carry other people's words and stay inside. The reporter's name and phone are
never serialised. A phone that fails validation is dropped, not an error: the report itself still counts.

The interface serves one jurisdiction, so `jurisdiction_id` is ignored, as the spec allows. No service has
metadata, so `attribute[…]` arguments are ignored too.
"""

import hashlib
import json
import re
import secrets
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from jiedao.cases.models import OPEN311_STATUS, Case, Category, Source
from jiedao.cases.services import case_create
from jiedao.core.audit import audit_record
from jiedao.core.models import Area, AuditEvent
from jiedao.lib.phone import PhoneError, normalize_phone
from jiedao.open311.models import ApiKey

CHANGESET = "2026-11-30T00:00:00+08:00"
CONTACT = "街道办事处 系统管理员"
AGENCY = "街道办事处"
KEY_PREFIX = "jd311_"
LAST_USED_PRECISION = timedelta(minutes=1)
MAX_DAYS = 90
# The spec's default limit: "a span of 90 days or first 1000 requests returned, whichever is smallest".
MAX_PAGE_SIZE = DEFAULT_PAGE_SIZE = 1000

MSG_KEY_MISSING = "缺少 api_key"
MSG_KEY_INVALID = "api_key 无效或已停用"
MSG_KEY_NO_AREA = "该 api_key 未绑定社区或网格，不能提交诉求"
MSG_SERVICE_MISSING = "缺少 service_code"
MSG_SERVICE_UNKNOWN = "未知的服务代码：{code}"
MSG_LOCATION = "需提供 address_string、address_id，或同时提供 lat 和 long"
MSG_LAT_LONG = "lat/long 应为有效的经纬度数值"
MSG_DATE = "{field} 应为 ISO 8601 日期时间"
MSG_DATE_ORDER = "start_date 不能晚于 end_date"
MSG_DATE_RANGE = f"查询时间范围不能超过{MAX_DAYS}天"
MSG_STATUS = "status 只能为 open 或 closed"
MSG_PAGE = f"page 应为正整数，page_size 应为1至{MAX_PAGE_SIZE}的整数"
MSG_REQUEST_UNKNOWN = "未找到诉求：{id}"
MSG_TOKEN_UNKNOWN = "未找到 token：{token}（本接口同步受理，提交时直接返回 service_request_id）"
MSG_NOT_FOUND = "未找到接口：{path}"
MSG_METHOD = "该接口不支持 {method} 请求"
NOTICE = "诉求已登记，工单编号 {number}，街道将尽快受理"
ADDRESS_ID = "地址编号：{id}"

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'
# XML: the root element of each answer, and the element of each item of a list.
XML_ITEM = {
    "errors": "error",
    "services": "service",
    "service_requests": "request",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
}


class Open311Error(Exception):
    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status = status
        self.description = description


# Keys


def hash_key(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def apikey_create(
    *, name: str, area: Area | None = None, apikey: ApiKey | None = None, request=None
) -> tuple[ApiKey, str]:
    """Create a key (or fill and save the unsaved `apikey` the admin built), audited as made by the request's
    user (without a request: the command line). Returns it with the plain key, which is not stored anywhere:
    show it once."""
    apikey = apikey or ApiKey()
    plain = KEY_PREFIX + secrets.token_urlsafe(32)
    apikey.name, apikey.area = name, area
    apikey.key_hash, apikey.key_prefix = hash_key(plain), plain[:12]
    apikey.full_clean()
    apikey.save()
    audit_record(
        AuditEvent.CREDENTIAL_CREATED,
        request=request,
        username="" if request else "（命令行）",
        obj=apikey,
        credential="open311_apikey",
        prefix=apikey.key_prefix,
    )
    return apikey, plain


@transaction.atomic
def apikeys_deactivate(*, apikeys: QuerySet, request=None) -> int:
    """Deactivate the keys (refused from the next request on), each audited. Returns how many were active."""
    deactivating = list(apikeys.filter(active=True).select_for_update())
    ApiKey.objects.filter(pk__in=[k.pk for k in deactivating]).update(active=False)
    for apikey in deactivating:
        audit_record(
            AuditEvent.CREDENTIAL_REVOKED,
            request=request,
            obj=apikey,
            credential="open311_apikey",
            prefix=apikey.key_prefix,
        )
    return len(deactivating)


def apikey_authenticate(plain: str) -> ApiKey:
    """The active key, its area loaded. `last_used_at` is kept to the minute: under load, writing it on every
    request would serialise all of them on the key's row."""
    if not plain:
        raise Open311Error(403, MSG_KEY_MISSING)
    try:  # get(), not first(): no ORDER BY to build for a unique key, on every request
        apikey = ApiKey.objects.select_related("area").get(key_hash=hash_key(plain), active=True)
    except ApiKey.DoesNotExist:
        raise Open311Error(403, MSG_KEY_INVALID) from None
    now = timezone.now()
    if apikey.last_used_at is None or now - apikey.last_used_at >= LAST_USED_PRECISION:
        apikey.last_used_at = now
        ApiKey.objects.filter(pk=apikey.pk).update(last_used_at=now)
    return apikey


# Discovery and services


def discovery(base_url: str) -> dict:
    return {
        "changeset": CHANGESET,
        "contact": CONTACT,
        "key_service": "提交诉求需向街道系统管理员申请 api_key",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": base_url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["application/json", "text/xml"],
            }
        ],
    }


def _services_queryset():
    return Category.objects.filter(active=True, children__isnull=True)


def _service(category: Category) -> dict:
    chain = category.ancestors_and_self()
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": " › ".join(c.name for c in reversed(chain)),
        "metadata": False,
        "type": "realtime",
        "keywords": ",".join(c.name for c in reversed(chain)),
        "group": chain[-1].name,
    }


def service_list() -> list[dict]:
    return [_service(category) for category in _services_queryset().select_related("parent__parent")]


def service_get(code: str) -> Category:
    if not code:
        raise Open311Error(400, MSG_SERVICE_MISSING)
    try:
        return _services_queryset().get(code=code)
    except Category.DoesNotExist:
        raise Open311Error(404, MSG_SERVICE_UNKNOWN.format(code=code)) from None


def service_definition(code: str) -> dict:
    return {"service_code": service_get(code).code, "attributes": []}


# Submitting a request


def _location(data) -> dict:
    # address_id points into a master address repository we don't have: kept as text for the people handling it.
    address_id = (data.get("address_id") or "").strip()
    address = (data.get("address_string") or "").strip() or (
        ADDRESS_ID.format(id=address_id) if address_id else ""
    )
    address = address[:200]
    lat, long = data.get("lat"), data.get("long")
    if lat or long:
        try:
            latitude, longitude = Decimal(lat), Decimal(long)
        except (InvalidOperation, TypeError):
            raise Open311Error(400, MSG_LAT_LONG) from None
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise Open311Error(400, MSG_LAT_LONG)
        q = Decimal("0.000001")
        return {"address": address, "latitude": latitude.quantize(q), "longitude": longitude.quantize(q)}
    if not address:
        raise Open311Error(400, MSG_LOCATION)
    return {"address": address}


def _phone(raw: str) -> str | None:
    try:
        return normalize_phone(raw) if raw else None
    except PhoneError:
        return None


def request_create(*, data) -> Case:
    """File a resident's report from the POSTed form; raises Open311Error."""
    apikey = apikey_authenticate(data.get("api_key", ""))
    category = service_get(data.get("service_code", ""))
    if apikey.area is None:
        raise Open311Error(403, MSG_KEY_NO_AREA)
    location = _location(data)
    description = (data.get("description") or "").strip()
    name = f"{data.get('last_name', '').strip()}{data.get('first_name', '').strip()}"[:50]
    try:
        return case_create(
            source=Source.RESIDENT,
            category=category,
            title=description[:60] or category.name,
            description=description,
            area=apikey.area,
            reporter_name=name,
            reporter_phone=_phone(data.get("phone", "")),
            **location,
        )
    except ValidationError as exc:
        raise Open311Error(400, "；".join(exc.messages)) from None


def request_created(case: Case) -> list[dict]:
    return [
        {
            "service_request_id": case.number,
            "service_notice": NOTICE.format(number=case.number),
            "account_id": None,
        }
    ]


# Reading requests


def _public_cases():
    return (
        Case.objects.filter(source=Source.RESIDENT)
        .select_related("category")
        .annotate(updated_at=Max("events__at"))
        .order_by("-received_at", "-id")
    )


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _request(case: Case) -> dict:
    """Every field of the spec, in its order; what we don't keep (address_id, zipcode, media_url) is null."""
    return {
        "service_request_id": case.number,
        "status": OPEN311_STATUS[case.state],
        "status_notes": case.get_state_display(),
        "service_name": case.category.name,
        "service_code": case.category.code,
        "description": case.description,
        "agency_responsible": AGENCY,
        "service_notice": None,
        "requested_datetime": _iso(case.received_at),
        "updated_datetime": _iso(case.updated_at or case.received_at),
        "expected_datetime": _iso(case.due_at),
        "address": case.address,
        "address_id": None,
        "zipcode": None,
        "lat": float(case.latitude) if case.latitude is not None else None,
        "long": float(case.longitude) if case.longitude is not None else None,
        "media_url": None,
    }


def _parse_when(params, field: str, *, end_of_day: bool = False) -> datetime | None:
    raw = (params.get(field) or "").strip()
    if not raw:
        return None
    # A "+08:00" sent unencoded arrives as " 08:00".
    raw = re.sub(r" (\d\d:?\d\d)$", r"+\1", raw)
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.combine(day, time.max if end_of_day else time.min)
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(400, MSG_DATE.format(field=field))
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _positive_int(raw, default: int, maximum: int) -> int:
    try:
        value = int(raw) if raw not in (None, "") else default
    except ValueError:
        raise Open311Error(400, MSG_PAGE) from None
    if not 1 <= value <= maximum:
        raise Open311Error(400, MSG_PAGE)
    return value


def _csv(params, field: str) -> list[str]:
    """A list argument: "can be declared multiple times, comma delimited"."""
    return [part.strip() for value in params.getlist(field) for part in value.split(",") if part.strip()]


def request_search(params) -> list[dict]:
    """GET requests: by ids (then nothing else counts), or by service, status and a window of at most 90 days
    (default: the last 90), newest first, a page at a time."""
    cases = _public_cases()
    if ids := _csv(params, "service_request_id"):
        return [_request(case) for case in cases.filter(number__in=ids)]
    end = _parse_when(params, "end_date", end_of_day=True)
    start = _parse_when(params, "start_date")
    end = end or (start + timedelta(days=MAX_DAYS) if start else timezone.now())
    start = start or end - timedelta(days=MAX_DAYS)
    if start > end:
        raise Open311Error(400, MSG_DATE_ORDER)
    if end - start > timedelta(days=MAX_DAYS):
        raise Open311Error(400, MSG_DATE_RANGE)
    cases = cases.filter(received_at__gte=start, received_at__lte=end)
    if codes := _csv(params, "service_code"):
        cases = cases.filter(category__code__in=codes)
    if statuses := _csv(params, "status"):
        if not set(statuses) <= {"open", "closed"}:
            raise Open311Error(400, MSG_STATUS)
        cases = cases.filter(state__in=[s for s, status in OPEN311_STATUS.items() if status in statuses])
    page = _positive_int(params.get("page"), 1, 10**6)
    size = _positive_int(params.get("page_size"), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    return [_request(case) for case in cases[(page - 1) * size : page * size]]


def request_detail(number: str) -> list[dict]:
    case = _public_cases().filter(number=number).first()
    if case is None:
        raise Open311Error(404, MSG_REQUEST_UNKNOWN.format(id=number))
    return [_request(case)]


def token_lookup(token: str) -> list[dict]:
    # Requests are filed synchronously: no token is ever issued, so none is found.
    raise Open311Error(404, MSG_TOKEN_UNKNOWN.format(token=token))


# Rendering


def error_payload(exc: Open311Error) -> list[dict]:
    return [{"code": exc.status, "description": exc.description}]


def _xml_fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _xml_fill(ET.SubElement(element, key), item)
    elif isinstance(value, list):
        for item in value:
            _xml_fill(ET.SubElement(element, XML_ITEM[element.tag]), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def render(payload, fmt: str, *, root: str, status: int = 200) -> HttpResponse:
    """The payload as JSON, or as XML under `root` (lists become one element per item)."""
    if fmt == "xml":
        element = ET.Element(root)
        _xml_fill(element, payload)
        # The spec's declaration, double-quoted (ElementTree's own uses single quotes).
        body = XML_DECLARATION + ET.tostring(element, encoding="unicode")
        return HttpResponse(body.encode(), status=status, content_type="text/xml; charset=utf-8")
    body = json.dumps(payload, ensure_ascii=False)
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
