"""Choosing a person when dispatching: who may be chosen, the refusal of anyone else, the htmx options, and
whose 待我处理 the case then fills."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jiedao.cases.forms import MSG_ASSIGNEE_CHOICE
from jiedao.cases.models import CaseEvent, State
from jiedao.cases.selectors import assignable_users, assignee_label, case_queue, case_timeline
from jiedao.cases.workflow import MSG_ASSIGNEE, case_move
from jiedao.core.models import Role
from jiedao.core.services.accounts import account_create, role_grant
from tests.cases.helpers import make_case
from tests.conftest import PASSWORD


def move(case, action, actor, **data):
    return case_move(case=case, action=action, actor=actor, version=case.version, **data)


def accepted(world, categories, **kw):
    return move(make_case(world, categories, **kw), "accept", world.leader)


def labels(area) -> list[str]:
    return [assignee_label(u) for u in assignable_users(area)]


@pytest.fixture
def secretary_a(world):
    user = account_create(username="shuji_a", full_name="钱书记", password=PASSWORD)
    role_grant(user=user, role=Role.COMMUNITY_SECRETARY, area=world.community_a, start_date=date(2020, 1, 1))
    return user


def test_it_offers_the_handlers_of_the_area_and_inside_it_by_name(world):
    assert labels(world.community_a) == [
        "张网格（网格员·网格A1）",
        "李社工（社区工作者·社区A）",
        "赵网格（网格员·网格A2）",
    ]
    assert labels(world.grid_a1) == ["张网格（网格员·网格A1）"]
    assert labels(world.community_b) == ["陈社工（社区工作者·社区B）"]


def test_it_leaves_out_ended_future_and_inactive_holders(world):
    today = timezone.localdate()
    left = account_create(username="left", full_name="吴离任", password=PASSWORD)
    role_grant(user=left, role=Role.GRID_WORKER, area=world.grid_a1, start_date=date(2020, 1, 1))
    left.roles.update(end_date=today)
    future = account_create(username="future", full_name="郑新任", password=PASSWORD)
    role_grant(user=future, role=Role.GRID_WORKER, area=world.grid_a1, start_date=today + timedelta(days=1))
    world.grid_a1_worker.is_active = False
    world.grid_a1_worker.save()
    assert labels(world.grid_a1) == []


def test_it_names_every_handler_role_a_person_holds_there(world):
    role_grant(user=world.worker_a, role=Role.GRID_WORKER, area=world.grid_a2, start_date=date(2020, 1, 1))
    assert "李社工（社区工作者·社区A、网格员·网格A2）" in labels(world.community_a)


def test_it_dispatches_to_a_person_and_names_them_in_the_timeline(world, categories):
    case = move(accepted(world, categories), "dispatch", world.leader, area=world.community_a,
                assignee=world.grid_a1_worker)  # fmt: skip
    assert (case.assigned_area, case.assignee) == (world.community_a, world.grid_a1_worker)
    details = case_timeline(case)[-1].details
    assert ("承办人", "张网格") in details


def test_it_refuses_an_assignee_outside_the_area_and_writes_nothing(world, categories):
    case = accepted(world, categories)
    with pytest.raises(ValidationError) as caught:
        move(case, "dispatch", world.leader, area=world.grid_a1, assignee=world.worker_b)
    assert caught.value.message_dict == {"assignee": [MSG_ASSIGNEE.format(name="陈社工", area="网格A1")]}
    assert caught.value.message_dict["assignee"] == ["“陈社工”不在承办区域“网格A1”，不能承办"]
    case.refresh_from_db()
    assert (case.state, case.assignee, case.version) == (State.ACCEPTED, None, 2)
    assert not CaseEvent.objects.filter(case=case, action="dispatch").exists()


def test_it_refuses_a_street_leader_as_assignee(world, categories):
    case = accepted(world, categories)
    with pytest.raises(ValidationError) as caught:
        move(case, "dispatch", world.leader, area=world.community_a, assignee=world.leader)
    assert "assignee" in caught.value.message_dict


def test_reassigning_without_a_person_clears_the_assignee(world, categories):
    case = move(accepted(world, categories), "dispatch", world.leader, area=world.grid_a1,
                assignee=world.grid_a1_worker)  # fmt: skip
    case = move(case, "reassign", world.leader, area=world.community_b, assignee=world.worker_b)
    assert (case.assigned_area, case.assignee) == (world.community_b, world.worker_b)
    case = move(case, "reassign", world.leader, area=world.community_a)
    assert (case.assigned_area, case.assignee) == (world.community_a, None)


# ---- 待我处理 ----


def queue(user) -> set[str]:
    return set(case_queue(user).values_list("title", flat=True))


def test_a_case_sent_to_a_person_waits_for_them_and_the_coordinators_only(world, categories, secretary_a):
    for_grid_a1 = accepted(world, categories, title="指定张网格")
    move(for_grid_a1, "dispatch", world.leader, area=world.community_a, assignee=world.grid_a1_worker)
    for_area = accepted(world, categories, title="只派到社区A")
    move(for_area, "dispatch", world.leader, area=world.community_a)
    assert queue(world.grid_a1_worker) == {"指定张网格"}
    assert queue(world.grid_a2_worker) == set()
    assert queue(world.worker_a) == {"只派到社区A"}  # a fellow handler: not theirs
    assert queue(secretary_a) == {"指定张网格", "只派到社区A"}  # the community's coordinator
    assert queue(world.worker_b) == set()


def test_the_named_person_sees_and_moves_a_case_outside_their_grid(client, world, categories):
    case = accepted(world, categories, area=world.grid_a2, title="网格A2的事")
    case = move(case, "dispatch", world.leader, area=world.community_a, assignee=world.grid_a1_worker)
    assert queue(world.grid_a1_worker) == {"网格A2的事"}
    client.force_login(world.grid_a1_worker)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 200
    assert move(case, "sign", world.grid_a1_worker).state == State.SIGNED
    client.force_login(world.worker_b)
    assert client.get(reverse("case_detail", args=[case.pk])).status_code == 404


def test_a_signed_case_of_a_person_stays_in_the_leaders_queue(world, categories):
    case = accepted(world, categories, title="已签收")
    case = move(case, "dispatch", world.leader, area=world.grid_a1, assignee=world.grid_a1_worker)
    move(case, "sign", world.grid_a1_worker)
    assert "已签收" in queue(world.leader)  # 批准延期 waits on signed cases for leaders
    assert queue(world.grid_a1_worker) == {"已签收"}


def test_the_queue_is_one_query(world, categories, django_assert_num_queries):
    move(
        accepted(world, categories),
        "dispatch",
        world.leader,
        area=world.grid_a1,
        assignee=world.grid_a1_worker,
    )
    user = world.grid_a1_worker
    pending = case_queue(user)  # building it may look up the scope's area ids first
    with django_assert_num_queries(1):
        assert len(list(pending)) == 1


# ---- the pages ----


def test_the_dispatch_form_offers_a_person_and_refreshes_with_htmx(client, world, categories):
    case = accepted(world, categories)
    client.force_login(world.leader)
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert 'id="id_dispatch_assignee"' in page
    assert f'hx-get="{reverse("case_assignees")}"' in page
    assert 'hx-target="#id_dispatch_assignee"' in page


def test_the_reassign_form_starts_with_the_current_area_and_person(client, world, categories):
    case = move(accepted(world, categories), "dispatch", world.leader, area=world.community_a,
                assignee=world.grid_a2_worker)  # fmt: skip
    client.force_login(world.leader)
    actions = client.get(reverse("case_detail", args=[case.pk])).context["actions"]
    reassign = next(form for action, _, form in actions if action == "reassign")
    assert reassign["area"].initial == world.community_a
    assert reassign["assignee"].initial == world.grid_a2_worker.pk
    assert [u.pk for u in reassign.fields["assignee"].queryset] == [
        world.grid_a1_worker.pk,
        world.worker_a.pk,
        world.grid_a2_worker.pk,
    ]


def test_it_dispatches_to_a_person_from_the_page(client, world, categories):
    case = accepted(world, categories)
    client.force_login(world.leader)
    data = {"version": case.version, "area": world.community_a.pk, "assignee": world.worker_a.pk}
    response = client.post(reverse("case_act", args=[case.pk, "dispatch"]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.state, case.assignee) == (State.DISPATCHED, world.worker_a)


def test_the_page_refuses_a_person_outside_the_chosen_area(client, world, categories):
    case = accepted(world, categories)
    client.force_login(world.leader)
    data = {"version": case.version, "area": world.grid_a1.pk, "assignee": world.worker_b.pk}
    response = client.post(reverse("case_act", args=[case.pk, "dispatch"]), data)
    assert response.status_code == 200
    assert MSG_ASSIGNEE_CHOICE in response.content.decode()
    case.refresh_from_db()
    assert (case.state, case.assignee) == (State.ACCEPTED, None)


def test_the_options_endpoint_lists_the_areas_handlers(client, world):
    client.force_login(world.worker_a)
    response = client.get(reverse("case_assignees"), {"area": world.grid_a2.pk})
    body = response.content.decode()
    assert response.status_code == 200
    assert '<option value="">不指定（由承办区域安排）</option>' in body
    assert f'<option value="{world.grid_a2_worker.pk}">赵网格（网格员·网格A2）</option>' in body
    assert "张网格" not in body


def test_the_options_endpoint_answers_an_empty_area_with_the_blank_option(client, world):
    client.force_login(world.leader)
    body = client.get(reverse("case_assignees"), {"area": ""}).content.decode()
    assert body.count("<option") == 1


def test_the_options_endpoint_hides_areas_outside_the_scope(client, world):
    client.force_login(world.grid_a2_worker)
    assert client.get(reverse("case_assignees"), {"area": world.grid_a1.pk}).status_code == 404
    assert client.get(reverse("case_assignees"), {"area": "x"}).status_code == 404
    assert client.get(reverse("case_assignees"), {"area": world.street.pk}).status_code == 404
