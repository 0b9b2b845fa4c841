"""工单查询's search and scope as the list reads them at scale: by area ids, and (PostgreSQL) through the grams
index — the results must be those of a plain `icontains` over number, upstream number and title."""

from datetime import timedelta

from jiedao.cases import selectors
from jiedao.cases.models import Case, Source
from jiedao.core.models import AreaLevel
from jiedao.core.services.areas import area_create
from tests.cases.helpers import local, make_case


def found(user, text):
    return list(selectors.case_list(user, {"q": text}).values_list("pk", flat=True))


def test_it_finds_a_case_by_a_piece_of_its_number_upstream_number_or_title(world, categories):
    noise = make_case(world, categories, title="夜间施工噪音扰民")
    upstream = make_case(world, categories, external_number="GD20240930-0117")
    other = make_case(world, categories, title="路灯不亮")
    assert found(world.leader, "噪音") == [noise.pk]  # two characters
    assert found(world.leader, "施工噪音扰") == [noise.pk]
    assert found(world.leader, "gd2024") == [upstream.pk]  # any case
    assert found(world.leader, "0930-01") == [upstream.pk]
    assert found(world.leader, other.number[2:]) == [other.pk]
    assert found(world.leader, "灯") == [other.pk]  # one character: no index, still found
    assert found(world.leader, "噪音 扰民") == []
    assert found(world.leader, "不存在的诉求") == []


def test_it_searches_only_within_the_scope(world, categories):
    in_b = make_case(world, categories, area=world.grid_b1, title="河道漂浮垃圾")
    assert found(world.worker_b, "漂浮") == [in_b.pk]
    assert found(world.worker_a, "漂浮") == []


def test_many_matches_are_listed_newest_first(world, categories, monkeypatch):
    monkeypatch.setattr(selectors, "FEW_MATCHES", 1)  # past it: read down the received_at order
    start = local(2024, 3, 1, 9, 0)
    made = [
        make_case(world, categories, title=f"占道经营{n}", received_at=start + timedelta(days=n))
        for n in range(3)
    ]
    make_case(world, categories, title="小区垃圾未及时清运")
    assert found(world.leader, "占道") == [case.pk for case in reversed(made)]
    assert found(world.grid_a2_worker, "占道") == []


def test_a_new_area_is_in_scope_at_once(world, categories):
    user = world.worker_a
    assert selectors.case_list(user, {}).count() == 0  # the scope's area ids are now cached on the user
    grid = area_create(code="15010300100103", name="网格A3", level=AreaLevel.GRID, parent=world.community_a)
    case = make_case(world, categories, area=grid, source=Source.GRID)
    assert list(selectors.case_list(user, {})) == [case]
    assert Case.objects.for_user(world.worker_b).count() == 0
