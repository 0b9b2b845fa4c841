"""The residents' pages: the list (scope, search, filters, masking), the detail page and its actions."""

from datetime import date

import pytest
from django.urls import reverse

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.registry.models import Resident, ResidentEvent, ResidentEventKind, ResidentStatus, ResidentTag
from jiedao.registry.services.households import resident_register_at
from jiedao.registry.services.people import MSG_STALE, resident_tag_add, resident_update
from tests.registry.conftest import make_id

ID_ZHANG = make_id("19800101", 1)


def register(places, building, room, name, seq, **details):
    return resident_register_at(
        building=places[building],
        unit="1",
        room=room,
        name=name,
        id_number=make_id("19800101", seq),
        registered_on=date(2020, 1, 1),
        **details,
    )


@pytest.fixture
def residents(places):
    """张三 and 李四 in 网格A1 (1号楼), 王五 in 网格A2 (2号楼), 赵六 in 社区B."""
    return {
        "zhang": register(places, "sunny_1", "101", "张三", 1, phone="13812345678"),
        "li": register(places, "sunny_1", "102", "李四", 3, residence="floating"),
        "wang": register(places, "sunny_2", "201", "王五", 5),
        "zhao": register(places, "river_1", "301", "赵六", 7),
    }


def names(response) -> list[str]:
    return [r.name for r in response.context["page_obj"]]


def test_it_lists_only_the_residents_of_the_users_community(client, world, residents):
    client.force_login(world.worker_a)
    assert names(client.get(reverse("resident_list"))) == ["张三", "李四", "王五"]


def test_it_lists_only_the_grid_workers_grid(client, world, residents):
    client.force_login(world.grid_a1_worker)
    assert names(client.get(reverse("resident_list"))) == ["张三", "李四"]


def test_it_lists_the_whole_street_for_the_leader(client, world, residents):
    client.force_login(world.leader)
    assert len(names(client.get(reverse("resident_list")))) == 4


def test_it_finds_a_resident_by_exact_id_number(client, world, residents):
    client.force_login(world.worker_a)
    assert names(client.get(reverse("resident_list"), {"q": ID_ZHANG})) == ["张三"]
    assert names(client.get(reverse("resident_list"), {"q": ID_ZHANG[:10]})) == []


def test_it_finds_a_resident_by_phone(client, world, residents):
    client.force_login(world.worker_a)
    assert names(client.get(reverse("resident_list"), {"q": "13812345678"})) == ["张三"]


def test_it_finds_a_resident_by_pinyin_initials(client, world, residents):
    client.force_login(world.worker_a)
    assert names(client.get(reverse("resident_list"), {"q": "ls"})) == ["李四"]


def test_it_does_not_find_residents_out_of_scope(client, world, residents):
    client.force_login(world.worker_a)
    assert names(client.get(reverse("resident_list"), {"q": make_id("19800101", 7)})) == []


def test_it_filters_by_grid_residence_and_tag(client, world, residents):
    resident_tag_add(resident=residents["wang"], tag="dibao", valid_from=date(2020, 1, 1))
    client.force_login(world.worker_a)
    url = reverse("resident_list")
    assert names(client.get(url, {"grid": world.grid_a2.pk})) == ["王五"]
    assert names(client.get(url, {"residence": "floating"})) == ["李四"]
    assert names(client.get(url, {"tag": "dibao"})) == ["王五"]
    assert names(client.get(url, {"age": "35-59"})) == ["张三", "李四", "王五"]
    assert names(client.get(url, {"age": "80+"})) == []


def test_it_offers_only_the_users_communities_and_grids(client, world, residents):
    client.force_login(world.grid_a1_worker)
    form = client.get(reverse("resident_list")).context["filter_form"]
    assert [label for _, label in form.fields["community"].choices] == ["全部社区", "社区A"]
    assert [label for _, label in form.fields["grid"].choices] == ["全部网格", "社区A网格A1"]


def test_it_lists_residents_who_left_only_when_asked(client, world, residents):
    client.force_login(world.worker_a)
    client.post(
        reverse("resident_leave", args=[residents["li"].pk]),
        {"kind": "move_out", "on": date.today().isoformat()},
    )
    assert "李四" not in names(client.get(reverse("resident_list")))
    assert "李四" in names(client.get(reverse("resident_list"), {"status": "all"}))
    assert names(client.get(reverse("resident_list"), {"status": "moved_out"})) == ["李四"]


def test_it_shows_masked_numbers_only(client, world, residents):
    client.force_login(world.worker_a)
    for url in (reverse("resident_list"), reverse("resident_detail", args=[residents["zhang"].pk])):
        page = client.get(url).content.decode()
        assert "138****5678" in page and "13812345678" not in page
        assert ID_ZHANG not in page and ID_ZHANG[:3] + "*" * 11 + ID_ZHANG[-4:] in page


def test_it_links_the_export_with_the_same_filters(client, world, residents):
    client.force_login(world.worker_a)
    page = client.get(reverse("resident_list"), {"q": "zs", "page": "1"}).content.decode()
    assert reverse("excel_export", args=["residents"]) + "?q=zs" in page


def test_the_export_link_exports_the_rows_the_list_shows(client, world, residents):
    client.force_login(world.worker_a)
    response = client.get(reverse("resident_list"), {"residence": "floating", "grid": world.grid_a1.pk})
    assert names(response) == ["李四"]
    link = reverse("excel_export", args=["residents"]) + "?" + response.context["query_string"]
    assert client.get(link).status_code == 200
    log = AuditLog.objects.get(event=AuditEvent.EXPORT)
    assert log.detail["rows"] == 1 and log.detail["filters"]["residence"] == "floating"


def test_it_hides_export_and_import_from_grid_workers(client, world, residents):
    client.force_login(world.grid_a1_worker)
    page = client.get(reverse("resident_list")).content.decode()
    assert reverse("excel_export", args=["residents"]) not in page
    assert reverse("excel_import", args=["residents"]) not in page


def test_it_answers_404_for_a_resident_of_another_community_and_audits_it(client, world, residents):
    client.force_login(world.worker_a)
    response = client.get(reverse("resident_detail", args=[residents["zhao"].pk]))
    assert response.status_code == 404
    log = AuditLog.objects.get(event=AuditEvent.OUT_OF_SCOPE)
    assert log.user == world.worker_a and log.object_id == str(residents["zhao"].pk)


def test_the_detail_shows_members_tags_events_and_history(client, world, places, residents):
    spouse = register(places, "sunny_1", "101", "张妻", 2, relation="spouse")
    resident_tag_add(resident=residents["zhang"], tag="veteran", valid_from=date(2020, 1, 1))
    resident_update(resident=residents["zhang"], version=1, name="张叁")
    client.force_login(world.worker_a)
    response = client.get(reverse("resident_detail", args=[residents["zhang"].pk]))
    assert set(response.context["members"]) == {spouse, Resident.objects.get(name="张叁")}
    page = response.content.decode()
    assert "退役军人" in page and "登记" in page
    assert "姓名：" in page and "张三" in page and "张叁" in page  # the history shows the change


def test_reveal_shows_the_full_numbers_once_and_audits(client, world, residents):
    client.force_login(world.worker_a)
    url = reverse("resident_reveal", args=[residents["zhang"].pk])
    response = client.post(url)
    page = response.content.decode()
    assert ID_ZHANG in page and "13812345678" in page
    assert "no-store" in response["Cache-Control"]
    log = AuditLog.objects.get(event=AuditEvent.VIEW_FULL)
    assert log.user == world.worker_a and log.object_id == str(residents["zhang"].pk)
    assert (
        ID_ZHANG not in client.get(reverse("resident_detail", args=[residents["zhang"].pk])).content.decode()
    )


def test_reveal_without_the_permission_is_403_and_audited(client, world, residents):
    client.force_login(world.grid_a1_worker)
    detail = client.get(reverse("resident_detail", args=[residents["zhang"].pk])).content.decode()
    assert reverse("resident_reveal", args=[residents["zhang"].pk]) not in detail
    response = client.post(reverse("resident_reveal", args=[residents["zhang"].pk]))
    assert response.status_code == 403
    log = AuditLog.objects.get(event=AuditEvent.PERMISSION_DENIED)
    assert log.user == world.grid_a1_worker and log.object_id == str(residents["zhang"].pk)
    assert not AuditLog.objects.filter(event=AuditEvent.VIEW_FULL).exists()


def test_reveal_of_a_resident_out_of_scope_is_404(client, world, residents):
    client.force_login(world.worker_b)
    assert client.post(reverse("resident_reveal", args=[residents["zhang"].pk])).status_code == 404
    assert not AuditLog.objects.filter(event=AuditEvent.VIEW_FULL).exists()


def test_it_registers_a_resident(client, world, places):
    client.force_login(world.worker_a)
    data = {
        "name": "孙七",
        "id_number": make_id("19900101", 9),
        "phone": "13900001111",
        "residence": "permanent",
        "hukou_local": "on",
        "ethnicity": "01",
        "compound": places["sunny"].pk,
        "building": places["sunny_2"].pk,
        "unit": "2",
        "room": "202",
        "relation": "head",
        "registered_on": "2023-05-01",
        "moved_in": "on",
    }
    response = client.post(reverse("resident_create"), data)
    resident = Resident.objects.get(name="孙七")
    assert response.status_code == 302 and response["Location"] == reverse(
        "resident_detail", args=[resident.pk]
    )
    assert resident.area == world.grid_a2 and resident.household.address == "阳光小区2号楼2单元202"
    assert resident.events.get().kind == ResidentEventKind.MOVE_IN


def test_it_shows_registration_errors_next_to_the_fields(client, world, places, residents):
    client.force_login(world.worker_a)
    data = {
        "name": "重复",
        "id_number": ID_ZHANG,
        "phone": "12345",
        "residence": "permanent",
        "ethnicity": "01",
        "compound": places["sunny"].pk,
        "building": places["sunny_1"].pk,
        "room": "909",
        "registered_on": "2023-05-01",
    }
    form = client.post(reverse("resident_create"), data).context["form"]
    assert "身份证号码已登记" in form.errors["id_number"][0]
    data["id_number"] = make_id("19900101", 11)
    form = client.post(reverse("resident_create"), data).context["form"]
    assert list(form.errors) == ["phone"]
    assert not Resident.objects.filter(name="重复").exists()
    # No empty household is left behind by the refused registrations.
    assert not places["sunny_1"].households.filter(room="909").exists()


def test_it_refuses_a_building_of_another_compound_or_out_of_scope(client, world, places):
    client.force_login(world.worker_a)
    data = {"compound": places["sunny"].pk, "building": places["river_1"].pk, "room": "1"}
    form = client.post(reverse("resident_create"), data).context["form"]
    assert "building" in form.errors


def test_the_building_options_follow_the_compound_and_the_scope(client, world, places):
    client.force_login(world.grid_a1_worker)
    page = client.get(reverse("building_options"), {"compound": places["sunny"].pk}).content.decode()
    assert f'value="{places["sunny_1"].pk}"' in page and f'value="{places["sunny_2"].pk}"' not in page
    page = client.get(reverse("building_options"), {"compound": places["river"].pk}).content.decode()
    assert f'value="{places["river_1"].pk}"' not in page


def test_it_edits_a_resident(client, world, residents):
    client.force_login(world.worker_a)
    zhang = residents["zhang"]
    data = {
        "version": 1,
        "name": "张三丰",
        "residence": "floating",
        "ethnicity": "03",
        "phone": "13900002222",
    }
    response = client.post(reverse("resident_edit", args=[zhang.pk]), data)
    assert response.status_code == 302
    zhang.refresh_from_db()
    assert (zhang.name, zhang.residence, zhang.phone_masked, zhang.version) == (
        "张三丰",
        "floating",
        "139****2222",
        2,
    )
    assert zhang.history.first().history_user == world.worker_a


def test_a_blank_phone_keeps_the_number_on_file(client, world, residents):
    client.force_login(world.worker_a)
    zhang = residents["zhang"]
    client.post(
        reverse("resident_edit", args=[zhang.pk]),
        {"version": 1, "name": "张三", "residence": "permanent", "ethnicity": "01"},
    )
    zhang.refresh_from_db()
    assert zhang.phone_masked == "138****5678" and zhang.version == 2


def test_an_edit_on_a_stale_version_is_refused_and_keeps_the_input(client, world, residents):
    zhang = residents["zhang"]
    resident_update(resident=zhang, version=1, note="他人先改")
    client.force_login(world.worker_a)
    data = {"version": 1, "name": "张三丰", "residence": "permanent", "ethnicity": "01"}
    response = client.post(reverse("resident_edit", args=[zhang.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [MSG_STALE]
    page = response.content.decode()
    assert MSG_STALE in page and 'value="张三丰"' in page
    zhang.refresh_from_db()
    assert zhang.name == "张三" and zhang.note == "他人先改"


def test_a_grid_worker_may_not_edit(client, world, residents):
    client.force_login(world.grid_a1_worker)
    response = client.post(
        reverse("resident_edit", args=[residents["zhang"].pk]), {"version": 1, "name": "x"}
    )
    assert response.status_code == 403
    assert Resident.objects.get(pk=residents["zhang"].pk).name == "张三"


def test_transfer_moves_the_resident_and_writes_an_event(client, world, places, residents):
    client.force_login(world.worker_a)
    zhang = residents["zhang"]
    old_household = zhang.household
    data = {
        "compound": places["sunny"].pk,
        "building": places["sunny_2"].pk,
        "unit": "3",
        "room": "301",
        "relation": "head",
        "on": "2024-03-01",
        "note": "购房迁居",
    }
    response = client.post(reverse("resident_transfer", args=[zhang.pk]), data)
    assert response.status_code == 302
    zhang.refresh_from_db()
    assert zhang.area == world.grid_a2 and zhang.household.address == "阳光小区2号楼3单元301"
    event = ResidentEvent.objects.get(resident=zhang, kind=ResidentEventKind.TRANSFER)
    assert (event.from_household, event.from_area, event.to_area) == (
        old_household,
        world.grid_a1,
        world.grid_a2,
    )
    assert event.recorded_by == world.worker_a and event.occurred_on == date(2024, 3, 1)
    # The grid worker of 网格A1 no longer sees 张三; the one of 网格A2 does.
    client.force_login(world.grid_a1_worker)
    assert client.get(reverse("resident_detail", args=[zhang.pk])).status_code == 404
    client.force_login(world.grid_a2_worker)
    assert client.get(reverse("resident_detail", args=[zhang.pk])).status_code == 200


def test_transfer_to_the_same_household_is_refused_with_a_message(client, world, places, residents):
    client.force_login(world.worker_a)
    data = {
        "compound": places["sunny"].pk,
        "building": places["sunny_1"].pk,
        "unit": "1",
        "room": "101",
        "on": "2024-03-01",
    }
    form = client.post(reverse("resident_transfer", args=[residents["zhang"].pk]), data).context["form"]
    assert form.errors["room"] == ["新户与原户相同"]


def test_transfer_before_the_registration_date_names_the_date_field(client, world, places, residents):
    client.force_login(world.worker_a)
    data = {"compound": places["sunny"].pk, "building": places["sunny_2"].pk, "room": "1", "on": "2000-01-01"}
    form = client.post(reverse("resident_transfer", args=[residents["zhang"].pk]), data).context["form"]
    assert "日期不能早于登记日期" in form.errors["on"][0]


def test_leave_records_a_death(client, world, residents):
    client.force_login(world.worker_a)
    zhang = residents["zhang"]
    response = client.post(
        reverse("resident_leave", args=[zhang.pk]), {"kind": "death", "on": date.today().isoformat()}
    )
    assert response.status_code == 302
    zhang.refresh_from_db()
    assert zhang.status == ResidentStatus.DECEASED and zhang.left_on == date.today()
    assert zhang.events.filter(kind=ResidentEventKind.DEATH).exists()


def test_actions_answer_get_with_405_when_post_only(client, world, residents):
    client.force_login(world.worker_a)
    assert client.get(reverse("resident_tag_add", args=[residents["zhang"].pk])).status_code == 405
    assert client.get(reverse("resident_reveal", args=[residents["zhang"].pk])).status_code == 405


def test_tags_are_added_and_ended(client, world, residents):
    client.force_login(world.worker_a)
    zhang = residents["zhang"]
    url = reverse("resident_tag_add", args=[zhang.pk])
    response = client.post(url, {"tag-tag": "dibao", "tag-valid_from": "2023-01-01"})
    assert response.status_code == 302
    tag = ResidentTag.objects.get(resident=zhang, tag="dibao")
    # The same tag again while open: the service's message next to the field.
    response = client.post(url, {"tag-tag": "dibao", "tag-valid_from": "2023-06-01"})
    assert "仍然有效" in response.context["tag_form"].errors["tag"][0]
    response = client.post(reverse("resident_tag_end", args=[zhang.pk, tag.pk]), {"valid_to": "2024-01-01"})
    assert response.status_code == 302
    tag.refresh_from_db()
    assert tag.valid_to == date(2024, 1, 1)


def test_ending_a_tag_of_another_resident_is_404(client, world, residents):
    tag = resident_tag_add(resident=residents["li"], tag="dibao", valid_from=date(2023, 1, 1))
    client.force_login(world.worker_a)
    url = reverse("resident_tag_end", args=[residents["zhang"].pk, tag.pk])
    assert client.post(url, {"valid_to": "2024-01-01"}).status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_detail_make_no_query_per_row(client, world, places, residents):
    client.force_login(world.worker_a)
    list_url = reverse("resident_list")
    detail_url = reverse("resident_detail", args=[residents["zhang"].pk])
    before = _queries(client, list_url), _queries(client, detail_url)
    for seq in range(21, 31, 2):
        resident = register(places, "sunny_1", "101", f"新{seq}", seq)
        resident_tag_add(resident=resident, tag="volunteer", valid_from=date(2020, 1, 1))
        resident_tag_add(
            resident=residents["zhang"],
            tag=["dibao", "tekun", "disabled", "veteran", "volunteer"][seq % 5],
            valid_from=date(2020, 1, 1),
        )
    assert (_queries(client, list_url), _queries(client, detail_url)) == before
