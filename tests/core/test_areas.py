from datetime import date

import pytest
from django.core.exceptions import ValidationError

from jiedao.core.models import Area, AreaChange, AreaLevel, AuditEvent, AuditLog, CommunityType
from jiedao.core.services import areas
from jiedao.core.services.areas import area_create, area_retire, area_split


def test_it_builds_paths_so_a_subtree_is_one_prefix_query(world):
    assert world.grid_a1.path == "/150103001000/150103001001/15010300100101/"
    under_a = set(Area.objects.under(world.community_a).values_list("name", flat=True))
    assert under_a == {"社区A", "网格A1", "网格A2"}


def test_it_refuses_a_grid_directly_under_the_street(world):
    with pytest.raises(ValidationError) as exc:
        area_create(code="15010300199901", name="错层网格", level=AreaLevel.GRID, parent=world.street)
    assert exc.value.message_dict["parent"] == [
        areas.MSG_PARENT_LEVEL.format(level="网格", parent_level="社区")
    ]


def test_it_refuses_a_community_without_type(world):
    with pytest.raises(ValidationError) as exc:
        area_create(code="150103001099", name="无类型社区", level=AreaLevel.COMMUNITY, parent=world.street)
    assert exc.value.message_dict["community_type"] == [areas.MSG_COMMUNITY_TYPE]


def test_it_refuses_a_taken_code(world):
    with pytest.raises(ValidationError) as exc:
        area_create(
            code=world.community_a.code,
            name="重复",
            level=AreaLevel.COMMUNITY,
            parent=world.street,
            community_type=CommunityType.URBAN,
        )
    assert "区划代码已被使用" in exc.value.message_dict["code"][0]


def _split_a(world, **overrides):
    kwargs = dict(
        community=world.community_a,
        new_code="150103001011",
        new_name="奔腾社区",
        grid_codes={world.grid_a2.code: ("15010300101101", "第一网格")},
        effective_on=date(2023, 6, 1),
        note="人口较多，拆分",
    )
    kwargs.update(overrides)
    return area_split(**kwargs)


def test_it_splits_a_community_keeping_old_grids_under_the_old_parent(world):
    change = _split_a(world)
    new = Area.objects.get(code="150103001011")
    assert new.community_type == CommunityType.URBAN
    assert new.valid_from == date(2023, 6, 1)
    world.grid_a2.refresh_from_db()
    # The old grid is retired but stays under 社区A, so records made there before the split keep adding up there.
    assert world.grid_a2.valid_to == date(2023, 6, 1)
    assert world.grid_a2.parent == world.community_a
    successor = Area.objects.get(code="15010300101101")
    assert successor.parent == new and successor.path.startswith(new.path)
    assert set(change.sources.values_list("code", flat=True)) == {world.community_a.code, world.grid_a2.code}
    assert AuditLog.objects.filter(event=AuditEvent.AREA_CHANGED, object_id=str(change.pk)).exists()


def test_it_counts_areas_active_on_a_date(world):
    _split_a(world)
    before = Area.objects.communities().active_on(date(2023, 5, 31)).count()
    after = Area.objects.communities().active_on(date(2023, 6, 1)).count()
    assert (before, after) == (2, 3)
    assert Area.objects.grids().active_on(date(2023, 12, 31)).filter(parent=world.community_a).count() == 1


def test_it_refuses_to_split_off_every_grid(world):
    with pytest.raises(ValidationError) as exc:
        _split_a(
            world,
            grid_codes={
                world.grid_a1.code: ("15010300101101", "第一网格"),
                world.grid_a2.code: ("15010300101102", "第二网格"),
            },
        )
    assert exc.value.message_dict["grids"] == [areas.MSG_SPLIT_ALL_GRIDS]
    assert not AreaChange.objects.exists()


def test_it_refuses_to_split_a_grid_of_another_community(world):
    with pytest.raises(ValidationError) as exc:
        _split_a(world, grid_codes={world.grid_b1.code: ("15010300101101", "第一网格")})
    assert "不属于" in exc.value.message_dict["grids"][0]
    assert not Area.objects.filter(code="150103001011").exists()


def test_it_retires_a_leaf_area_but_not_one_with_current_children(world):
    with pytest.raises(ValidationError) as exc:
        area_retire(area=world.community_b, effective_on=date(2024, 1, 1))
    assert exc.value.message_dict["area"] == [areas.MSG_RETIRE_HAS_CHILDREN.format(area="社区B")]
    area_retire(area=world.grid_b1, effective_on=date(2024, 1, 1))
    world.grid_b1.refresh_from_db()
    assert not world.grid_b1.is_current
    assert str(world.grid_b1) == "网格B1（已撤销）"
