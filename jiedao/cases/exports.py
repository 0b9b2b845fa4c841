"""Spreadsheets of the case pages: the filtered list (工单导出) and the KPI table (工单统计).

The list export is capped: a file of more than EXPORT_CAP rows is refused with a message asking for a narrower
filter (nobody reads a bigger sheet, and the page should answer in seconds). Phones are the masked column,
never decrypted. Both are audited like the ledger exports.
"""

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

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
from jiedao.core.audit import audit_record
from jiedao.core.models import Area, AuditEvent, User
from jiedao.excel.writing import rows_bytes

EXPORT_CAP = 50_000
MSG_EXPORT_CAP = "符合条件的工单超过{cap}条，不能一次导出，请按受理日期、社区或来源缩小查询范围后再导出"

CASE_COLUMNS = [
    ("工单编号", 16),
    ("上游编号", 16),
    ("来源", 10),
    ("分类", 20),
    ("诉求类型", 8),
    ("紧急程度", 8),
    ("标题", 30),
    ("地址", 28),
    ("诉求人", 10),
    ("联系电话", 14),
    ("所属社区/网格", 18),
    ("承办区域", 18),
    ("承办人", 10),
    ("状态", 8),
    ("时限状态", 8),
    ("受理时间", 18),
    ("办结期限", 18),
    ("签收时间", 18),
    ("办结时间", 18),
    ("退单原因", 10),
    ("办理结果", 30),
    ("回访结果", 14),
]

# The KPI table's columns: (key in a kpi_table row, header, a percentage?).
KPI_COLUMNS = [
    ("received", "受理量", False),
    ("closed", "办结量", False),
    ("returned", "退单量", False),
    ("in_progress", "在办量", False),
    ("ontime_sign_rate", "及时签收率", True),
    ("ontime_close_rate", "按期办结率", True),
    ("resolution_rate", "解决率", True),
    ("satisfaction_rate", "满意率", True),
    ("return_rate", "退单率", True),
    ("reopen_rate", "重办率", True),
    ("overdue", "超期数", False),
]


# The columns read for a row: plain values, no model instances (a 50,000-row export spends its time here).
ROW_FIELDS = (
    *("number", "external_number", "source", "category_id", "request_type", "urgency", "title", "address"),
    *("anonymous", "reporter_name", "reporter_phone_masked", "area_id", "assigned_area_id", "assignee_id"),
    *("state", "sla_status", "received_at", "due_at", "signed_at", "closed_at", "return_reason", "result"),
    *("callback_declined", "callback_resolved", "callback_satisfaction"),
)
CHOICES = {
    "source": dict(Source.choices),
    "request_type": dict(RequestType.choices),
    "urgency": dict(Urgency.choices),
    "state": dict(State.choices),
    "sla_status": dict(SlaStatus.choices),
    "return_reason": dict(ReturnReason.choices),
    "callback_satisfaction": dict(Satisfaction.choices),
}


def _local(value):
    # XlsxWriter writes naive datetimes: give it the wall-clock time of Beijing, not UTC.
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def callback_text(row: dict) -> str:
    if row["callback_declined"]:
        return "拒绝回访"
    if row["callback_resolved"] is None:
        return ""
    resolved = "解决" if row["callback_resolved"] else "未解决"
    satisfaction = CHOICES["callback_satisfaction"].get(row["callback_satisfaction"])
    return f"{resolved}/{satisfaction}" if satisfaction else resolved


class _Names:
    """Category paths, area labels and user names by id, read once per export (small tables)."""

    def __init__(self, queryset: QuerySet):
        categories = {c.pk: c for c in Category.objects.all()}
        self.categories = {pk: "/".join(self._chain(c, categories)) for pk, c in categories.items()}
        self.areas = {a.pk: a.label for a in Area.objects.select_related("parent")}
        assignees = User.objects.filter(pk__in=queryset.order_by().values("assignee_id"))
        self.users = {u.pk: u.display_name for u in assignees}

    @staticmethod
    def _chain(category, categories) -> list[str]:
        names = []
        while category is not None:
            names.append(category.name)
            category = categories.get(category.parent_id)
        return names[::-1]


def case_row(row: dict, names: _Names) -> list:
    def label(field):
        return CHOICES[field].get(row[field], row[field])

    return [
        row["number"],
        row["external_number"],
        label("source"),
        names.categories.get(row["category_id"], ""),
        label("request_type"),
        label("urgency"),
        row["title"],
        row["address"],
        "匿名" if row["anonymous"] else row["reporter_name"],
        row["reporter_phone_masked"],
        names.areas.get(row["area_id"], ""),
        names.areas.get(row["assigned_area_id"], ""),
        names.users.get(row["assignee_id"], ""),
        label("state"),
        label("sla_status"),
        _local(row["received_at"]),
        _local(row["due_at"]),
        _local(row["signed_at"]),
        _local(row["closed_at"]),
        label("return_reason") if row["return_reason"] else "",
        row["result"],
        callback_text(row),
    ]


def export_cases(queryset: QuerySet, *, user, filters: dict, request=None) -> tuple[bytes, int]:
    """The cases of `queryset` (already scoped and filtered) as .xlsx bytes and their count. Audited.
    More than EXPORT_CAP: ValidationError, nothing written."""
    if queryset.order_by()[: EXPORT_CAP + 1].count() > EXPORT_CAP:
        raise ValidationError(MSG_EXPORT_CAP.format(cap=EXPORT_CAP), code="cap")
    names = _Names(queryset)
    count = 0

    def rows() -> Iterator[list]:
        nonlocal count
        for row in queryset.select_related(None).values(*ROW_FIELDS).iterator(chunk_size=2000):
            count += 1
            yield case_row(row, names)

    data = rows_bytes("工单", [h for h, _ in CASE_COLUMNS], rows(), [w for _, w in CASE_COLUMNS])
    audit_record(
        AuditEvent.EXPORT, request=request, user=user, ledger="cases", filters=_plain(filters), rows=count
    )
    return data, count


def _plain(filters: dict) -> dict:
    """The filters as JSON: model choices by primary key, dates as ISO strings, empty ones left out."""
    out = {}
    for key, value in filters.items():
        if value in (None, ""):
            continue
        out[key] = (
            value.pk if hasattr(value, "pk") else value.isoformat() if isinstance(value, date) else value
        )
    return out


def kpi_headers(group_by: str | None) -> list[str]:
    first = {"community": "社区", "category": "分类"}.get(group_by or "", "")
    rates = [f"{label}（%）" if rate else label for _, label, rate in KPI_COLUMNS]
    return ["统计范围", *([first] if first else []), *rates]


def kpi_bytes(tables: list[dict], *, group_by: str | None) -> bytes:
    """The KPI tables of the page as one sheet: each area's rows, then its 合计 row."""

    def values(row: dict) -> list:
        return [row[key] for key, _, _ in KPI_COLUMNS]

    def rows():
        for table in tables:
            for row in table["rows"]:
                yield [table["area"].label, row["label"], *values(row)]
            yield [table["area"].label, *(["合计"] if group_by else []), *values(table["total"])]

    headers = kpi_headers(group_by)
    return rows_bytes("工单统计", headers, rows(), [16] * len(headers))
