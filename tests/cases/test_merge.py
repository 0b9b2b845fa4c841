"""合并: a duplicate is closed into the case that carries the work."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from jiedao.cases import selectors
from jiedao.cases.models import Case, ReturnReason, State
from jiedao.cases.workflow import case_move
from tests.cases.helpers import make_case

LAT, LON = Decimal("40.800000"), Decimal("111.650000")


def move(case, action, actor, **data):
    return case_move(case=case, action=action, actor=actor, version=case.version, **data)


def here(world, categories, **kw) -> Case:
    return make_case(world, categories, latitude=LAT, longitude=LON, **kw)


def merge_error(case, into, actor) -> str:
    with pytest.raises(ValidationError) as exc:
        move(case, "merge", actor, into=into)
    return exc.value.messages[0]


def test_it_closes_the_duplicate_into_the_other_case(world, categories):
    target = here(world, categories, title="垃圾未清运")
    duplicate = move(here(world, categories, title="垃圾堆了三天"), "accept", world.leader)
    merged = move(duplicate, "merge", world.leader, into=target)
    assert merged.state == State.CLOSED and merged.merged_into == target
    assert merged.closed_at is not None and merged.result == f"与工单 {target.number} 合并办理"
    event = merged.events.get(action="merge")
    assert event.data == {"into": target.pk} and event.from_state == State.ACCEPTED
    timeline = selectors.case_timeline(merged)
    assert ("合并到工单", target.number) in timeline[-1].details and timeline[-1].label == "合并"
    assert list(target.merged.all()) == [merged]


def test_it_refuses_a_case_past_dispatch(world, categories):
    target = here(world, categories)
    signed = move(
        move(
            move(here(world, categories), "accept", world.leader),
            "dispatch",
            world.leader,
            area=world.grid_a1,
        ),
        "sign",
        world.grid_a1_worker,
    )
    assert merge_error(signed, target, world.leader) == "当前状态为“已签收”，不能合并"
    assert Case.objects.get(pk=signed.pk).state == State.SIGNED


def test_it_refuses_to_merge_a_case_into_itself(world, categories):
    case = here(world, categories)
    assert merge_error(case, case, world.leader) == "不能合并到工单本身"


def test_it_refuses_a_merged_or_returned_target(world, categories):
    first, second, third = (here(world, categories) for _ in range(3))
    move(second, "merge", world.leader, into=first)
    assert (
        merge_error(third, second, world.leader) == f"工单 {second.number} 已合并到其他工单，不能作为合并目标"
    )
    returned = move(
        here(world, categories, source="grid"), "return", world.leader, reason=ReturnReason.INCOMPLETE
    )
    assert merge_error(third, returned, world.leader) == f"工单 {returned.number} 已退单，不能作为合并目标"


def test_only_coordinators_merge(world, categories):
    target, duplicate = here(world, categories), here(world, categories)
    with pytest.raises(PermissionDenied):
        move(duplicate, "merge", world.worker_a, into=target)


def test_reopening_a_merged_case_undoes_the_merge(world, categories):
    target = here(world, categories)
    merged = move(here(world, categories), "merge", world.leader, into=target)
    reopened = move(merged, "reopen", world.leader)
    assert reopened.state == State.DISPATCHED and reopened.merged_into is None


def test_merging_is_not_queue_work(world):
    # 合并 starts from 已派单 too, but a dispatched case does not wait for the street leader.
    assert State.DISPATCHED not in selectors.queue_states(world.leader)


def test_the_case_page_merges_into_a_possible_duplicate(client, world, categories):
    target = here(world, categories, title="先报的")
    duplicate = here(world, categories, title="后报的")
    client.force_login(world.leader)
    page = client.get(reverse("case_detail", args=[duplicate.pk])).content.decode()
    assert "合并到此工单" in page and 'data-action="merge"' in page
    response = client.post(
        reverse("case_act", args=[duplicate.pk, "merge"]), {"version": duplicate.version, "into": target.pk}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=duplicate.pk).merged_into == target
    page = client.get(reverse("case_detail", args=[target.pk])).content.decode()
    assert 'id="merged-cases"' in page and duplicate.number in page


def test_the_merge_form_offers_only_possible_duplicates(client, world, categories):
    elsewhere = make_case(world, categories, latitude=LAT + 1, longitude=LON)
    duplicate, other = here(world, categories), here(world, categories)
    client.force_login(world.leader)
    response = client.post(
        reverse("case_act", args=[duplicate.pk, "merge"]),
        {"version": duplicate.version, "into": elsewhere.pk},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "请从可能重复的工单中选择" in page
    assert f'<option value="{other.pk}"' in page and f'<option value="{elsewhere.pk}"' not in page
    assert Case.objects.get(pk=duplicate.pk).state == State.PENDING


def test_a_merge_across_areas_shows_the_other_case_by_number_only(client, world, categories):
    into = make_case(world, categories, area=world.grid_b1, title="社区B的工单标题")
    duplicate = move(
        make_case(world, categories, area=world.grid_a1, title="社区A的工单标题"), "accept", world.leader
    )
    move(duplicate, "merge", world.leader, into=into)
    client.force_login(world.worker_a)  # 社区A: sees the duplicate, not the case it went into
    page = client.get(reverse("case_detail", args=[duplicate.pk])).content.decode()
    merged_into = page.split('id="merged-into">')[1].split("</dd>")[0]
    assert into.number in merged_into and "不在您的辖区" in merged_into
    assert "社区B的工单标题" not in page and reverse("case_detail", args=[into.pk]) not in page
    client.force_login(world.worker_b)  # 社区B: sees the case, and the duplicate merged into it by number
    page = client.get(reverse("case_detail", args=[into.pk])).content.decode()
    merged = page.split('id="merged-cases">')[1].split("</dd>")[0]
    assert duplicate.number in merged and "不在您的辖区" in merged and "社区A的工单标题" not in page
    client.force_login(world.leader)  # the street: both, linked
    page = client.get(reverse("case_detail", args=[into.pk])).content.decode()
    assert reverse("case_detail", args=[duplicate.pk]) in page and "社区A的工单标题" in page
