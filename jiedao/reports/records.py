"""The records behind an indicator: what `compute()` counted, as rows people can read, open and export.

An indicator's value comes with its queryset (jiedao.core.figures); a ratio's with the querysets of its
numerator and denominator, a pair's with one per member. `Traced` holds one computation and its parts; each
`TracedPart` turns its records into rows — the record as its model prints it (a link to its page when the
model has one), the date that placed it in the period, its area, and the field the measure adds up or
groups by. Records are listed only to a user who may view that model; the counts are shown to every reader
of reports (they are the report's figures).

Three class attributes of a model change how its records are shown:
- `figure_date = "received_at"`: the date column (and the order) when the indicator places its records in
  the period inside its queryset rather than by a `date_field`.
- `figure_parent = "activity"`: a row is shown as that parent record (an activity's measured value as the
  activity, an adoption as the item adopted); the parent's view permission applies.
- `audited_reads = "<ledger>"`: the records are sensitive (discipline records); every page or export that
  lists them writes an audit row naming the records shown (`audit_rows`).
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from django.utils import timezone

from jiedao.core.figures import Indicator, Pair, Part, Period, Ratio, Result, as_text, compute

PART_LABELS = {"numerator": "分子", "denominator": "分母", "households": "户数", "people": "人数"}


@dataclass
class Row:
    number: int
    text: str
    url: str
    day: str  # the date (or time) that placed the record in the period, as text ("" without one)
    area: str
    measured: Any  # the measure's field on this record ("" when the measure only counts)


@dataclass
class TracedPart:
    key: str  # "" for a plain indicator, else the part's key (numerator, denominator, a pair's member)
    label: str
    result: Result
    date_field: str | None
    area_field: str
    measure: Any

    @property
    def records(self) -> QuerySet:
        return self.result.records

    @property
    def model(self) -> type[Model]:
        return self.records.model

    @property
    def parent(self) -> str:
        return getattr(self.model, "figure_parent", "")

    @property
    def shown_model(self) -> type[Model]:
        """The model a row shows: the record's own, or its `figure_parent`'s."""
        return self.model._meta.get_field(self.parent).related_model if self.parent else self.model

    @property
    def model_name(self) -> str:
        return str(self.shown_model._meta.verbose_name)

    @property
    def audited_ledger(self) -> str:
        return getattr(self.model, "audited_reads", "")

    @property
    def value_text(self) -> str:
        return as_text(self.result.value)

    @property
    def date_label(self) -> str:
        return _field_label(self.model, self.date_field) if self.date_field else ""

    @property
    def measured_field(self) -> str:
        """The field a sum, a distinct count or a breakdown reads — any measure's `field` ("" for a count)."""
        return getattr(self.measure, "field", "")

    @property
    def measured_label(self) -> str:
        return _field_label(self.model, self.measured_field) if self.measured_field else ""

    def may_view(self, user) -> bool:
        meta = self.shown_model._meta
        return user.has_perm(f"{meta.app_label}.view_{meta.model_name}")

    def ordered(self) -> QuerySet:
        """The records newest first (by the placing date when there is one), with their area (and its parent)
        and the shown parent record loaded: one query for a page, whatever its rows."""
        qs = self.records
        order = [f"-{self.date_field}", "-pk"] if self.date_field else ["-pk"]
        # The area with its parent: a grid's label names its community (Area.label).
        area = f"{self.area_field}__parent" if self.area_field else "parent"
        related = [path for path in (area, self.parent) if path and _is_forward_path(self.model, path)]
        return qs.select_related(*related).order_by(*order)

    def rows(self, records, start: int = 1) -> list[Row]:
        return [self.row(record, start + n) for n, record in enumerate(records)]

    def row(self, record: Model, number: int) -> Row:
        area = _follow(record, self.area_field) if self.area_field else record
        shown = getattr(record, self.parent) if self.parent else record
        url = shown.get_absolute_url() if hasattr(shown, "get_absolute_url") else ""
        return Row(
            number=number,
            text=str(shown),
            url=url,
            day=day_text(_local(_follow(record, self.date_field))) if self.date_field else "",
            area=getattr(area, "label", "") or "",
            measured=_display(record, self.measured_field) if self.measured_field else "",
        )


def audit_rows(request, part: TracedPart, records, **detail) -> None:
    """An audit row naming the records shown, when their model asks for one (`audited_reads`)."""
    if not part.audited_ledger:
        return
    from jiedao.core.audit import audit_record
    from jiedao.core.models import AuditEvent

    rows = [record.pk for record in records]
    audit_record(AuditEvent.VIEW_FULL, request=request, ledger=part.audited_ledger, rows=rows, **detail)


@dataclass
class Traced:
    indicator: Indicator
    period: Period
    area: Any
    result: Result
    parts: list[TracedPart]

    @property
    def value_text(self) -> str:
        return as_text(self.result.value)

    def part(self, key: str) -> TracedPart:
        """The part named `key`, or the first one."""
        return next((p for p in self.parts if p.key == key), self.parts[0])


def trace(indicator: Indicator, period: Period, *, area=None, user=None) -> Traced:
    result = compute(indicator, period, area=area, user=user)
    measure = indicator.measure
    if isinstance(measure, Ratio | Pair):
        defs: dict[str, Part] = (
            {"numerator": measure.numerator, "denominator": measure.denominator}
            if isinstance(measure, Ratio)
            else measure.parts
        )
        parts = [
            TracedPart(
                key=key,
                label=PART_LABELS.get(key, key),
                result=result.parts[key],
                date_field=_shown_date(part.date_field, result.parts[key]),
                area_field=part.area_field,
                measure=part.measure,
            )
            for key, part in defs.items()
        ]
    else:
        parts = [
            TracedPart(
                key="",
                label=indicator.name,
                result=result,
                date_field=_shown_date(indicator.date_field, result),
                area_field=indicator.area_field,
                measure=measure,
            )
        ]
    return Traced(indicator, period, area, result, parts)


def _shown_date(date_field: str | None, result: Result) -> str | None:
    """The indicator's placing date, else the date the records' model shows by (`figure_date`)."""
    return date_field or getattr(result.records.model, "figure_date", None)


def _follow(record: Model, path: str) -> Any:
    value = record
    for name in path.split("__"):
        if value is None:
            return None
        value = getattr(value, name)
    return value


def _field(model: type[Model], path: str):
    field = None
    for name in path.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model or model
    return field


def _field_label(model: type[Model], path: str) -> str:
    try:
        return str(_field(model, path).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return path


def _is_forward_path(model: type[Model], path: str) -> bool:
    """Every step of `path` a foreign key or one-to-one held by the record (select_related can load it)."""
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        if not (field.many_to_one or field.one_to_one) or field.auto_created:
            return False
        model = field.related_model
    return True


def _display(record: Model, path: str) -> Any:
    """The field's value as people read it: a choice's label, a related record's text."""
    *through, name = path.split("__")
    owner = _follow(record, "__".join(through)) if through else record
    if owner is None:
        return ""
    display = getattr(owner, f"get_{name}_display", None)
    value = display() if display else getattr(owner, name)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)  # 80 人次, not 80.00
    return "" if value is None else value


def _local(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


def day_text(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return "" if value is None else str(value)
