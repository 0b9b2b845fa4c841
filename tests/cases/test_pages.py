"""The case pages: 待我处理, the list, the detail page and its actions, registration."""

import pytest
from django.urls import reverse

from jiedao.cases import workflow
from jiedao.cases.models import Case, Category, SlaStatus, Source, State
from jiedao.cases.workflow import case_move
from tests.cases.helpers import local, make_case


def move(case, action, actor, **data):
    return case_move(case=case, action=action, actor=actor, version=case.version, **data)


def dispatched(world, categories, area=None, to=None, **kw):
    case = move(make_case(world, categories, area=area, **kw), "accept", world.leader)
    return move(case, "dispatch", world.leader, area=to or world.community_a)


def numbers(response) -> list[str]:
    return [c.number for c in response.context["page_obj"]]


def test_it_queues_a_dispatched_case_for_its_community_only(client, world, categories):
    case_a = dispatched(world, categories)
    case_b = dispatched(world, categories, area=world.grid_b1, to=world.community_b)
    client.force_login(world.worker_a)
    assert numbers(client.get(reverse("case_queue"))) == [case_a.number]
    client.force_login(world.worker_b)
    assert numbers(client.get(reverse("case_queue"))) == [case_b.number]


def test_it_leaves_out_closed_cases(client, world, categories):
    signed = move(dispatched(world, categories), "sign", world.worker_a)
    closed = move(
        move(dispatched(world, categories), "sign", world.worker_a), "close", world.worker_a, result="已清运"
    )
    client.force_login(world.worker_a)  # 回访 waits on a closed case, but the queue holds open work
    assert numbers(client.get(reverse("case_queue"))) == [signed.number]
    assert closed.number in numbers(client.get(reverse("case_list")))


def test_it_puts_overdue_then_due_soon_cases_first(client, world, categories):
    on_time = dispatched(world, categories, received_at=local(2024, 9, 2, 10, 0))
    due_soon = dispatched(world, categories, received_at=local(2024, 9, 30, 10, 0))
    overdue = dispatched(world, categories, received_at=local(2024, 9, 30, 11, 0))
    Case.objects.filter(pk=due_soon.pk).update(sla_status=SlaStatus.DUE_SOON)
    Case.objects.filter(pk=overdue.pk).update(sla_status=SlaStatus.OVERDUE)
    client.force_login(world.worker_a)
    response = client.get(reverse("case_queue"))
    assert numbers(response) == [overdue.number, due_soon.number, on_time.number]
    assert 'badge-status-overdue">超期' in response.content.decode()


def test_it_filters_the_list(client, world, categories):
    hotline = make_case(world, categories, title="路灯不亮", received_at=local(2024, 9, 2, 9, 0))
    grid = make_case(world, categories, source=Source.GRID, area=world.grid_b1)
    Case.objects.filter(pk=grid.pk).update(sla_status=SlaStatus.OVERDUE)
    client.force_login(world.leader)
    url = reverse("case_list")
    assert set(numbers(client.get(url))) == {hotline.number, grid.number}
    assert numbers(client.get(url, {"source": "grid"})) == [grid.number]
    assert numbers(client.get(url, {"sla_status": "overdue"})) == [grid.number]
    assert numbers(client.get(url, {"community": world.community_a.pk})) == [hotline.number]
    assert numbers(client.get(url, {"q": "路灯"})) == [hotline.number]
    assert numbers(client.get(url, {"q": grid.number[-4:]})) == [grid.number]
    assert numbers(client.get(url, {"date_from": "2024-09-30", "date_to": "2024-09-30"})) == [grid.number]
    assert numbers(client.get(url, {"state": State.CLOSED})) == []


def test_it_filters_by_a_category_and_its_children(client, world, categories):
    garbage = make_case(world, categories, category=categories["garbage"])
    make_case(world, categories, category=categories["city"])
    client.force_login(world.leader)
    response = client.get(reverse("case_list"), {"category": categories["sanitation"].pk})
    assert numbers(response) == [garbage.number]


def test_it_lists_only_communities_in_scope(client, world, categories):
    client.force_login(world.worker_a)
    choices = list(client.get(reverse("case_list")).context["filter_form"].fields["community"].choices)
    assert [label for _, label in choices] == ["全部社区", "社区A"]


def detail_actions(response) -> list[str]:
    return [action for action, _, _ in response.context["actions"]]


def test_it_offers_only_the_allowed_actions(client, world, categories):
    case = dispatched(world, categories)
    url = reverse("case_detail", args=[case.pk])
    client.force_login(world.worker_a)
    response = client.get(url)
    assert detail_actions(response) == ["sign", "return"]
    body = response.content.decode()
    assert "138****5678" in body and "13812345678" not in body
    assert reverse("case_act", args=[case.pk, "sign"]) in body
    assert reverse("case_act", args=[case.pk, "dispatch"]) not in body
    client.force_login(world.leader)
    assert detail_actions(client.get(url)) == ["reassign", "return", "supervise"]


def test_it_shows_the_timeline(client, world, categories):
    case = dispatched(world, categories)
    client.force_login(world.leader)
    body = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert "派单：已受理 → 已派单" in body and "承办区域：社区A" in body and "王领导" in body


def test_it_offers_the_communities_and_grids_in_scope_to_dispatch_to(client, world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    client.force_login(world.leader)
    forms = dict((a, f) for a, _, f in client.get(reverse("case_detail", args=[case.pk])).context["actions"])
    labels = [label for _, label in forms["dispatch"].fields["area"].choices][1:]
    assert labels == ["社区A", "社区A网格A1", "社区A网格A2", "社区B", "社区B网格B1"]


def test_acting_moves_the_case_and_records_it(client, world, categories):
    case = dispatched(world, categories)
    client.force_login(world.worker_a)
    url = reverse("case_act", args=[case.pk, "sign"])
    response = client.post(url, {"version": case.version, "note": "马上去现场"})
    assert response.status_code == 302
    case.refresh_from_db()
    event = case.events.last()
    assert (case.state, event.action, event.actor, event.note) == (
        State.SIGNED,
        "sign",
        world.worker_a,
        "马上去现场",
    )


def test_closing_needs_a_result(client, world, categories):
    case = move(dispatched(world, categories), "sign", world.worker_a)
    client.force_login(world.worker_a)
    response = client.post(reverse("case_act", args=[case.pk, "close"]), {"version": case.version})
    assert response.status_code == 200
    forms = {action: form for action, _, form in response.context["actions"]}
    assert forms["close"].errors["result"] == ["这个字段是必填项。"]
    assert Case.objects.get(pk=case.pk).state == State.SIGNED


def test_a_service_error_lands_next_to_its_field(client, world, categories):
    case = move(dispatched(world, categories), "sign", world.worker_a)
    client.force_login(world.worker_a)
    url = reverse("case_act", args=[case.pk, "request_extension"])
    Case.objects.filter(pk=case.pk).update(due_at=local(2024, 1, 1, 17, 0))  # already past
    response = client.post(url, {"version": case.version, "days": "3"})
    assert workflow.MSG_EXTENSION_LATE in response.content.decode()


def test_a_stale_version_shows_the_message_and_changes_nothing(client, world, categories):
    case = dispatched(world, categories)
    move(case, "sign", world.worker_a)  # a colleague signs first, from the same page
    client.force_login(world.worker_a)
    response = client.post(
        reverse("case_act", args=[case.pk, "return"]), {"version": case.version, "reason": "outside_area"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and workflow.MSG_STALE in body
    assert 'id="stale-alert"' in body and reverse("case_detail", args=[case.pk]) in body
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version, fresh.return_reason) == (State.SIGNED, case.version + 1, "")
    assert fresh.events.count() == 4


def test_a_grid_worker_cannot_dispatch(client, world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    client.force_login(world.grid_a1_worker)
    response = client.post(
        reverse("case_act", args=[case.pk, "dispatch"]), {"version": case.version, "area": world.grid_a1.pk}
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).state == State.ACCEPTED


def test_an_unknown_action_is_404(client, world, categories):
    case = make_case(world, categories)
    client.force_login(world.leader)
    assert client.post(reverse("case_act", args=[case.pk, "explode"]), {"version": 1}).status_code == 404


def test_a_case_out_of_scope_cannot_be_acted_on(client, world, categories):
    case = dispatched(world, categories)
    client.force_login(world.worker_b)
    response = client.post(reverse("case_act", args=[case.pk, "sign"]), {"version": case.version})
    assert response.status_code == 404


@pytest.fixture
def report(world, categories):
    return {
        "source": Source.GRID,
        "category": categories["garbage"].pk,
        "request_type": "report",
        "urgency": "normal",
        "area": world.grid_a1.pk,
        "title": "楼道堆放杂物",
        "description": "3号楼2单元楼道堆满纸箱",
        "reporter_phone": "13912345678",
    }


def test_a_grid_worker_reports_a_case(client, world, report):
    client.force_login(world.grid_a1_worker)
    response = client.post(reverse("case_create"), report)
    case = Case.objects.get(title="楼道堆放杂物")
    assert response.status_code == 302 and response.url == reverse("case_detail", args=[case.pk])
    assert (case.state, case.area, case.reporter_phone_masked) == (
        State.PENDING,
        world.grid_a1,
        "139****5678",
    )
    assert case.events.get().actor == world.grid_a1_worker


def test_the_report_form_offers_the_users_areas_and_active_categories(client, world, categories):
    Category.objects.filter(pk=categories["city"].pk).update(active=False)
    client.force_login(world.grid_a1_worker)
    form = client.get(reverse("case_create")).context["form"]
    assert [label for _, label in form.fields["area"].choices][1:] == ["社区A网格A1"]
    assert [label.strip("　") for _, label in form.fields["category"].choices][1:] == ["环境卫生", "垃圾清运"]
    assert form["source"].value() == Source.GRID


def test_the_report_form_shows_errors_next_to_fields(client, world, report):
    client.force_login(world.grid_a1_worker)
    response = client.post(
        reverse("case_create"), {**report, "title": "", "area": world.grid_a2.pk, "reporter_phone": "12"}
    )
    form = response.context["form"]
    assert response.status_code == 200 and not Case.objects.exists()
    assert form.errors["title"] == ["这个字段是必填项。"]
    assert "area" in form.errors  # 网格A2 is not the grid worker's


def test_the_report_form_shows_the_services_phone_error(client, world, report):
    client.force_login(world.grid_a1_worker)
    response = client.post(reverse("case_create"), {**report, "reporter_phone": "12"})
    assert response.status_code == 200 and not Case.objects.exists()
    assert response.context["form"].errors["reporter_phone"]


def test_a_callback_records_the_answers(client, world, categories):
    case = move(
        move(dispatched(world, categories), "sign", world.worker_a), "close", world.worker_a, result="已清运"
    )
    client.force_login(world.worker_a)
    url = reverse("case_act", args=[case.pk, "callback"])
    response = client.post(url, {"version": case.version, "resolved": "0", "satisfaction": "basically"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.callback_resolved, case.callback_satisfaction) == (False, "basically")
    response = client.post(url, {"version": case.version})
    assert workflow.MSG_CALLBACK in response.content.decode()


def test_a_leader_dispatches_to_a_grid(client, world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    client.force_login(world.leader)
    url = reverse("case_act", args=[case.pk, "dispatch"])
    assert client.post(url, {"version": case.version, "area": world.grid_a2.pk}).status_code == 302
    case.refresh_from_db()
    assert (case.state, case.assigned_area) == (State.DISPATCHED, world.grid_a2)
    assert case.events.last().data == {"area": world.grid_a2.pk}


def test_the_timeline_names_reminders_in_chinese(client, world, categories):
    from jiedao.cases.sla import sla_sweep
    from jiedao.cases.workflow import case_move
    from tests.cases.helpers import local

    case = make_case(world, categories)
    case_move(case=case, action="accept", actor=world.leader, version=case.version)
    sla_sweep(now=local(2024, 10, 13, 9, 0))
    client.force_login(world.leader)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "催办" in page and "超期" in page and "remind" not in page
