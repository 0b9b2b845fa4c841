"""Writes to the area tree: create, split, retire. Areas never move: a restructuring retires the areas it
changes and creates successors, so records keep the area they had when they happened."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from jiedao.core.audit import audit_record
from jiedao.core.models import Area, AreaChange, AreaChangeKind, AreaLevel, AuditEvent, CommunityType, User

MSG_CODE_TAKEN = "区划代码已被使用：{code}"
MSG_PARENT_LEVEL = "{level}的上级必须是{parent_level}"
MSG_STREET_PARENT = "街道是区域树的根，不能有上级区域"
MSG_COMMUNITY_TYPE = "社区必须选择社区类型（城市社区或村转居社区）"
MSG_PARENT_RETIRED = "上级区域“{parent}”已撤销"
MSG_SPLIT_GRID_NOT_CHILD = "网格“{grid}”不属于“{community}”"
MSG_SPLIT_GRID_RETIRED = "网格“{grid}”已撤销，不能再拆分"
MSG_SPLIT_NEEDS_GRIDS = "拆分至少要划出一个网格"
MSG_SPLIT_ALL_GRIDS = "不能划出原社区的全部网格；整体调整请使用合并或撤销"
MSG_RETIRE_HAS_CHILDREN = "“{area}”下还有现行的下级区域，不能撤销"
MSG_DATE_BEFORE_START = "生效日期不能早于区域“{area}”的设立日期（{start}）"

PARENT_LEVEL = {AreaLevel.COMMUNITY: AreaLevel.STREET, AreaLevel.GRID: AreaLevel.COMMUNITY}


def _check_code_free(code: str) -> None:
    if Area.objects.filter(code=code).exists():
        raise ValidationError({"code": MSG_CODE_TAKEN.format(code=code)})


def area_create_check(
    *, code: str, level: AreaLevel | str, parent: Area | None, community_type: str, valid_from: date
) -> str:
    """The rules a new area must satisfy; returns its path. Forms call it in clean()."""
    level = AreaLevel(level)
    _check_code_free(code)
    if level == AreaLevel.STREET:
        if parent is not None:
            raise ValidationError({"parent": MSG_STREET_PARENT})
        return f"/{code}/"
    expected = PARENT_LEVEL[level]
    if parent is None or parent.level != expected:
        raise ValidationError(
            {"parent": MSG_PARENT_LEVEL.format(level=level.label, parent_level=expected.label)}
        )
    if parent.valid_to is not None and parent.valid_to <= valid_from:
        raise ValidationError({"parent": MSG_PARENT_RETIRED.format(parent=parent.name)})
    if level == AreaLevel.COMMUNITY and community_type not in CommunityType.values:
        raise ValidationError({"community_type": MSG_COMMUNITY_TYPE})
    return f"{parent.path}{code}/"


@transaction.atomic
def area_create(
    *,
    code: str,
    name: str,
    level: AreaLevel | str,
    parent: Area | None = None,
    community_type: CommunityType | str = "",
    valid_from: date = date(2000, 1, 1),
    sort_order: int = 0,
    note: str = "",
    actor: User | None = None,
) -> Area:
    level = AreaLevel(level)
    path = area_create_check(
        code=code, level=level, parent=parent, community_type=community_type, valid_from=valid_from
    )
    area = Area(
        code=code,
        name=name,
        level=level,
        parent=parent,
        path=path,
        community_type=community_type if level == AreaLevel.COMMUNITY else "",
        valid_from=valid_from,
        sort_order=sort_order,
        note=note,
    )
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def area_split(
    *,
    community: Area,
    new_code: str,
    new_name: str,
    grid_codes: dict[str, tuple[str, str]],
    effective_on: date,
    community_type: CommunityType | str | None = None,
    note: str = "",
    actor: User | None = None,
) -> AreaChange:
    """Carve a new community out of `community`.

    `grid_codes` maps the code of each grid that moves to (new code, new name) under the new community. The
    moving grids are retired on `effective_on` and recreated under the new community; the old community stays.
    """
    if not grid_codes:
        raise ValidationError({"grids": MSG_SPLIT_NEEDS_GRIDS})
    if effective_on <= community.valid_from:
        raise ValidationError(
            {"effective_on": MSG_DATE_BEFORE_START.format(area=community.name, start=community.valid_from)}
        )
    current_grids = {g.code: g for g in community.children.filter(valid_to__isnull=True)}
    for code in grid_codes:
        grid = current_grids.get(code)
        if grid is None:
            if Area.objects.filter(code=code, parent=community).exists():
                raise ValidationError({"grids": MSG_SPLIT_GRID_RETIRED.format(grid=code)})
            raise ValidationError(
                {"grids": MSG_SPLIT_GRID_NOT_CHILD.format(grid=code, community=community.name)}
            )
    if len(grid_codes) == len(current_grids):
        raise ValidationError({"grids": MSG_SPLIT_ALL_GRIDS})

    new_community = area_create(
        code=new_code,
        name=new_name,
        level=AreaLevel.COMMUNITY,
        parent=community.parent,
        community_type=community_type or community.community_type,
        valid_from=effective_on,
        sort_order=community.sort_order,
        actor=actor,
    )
    change = AreaChange.objects.create(
        kind=AreaChangeKind.SPLIT, effective_on=effective_on, note=note, recorded_by=actor
    )
    change.sources.add(community)
    change.results.add(community, new_community)
    for old_code, (code, name) in grid_codes.items():
        old = current_grids[old_code]
        _retire(old, effective_on)
        successor = area_create(
            code=code,
            name=name,
            level=AreaLevel.GRID,
            parent=new_community,
            valid_from=effective_on,
            sort_order=old.sort_order,
            note=f"由{community.name}{old.name}划入",
            actor=actor,
        )
        change.sources.add(old)
        change.results.add(successor)
    audit_record(
        AuditEvent.AREA_CHANGED,
        user=actor,
        obj=change,
        kind=AreaChangeKind.SPLIT.value,
        source=community.code,
        result=new_code,
    )
    return change


@transaction.atomic
def area_retire(*, area: Area, effective_on: date, note: str = "", actor: User | None = None) -> AreaChange:
    if area.children.filter(valid_to__isnull=True).exists():
        raise ValidationError({"area": MSG_RETIRE_HAS_CHILDREN.format(area=area.name)})
    if effective_on <= area.valid_from:
        raise ValidationError(
            {"effective_on": MSG_DATE_BEFORE_START.format(area=area.name, start=area.valid_from)}
        )
    _retire(area, effective_on)
    change = AreaChange.objects.create(
        kind=AreaChangeKind.RETIRE, effective_on=effective_on, note=note, recorded_by=actor
    )
    change.sources.add(area)
    audit_record(AuditEvent.AREA_CHANGED, user=actor, obj=change, kind="retire", source=area.code)
    return change


def _retire(area: Area, effective_on: date) -> None:
    area.valid_to = effective_on
    area.save(update_fields=["valid_to"])
