"""Writes to the targets ledger. Each function validates, writes the target and its history row in one
transaction, and raises `ValidationError` with Chinese messages keyed by the field they concern.

A target names an indicator by its code (one registered in the indicator registry, or a figure of the seed
report whose indicator is still to come), an area (the street, a community or a grid), a year and a value
above zero; one target per code, area and year. `target_update` takes the `version` the editor saw: a stale
edit is refused (jiedao.core.concurrency); imports pass `UNCHECKED`.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from jiedao.core.concurrency import bump, locked_current
from jiedao.core.figures import all_indicators
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, AreaLevel, User
from jiedao.reports.seed import SEED
from jiedao.targets.models import Target

MSG_CODE_UNKNOWN = "没有代码为“{code}”的指标"
MSG_AREA_LEVEL = "区域应为街道、社区或网格"
MSG_AREA_RETIRED = "区域“{area}”已撤销，请选择现行区域"
MSG_YEAR_RANGE = "年度应在2000年至2100年之间"
MSG_VALUE_POSITIVE = "目标值应大于0"
MSG_VALUE_TOO_LARGE = "目标值过大（最多12位整数、2位小数）"
MSG_TAKEN = "该区域本年度已有这一指标的目标"

EDITABLE = ("code", "area", "year", "value", "note")
MAX_VALUE = Decimal("999999999999.99")


def known_codes() -> dict[str, str]:
    """Indicator codes a target may name, with their Chinese names: the registry's and the seed's."""
    codes = {f.code: f.name for f in SEED.values()}
    codes.update({i.code: i.name for i in all_indicators()})
    return dict(sorted(codes.items()))


def indicator_name(code: str) -> str:
    return known_codes().get(code, "")


def indicator_unit(code: str) -> str:
    from jiedao.core.figures import get_indicator

    try:
        return get_indicator(code).unit
    except LookupError:
        figure = SEED.get(code)
        return figure.unit if figure else ""


def _check(values: dict, *, exclude_pk: int | None = None, area_changed: bool = True) -> None:
    errors = {}
    if values["code"] not in known_codes():
        errors["code"] = MSG_CODE_UNKNOWN.format(code=values["code"])
    area = values["area"]
    if area.level not in (AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID):
        errors["area"] = MSG_AREA_LEVEL
    elif area_changed and area.valid_to is not None:
        errors["area"] = MSG_AREA_RETIRED.format(area=area.name)
    if not 2000 <= int(values["year"]) <= 2100:
        errors["year"] = MSG_YEAR_RANGE
    value = values["value"]
    if value is None or value <= 0:
        errors["value"] = MSG_VALUE_POSITIVE
    elif value > MAX_VALUE:
        errors["value"] = MSG_VALUE_TOO_LARGE
    if errors:
        raise ValidationError(errors)
    taken = Target.objects.filter(code=values["code"], area=area, year=values["year"]).exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError({"code": MSG_TAKEN})


def _save(target: Target, actor: User | None, reason: str) -> None:
    target.full_clean(validate_constraints=False)
    save_with_history(target, actor, reason)


@transaction.atomic
def target_create(
    *,
    code: str,
    area: Area,
    year: int,
    value: Decimal,
    note: str = "",
    actor: User | None = None,
) -> Target:
    values = {"code": code.strip(), "area": area, "year": year, "value": value, "note": note}
    _check(values)
    target = Target(**values)
    _save(target, actor, "新增")
    return target


@transaction.atomic
def target_update(*, target: Target, version, actor: User | None = None, **changes) -> Target:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    current = locked_current(target, version)
    values = {f: getattr(current, f) for f in EDITABLE} | changes
    values["code"] = values["code"].strip()
    _check(values, exclude_pk=current.pk, area_changed=values["area"].pk != current.area_id)
    for field, value in values.items():
        setattr(current, field, value)
    bump(current)
    _save(current, actor, "修改")
    return current
