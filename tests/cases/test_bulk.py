"""批量派单 and 批量受理 from the lists: each case moved on its own, each refusal reported by number and reason."""

from datetime import date

import pytest
from django.urls import reverse

from jiedao.cases.bulk import MSG_BAD_PAIR, MSG_NONE_CHOSEN, MSG_TOO_MANY, bulk_move
from jiedao.cases.models import Case, CaseEvent, State
from jiedao.cases.workflow import MSG_ASSIGNEE, MSG_OUT_OF_SCOPE, MSG_STALE, case_move
from jiedao.core.models import Role
from jiedao.core.services.accounts import account_create, role_grant
from tests.cases.helpers import make_case
from tests.conftest import PASSWORD

DISPATCH = reverse("case_bulk", args=["dispatch"])
ACCEPT = reverse("case_bulk", args=["accept"])


def move(case, action, actor, **data):
    return case_move(case=case, action=action, actor=actor, version=case.version, **data)


def accepted(world, categories, **kw):
    return move(make_case(world, categories, **kw), "accept", world.leader)


def pair(case) -> str:
    return f"{case.pk}:{case.version}"


def fresh(case) -> Case:
    return Case.objects.select_related("assigned_area", "assignee").get(pk=case.pk)


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def secretary_a(world):
    user = account_create(username="shuji_a", full_name="钱书记", password=PASSWORD)
    role_grant(user=user, role=Role.COMMUNITY_SECRETARY, area=world.community_a, start_date=date(2020, 1, 1))
    return user


def test_it_dispatches_accepted_cases_and_reassigns_dispatched_ones(client, world, categories):
    first, second = accepted(world, categories), accepted(world, categories)
    sent = move(accepted(world, categories), "dispatch", world.leader, area=world.community_b)
    client.force_login(world.leader)
    data = {"cases": [pair(first), pair(second), pair(sent)], "area": world.community_a.pk}
    response = client.post(DISPATCH, {**data, "assignee": world.worker_a.pk})
    assert response.status_code == 200
    assert response.context["result"].summary == "已派单 3 件"
    for case in (first, second, sent):
        case = fresh(case)
        assert (case.state, case.assigned_area, case.assignee) == (
            State.DISPATCHED,
            world.community_a,
            world.worker_a,
        )
    actions = CaseEvent.objects.filter(case=sent).values_list("action", flat=True)
    assert list(actions) == ["create", "accept", "dispatch", "reassign"]


def test_it_reports_each_case_it_did_not_move_and_moves_the_rest(client, world, categories):
    good = accepted(world, categories)
    waiting = make_case(world, categories)  # 待受理: not yet to be dispatched
    closed = move(
        move(move(accepted(world, categories), "dispatch", world.leader, area=world.grid_a1), "sign",
             world.grid_a1_worker),
        "close", world.grid_a1_worker, result="已清运",
    )  # fmt: skip
    stale = accepted(world, categories)
    stale_pair = pair(stale)
    move(stale, "supervise", world.leader)  # someone else moved it since the page was drawn
    client.force_login(world.leader)
    data = {
        "cases": [pair(good), pair(waiting), pair(closed), stale_pair, "999999:1"],
        "area": world.grid_a1.pk,
    }
    response = client.post(DISPATCH, data)
    result = response.context["result"]
    assert result.summary == "已派单 1 件；4 件未派单："
    assert result.refused == [
        (waiting.number, "当前状态为“待受理”，不能派单"),
        (closed.number, "当前状态为“已办结”，不能派单"),
        (stale.number, MSG_STALE),
        ("#999999", MSG_OUT_OF_SCOPE),
    ]
    body = response.content.decode()
    assert "已派单 1 件；4 件未派单：" in body and waiting.number in body and "已被他人处理，请刷新" in body
    assert fresh(good).state == State.DISPATCHED
    assert (fresh(waiting).state, fresh(stale).state) == (State.PENDING, State.ACCEPTED)


def test_it_reports_cases_outside_the_dispatchers_scope(client, world, categories, secretary_a):
    ours = accepted(world, categories)
    theirs = accepted(world, categories, area=world.grid_b1)
    client.force_login(secretary_a)
    data = {"cases": [pair(ours), pair(theirs)], "area": world.grid_a2.pk}
    result = client.post(DISPATCH, data).context["result"]
    assert [c.pk for c in result.moved] == [ours.pk]
    assert result.refused == [(f"#{theirs.pk}", MSG_OUT_OF_SCOPE)]
    assert fresh(theirs).state == State.ACCEPTED


def test_it_refuses_a_person_outside_the_area_for_every_case(world, categories):
    cases = [accepted(world, categories) for _ in range(2)]
    result = bulk_move(
        action="dispatch",
        pairs=[(c.pk, c.version) for c in cases],
        actor=world.leader,
        area=world.grid_a1,
        assignee=world.worker_b,
    )
    reason = MSG_ASSIGNEE.format(name="陈社工", area="网格A1")
    assert result.moved == [] and result.refused == [(c.number, reason) for c in cases]
    assert {fresh(c).state for c in cases} == {State.ACCEPTED}


def test_a_resubmitted_form_moves_nothing_twice(client, world, categories):
    case = accepted(world, categories)
    client.force_login(world.leader)
    data = {"cases": [pair(case)], "area": world.grid_a1.pk}
    assert client.post(DISPATCH, data).context["result"].summary == "已派单 1 件"
    again = client.post(DISPATCH, data).context["result"]
    assert again.refused == [(case.number, MSG_STALE)]
    assert CaseEvent.objects.filter(case=case, action__in=["dispatch", "reassign"]).count() == 1


def test_it_refuses_more_than_200_cases_at_once(client, world, categories):
    case = accepted(world, categories)
    client.force_login(world.leader)
    pairs = [pair(case)] + [f"{pk}:1" for pk in range(10**6, 10**6 + 200)]
    response = client.post(DISPATCH, {"cases": pairs, "area": world.grid_a1.pk}, follow=True)
    assert response.redirect_chain == [(reverse("case_list"), 302)]
    assert messages_of(response) == [MSG_TOO_MANY.format(max=200, count=201)]
    assert MSG_TOO_MANY.format(max=200, count=201) == "一次最多批量处理200件工单，您选择了201件，请分批提交"
    assert fresh(case).state == State.ACCEPTED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"area": "AREA"}, MSG_NONE_CHOSEN),
        ({"area": "AREA", "cases": ["12;3"]}, MSG_BAD_PAIR.format(value="12;3")),
        ({"cases": ["CASE"]}, "承办社区或网格：派单必须选择承办的社区或网格"),
    ],
    ids=["nothing-ticked", "malformed", "no-area"],
)
def test_it_explains_a_form_it_cannot_use(client, world, categories, data, message):
    case = accepted(world, categories)
    data = {
        k: (world.grid_a1.pk if v == "AREA" else [pair(case)] if v == ["CASE"] else v)
        for k, v in data.items()
    }
    client.force_login(world.leader)
    list_url = reverse("case_list") + "?source=hotline"
    response = client.post(DISPATCH, {**data, "next": list_url}, follow=True)
    assert response.redirect_chain == [(list_url, 302)]
    assert messages_of(response) == [message]
    assert fresh(case).state == State.ACCEPTED


def test_it_sends_an_outside_next_back_to_the_list(client, world, categories):
    client.force_login(world.leader)
    response = client.post(DISPATCH, {"next": "https://example.com/"})
    assert response.url == reverse("case_list")


def test_it_accepts_pending_cases_in_bulk(client, world, categories):
    first, second = make_case(world, categories), make_case(world, categories)
    already = accepted(world, categories)
    client.force_login(world.worker_a)  # 社区工作者 may accept, not dispatch
    result = client.post(ACCEPT, {"cases": [pair(first), pair(second), pair(already)]}).context["result"]
    assert result.summary == "已受理 2 件；1 件未受理："
    assert result.refused == [(already.number, "当前状态为“已受理”，不能受理")]
    assert {fresh(first).state, fresh(second).state} == {State.ACCEPTED}
    assert fresh(first).due_at is not None


def test_it_refuses_a_bulk_move_the_role_cannot_make(client, world, categories):
    case = accepted(world, categories)
    client.force_login(world.worker_a)
    assert client.post(DISPATCH, {"cases": [pair(case)], "area": world.grid_a1.pk}).status_code == 403
    client.force_login(world.grid_a1_worker)
    assert client.post(ACCEPT, {"cases": [pair(case)]}).status_code == 403
    assert client.post(reverse("case_bulk", args=["close"]), {}).status_code == 404
    assert fresh(case).state == State.ACCEPTED


def test_the_lists_show_checkboxes_only_to_those_who_may_use_them(client, world, categories):
    case = accepted(world, categories)
    checkbox = f'name="cases" value="{case.pk}:{case.version}" form="bulk-form"'
    client.force_login(world.leader)
    page = client.get(reverse("case_list")).content.decode()
    assert checkbox in page and 'id="bulk-dispatch"' in page and 'id="bulk-accept"' in page
    client.force_login(world.worker_a)
    page = client.get(reverse("case_list")).content.decode()
    assert checkbox in page and 'id="bulk-accept"' in page and 'id="bulk-dispatch"' not in page
    client.force_login(world.grid_a1_worker)
    page = client.get(reverse("case_list")).content.decode()
    assert case.number in page and 'name="cases"' not in page and 'id="bulk-form"' not in page


def test_the_queue_has_the_bulk_bar_too(client, world, categories):
    case = make_case(world, categories)
    client.force_login(world.leader)
    page = client.get(reverse("case_queue")).content.decode()
    assert f'value="{case.pk}:{case.version}" form="bulk-form"' in page
    assert f'hx-get="{reverse("case_assignees")}"' in page and 'hx-target="#id_bulk_assignee"' in page
