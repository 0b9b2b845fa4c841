"""The population table: residents on the register on a date, by community or grid, within the user's scope."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from jiedao.registry.selectors import population_table
from jiedao.registry.services.households import resident_register_at
from jiedao.registry.services.people import resident_leave, resident_tag_add, resident_tag_end
from tests.registry.conftest import make_id

ON = date(2023, 6, 1)


def register(places, building, name, seq, *, birth="19800101", registered_on=date(2020, 1, 1), **details):
    return resident_register_at(
        building=places[building],
        unit="1",
        room=str(100 + seq),
        name=name,
        id_number=make_id(birth, seq),
        registered_on=registered_on,
        **details,
    )


@pytest.fixture
def population(places):
    zhang = register(places, "sunny_1", "张三", 1)
    register(places, "sunny_1", "李四", 3, residence="floating")
    register(places, "sunny_1", "钱老", 5, birth="19400101")  # 83 on ON: 高龄
    wang = register(places, "sunny_2", "王五", 7, birth="20100101")  # 13 on ON
    register(places, "sunny_2", "孙新", 9, registered_on=date(2024, 1, 1))  # arrived after ON
    gone = register(places, "sunny_2", "周迁", 11, residence="floating")
    resident_leave(resident=gone, kind="move_out", on=date(2022, 12, 31))  # left before ON
    register(places, "river_1", "赵六", 13)
    ended = resident_tag_add(resident=zhang, tag="dibao", valid_from=date(2021, 1, 1))
    resident_tag_end(tag=ended, valid_to=date(2023, 1, 1))  # 低保 no longer on ON
    resident_tag_add(resident=wang, tag="dibao", valid_from=date(2023, 3, 1))
    resident_tag_add(resident=wang, tag="disabled", valid_from=date(2023, 7, 1))  # not yet on ON
    return places


def column(table, group, code):
    return [c for c, _ in table[group]].index(code)


def by_name(table) -> dict:
    return {row["area"].name: row for row in table["rows"]}


def test_it_counts_residents_on_the_register_on_the_date(world, population):
    table = population_table(world.leader, ON)
    rows = by_name(table)
    assert list(rows) == ["社区A", "社区B"]
    a = rows["社区A"]
    assert (a["total"], a["permanent"], a["floating"]) == (4, 3, 1)  # not 孙新 (later), not 周迁 (left)
    assert rows["社区B"]["total"] == 1
    totals = table["totals"]
    assert totals["total"] == totals["permanent"] + totals["floating"] == 5


def test_it_counts_age_bands_and_elderly(world, population):
    table = population_table(world.leader, ON)
    a = by_name(table)["社区A"]
    assert a["bands"][column(table, "bands", "0-17")] == 1
    assert a["bands"][column(table, "bands", "35-59")] == 2
    assert a["bands"][column(table, "bands", "80+")] == 1
    assert a["tags"][column(table, "tags", "elderly")] == 1
    assert sum(a["bands"]) == a["total"]


def test_tag_counts_respect_the_validity_dates(world, population):
    table = population_table(world.leader, ON)
    a = by_name(table)["社区A"]
    assert a["tags"][column(table, "tags", "dibao")] == 1  # 王五; 张三's ended on 2023-01-01
    assert a["tags"][column(table, "tags", "disabled")] == 0  # from 2023-07-01
    earlier = population_table(world.leader, date(2022, 6, 1))
    a = by_name(earlier)["社区A"]
    assert a["tags"][column(earlier, "tags", "dibao")] == 1  # 张三
    assert a["total"] == 5  # 周迁 still there
    later = population_table(world.leader, date(2023, 8, 1))
    assert by_name(later)["社区A"]["tags"][column(later, "tags", "disabled")] == 1


def test_it_drills_down_to_the_grids_of_a_community(world, population):
    table = population_table(world.worker_a, ON, community=world.community_a)
    rows = by_name(table)
    assert list(rows) == ["网格A1", "网格A2"]
    assert (rows["网格A1"]["total"], rows["网格A2"]["total"]) == (3, 1)
    assert table["totals"]["total"] == 4


def test_it_counts_only_within_the_users_scope(world, population):
    assert list(by_name(population_table(world.worker_a, ON))) == ["社区A"]
    table = population_table(world.grid_a1_worker, ON)
    assert list(by_name(table)) == ["社区A"] and table["totals"]["total"] == 3


def test_the_page_shows_the_table_for_the_chosen_date(client, world, population):
    client.force_login(world.worker_a)
    response = client.get(reverse("population_stats"), {"on": "2023-06-01"})
    assert response.context["table"]["totals"]["total"] == 4
    page = response.content.decode()
    assert "合计" in page and "高龄" in page and "低保" in page
    response = client.get(
        reverse("population_stats"), {"on": "2023-06-01", "community": world.community_a.pk}
    )
    assert [r["area"].name for r in response.context["table"]["rows"]] == ["网格A1", "网格A2"]


def test_the_page_defaults_to_today(client, world, population):
    client.force_login(world.leader)
    table = client.get(reverse("population_stats")).context["table"]
    assert table["on"] == timezone.localdate() and table["totals"]["total"] == 6  # 孙新 has arrived by now


def test_the_page_refuses_a_community_out_of_scope(client, world, population):
    client.force_login(world.worker_a)
    response = client.get(
        reverse("population_stats"), {"community": world.community_b.pk, "on": "2023-06-01"}
    )
    assert response.context["filter_form"].errors["community"]
    table = response.context["table"]
    assert [r["area"].name for r in table["rows"]] == ["社区A"] and table[
        "on"
    ] == ON  # the valid date still applies


def test_a_drill_down_link_without_a_date_shows_today_in_the_picker(client, world, population):
    client.force_login(world.worker_a)
    response = client.get(reverse("population_stats"), {"community": world.community_a.pk})
    assert f'value="{timezone.localdate().isoformat()}"' in response.content.decode()
