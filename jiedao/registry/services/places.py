"""Writes to compounds, buildings and premises."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from jiedao.core.crypto import phone_columns
from jiedao.core.models import Area, AreaLevel, User
from jiedao.registry.models import Building, Compound, Premises, PremisesKind, PremisesStatus
from jiedao.registry.models.places import SUB_KINDS

MSG_NOT_COMMUNITY = "“{area}”不是社区，小区必须属于一个社区"
MSG_NOT_GRID = "“{area}”不是网格，楼栋必须属于一个网格"
MSG_GRID_OUTSIDE = "网格“{grid}”不属于小区所在的“{community}”"
MSG_AREA_RETIRED = "区域“{area}”已撤销"
MSG_SUB_KIND = "“{kind}”的细分类型应为：{options}"
MSG_NO_SUB_KIND = "“{kind}”没有细分类型"
MSG_PREMISES_AREA = "场所所属区域应为社区或网格"
MSG_BUILDING_COMPOUND = "楼栋“{building}”不属于小区“{compound}”"


def _current(area: Area, field: str) -> None:
    if area.valid_to is not None:
        raise ValidationError({field: MSG_AREA_RETIRED.format(area=area.name)})


@transaction.atomic
def compound_create(
    *,
    name: str,
    community: Area,
    address: str = "",
    built_year: int | None = None,
    property_company: str = "",
    note: str = "",
    actor: User | None = None,
) -> Compound:
    if community.level != AreaLevel.COMMUNITY:
        raise ValidationError({"area": MSG_NOT_COMMUNITY.format(area=community.name)})
    _current(community, "area")
    compound = Compound(
        name=name,
        area=community,
        address=address,
        built_year=built_year,
        property_company=property_company,
        note=note,
    )
    compound.full_clean()
    compound.save()
    return compound


def building_check(*, compound: Compound, grid: Area) -> None:
    if grid.level != AreaLevel.GRID:
        raise ValidationError({"area": MSG_NOT_GRID.format(area=grid.name)})
    _current(grid, "area")
    if grid.parent_id != compound.area_id:
        raise ValidationError({"area": MSG_GRID_OUTSIDE.format(grid=grid.name, community=compound.area.name)})


@transaction.atomic
def building_create(
    *,
    compound: Compound,
    name: str,
    grid: Area,
    floors: int | None = None,
    units: int | None = None,
    note: str = "",
    actor: User | None = None,
) -> Building:
    building_check(compound=compound, grid=grid)
    building = Building(compound=compound, name=name, area=grid, floors=floors, units=units, note=note)
    building.full_clean()
    building.save()
    return building


def premises_check(
    *, kind: str, sub_kind: str, area: Area, compound: Compound | None, building: Building | None
):
    allowed = SUB_KINDS.get(kind, [])
    label = PremisesKind(kind).label
    if allowed and sub_kind not in allowed:
        options = "、".join(s.label for s in allowed)
        raise ValidationError({"sub_kind": MSG_SUB_KIND.format(kind=label, options=options)})
    if not allowed and sub_kind:
        raise ValidationError({"sub_kind": MSG_NO_SUB_KIND.format(kind=label)})
    if area.level not in (AreaLevel.COMMUNITY, AreaLevel.GRID):
        raise ValidationError({"area": MSG_PREMISES_AREA})
    if building is not None and compound is not None and building.compound_id != compound.pk:
        raise ValidationError(
            {"building": MSG_BUILDING_COMPOUND.format(building=building.name, compound=compound.name)}
        )


def protect_phone(raw: str | None) -> tuple[bytes | None, str, str]:
    """(cipher, index, masked) of an operator's mobile or fixed-line number; empty input gives (None, "", "")."""
    columns = phone_columns(raw, prefix="operator_phone", field="operator_phone")
    return columns["operator_phone_cipher"], columns["operator_phone_index"], columns["operator_phone_masked"]


@transaction.atomic
def premises_create(
    *,
    kind: str,
    name: str,
    address: str,
    area: Area,
    registered_on: date,
    sub_kind: str = "",
    compound: Compound | None = None,
    building: Building | None = None,
    operator_name: str = "",
    operator_phone: str | None = None,
    status: str = PremisesStatus.OPEN,
    note: str = "",
    actor: User | None = None,
) -> Premises:
    if building is not None:
        area, compound = building.area, compound or building.compound
    premises_check(kind=kind, sub_kind=sub_kind, area=area, compound=compound, building=building)
    cipher, index, masked = protect_phone(operator_phone)
    premises = Premises(
        kind=kind,
        sub_kind=sub_kind,
        name=name,
        address=address,
        area=area,
        compound=compound,
        building=building,
        operator_name=operator_name,
        operator_phone_cipher=cipher,
        operator_phone_index=index,
        operator_phone_masked=masked,
        status=status,
        registered_on=registered_on,
        note=note,
    )
    premises.full_clean()
    premises.save()
    return premises
