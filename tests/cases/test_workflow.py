from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jiedao.cases import workflow
from jiedao.cases.models import Case, CaseEvent, ReturnReason, Satisfaction, State
from jiedao.cases.workflow import case_move
from tests.cases.helpers import local, make_case


def move(case, action, actor, **data):
    return case_move(case=case, action=action, actor=actor, version=case.version, **data)


def test_it_runs_the_closed_loop_and_records_each_step(world, categories):
    case = make_case(world, categories)
    assert (case.state, case.number[:6], case.reporter_phone_masked) == (
        State.PENDING,
        "RX2024",
        "138****5678",
    )
    case = move(case, "accept", world.leader)
    case = move(case, "dispatch", world.leader, area=world.community_a)
    case = move(case, "sign", world.worker_a)
    case = move(case, "start", world.worker_a)
    case = move(case, "close", world.worker_a, result="已协调环卫清运")
    case = move(case, "callback", world.leader, resolved=True, satisfaction=Satisfaction.SATISFIED)
    case = move(case, "archive", world.leader)
    assert case.state == State.ARCHIVED and case.callback_satisfaction == Satisfaction.SATISFIED
    actions = list(case.events.values_list("action", flat=True))
    assert actions == ["create", "accept", "dispatch", "sign", "start", "close", "callback", "archive"]
    assert case.open311_status == "closed"


def test_deadlines_follow_the_working_day_calendar(world, categories):
    # Received Monday 2024-09-30; 1–7 October are holidays and Saturday 12 October is a 调休 workday.
    case = move(make_case(world, categories), "accept", world.leader)
    assert case.due_at == local(2024, 10, 12, 17, 0)  # 5 working days, to the close of office hours
    garbage = move(make_case(world, categories, category=categories["garbage"]), "accept", world.leader)
    assert garbage.due_at == local(2024, 10, 10, 17, 0)  # the category's own limit: 3 working days
    assert case.response_due_at == local(2024, 9, 30, 12, 0)  # 2 working hours


def test_a_role_may_only_make_its_moves(world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    with pytest.raises(PermissionDenied, match="您的角色不能派单"):
        move(case, "dispatch", world.grid_a1_worker, area=world.grid_a1)
    with pytest.raises(PermissionDenied, match="您的角色不能受理"):
        move(make_case(world, categories), "accept", world.auditor)


def test_a_case_outside_the_users_area_cannot_be_moved(world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    case = move(case, "dispatch", world.leader, area=world.community_a)
    with pytest.raises(PermissionDenied, match=workflow.MSG_OUT_OF_SCOPE):
        move(case, "sign", world.worker_b)


def test_a_move_not_allowed_from_the_current_state_is_refused(world, categories):
    case = make_case(world, categories)
    with pytest.raises(ValidationError) as exc:
        move(case, "close", world.worker_a, result="x")
    assert exc.value.messages == ["当前状态为“待受理”，不能办结"]
    assert list(case.events.values_list("action", flat=True)) == ["create"]


def test_a_stale_version_is_refused_and_nothing_changes(world, categories):
    case = make_case(world, categories)
    move(case, "accept", world.leader)  # someone else accepts first, from the same page
    with pytest.raises(ValidationError) as exc:
        move(case, "return", world.leader, reason=ReturnReason.OUTSIDE_AREA)
    assert exc.value.messages == [workflow.MSG_STALE]
    fresh = Case.objects.get(pk=case.pk)
    assert (fresh.state, fresh.version, fresh.return_reason) == (State.ACCEPTED, 2, "")


def test_a_return_needs_a_reason_and_a_hotline_order_its_window(world, categories):
    case = make_case(world, categories)
    with pytest.raises(ValidationError) as exc:
        move(case, "return", world.leader)
    assert exc.value.message_dict["reason"] == [workflow.MSG_RETURN_REASON]
    late = local(2024, 10, 10, 9, 0)  # past 2 working days after 30 September
    with pytest.raises(ValidationError) as exc:
        case_move(
            case=case,
            action="return",
            actor=world.leader,
            version=case.version,
            reason="outside_area",
            at=late,
        )
    assert "2个工作日内退单" in exc.value.message_dict["reason"][0]
    returned = move(
        case, "return", world.leader, reason=ReturnReason.NOT_OUR_DUTY, at=local(2024, 9, 30, 15, 0)
    )
    assert (returned.state, returned.return_reason) == (State.RETURNED, ReturnReason.NOT_OUR_DUTY)


def test_an_extension_moves_the_deadline_once_approved(world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    case = move(case, "dispatch", world.leader, area=world.community_a)
    case = move(case, "sign", world.worker_a, at=local(2024, 9, 30, 11, 0))
    case = case_move(
        case=case,
        action="request_extension",
        actor=world.worker_a,
        version=case.version,
        days=3,
        at=local(2024, 10, 9, 9),
    )
    case = move(case, "approve_extension", world.leader)
    assert case.due_at == local(2024, 10, 16, 17, 0) and case.extension_requested_days is None
    after_deadline = case.due_at + timedelta(hours=1)
    with pytest.raises(ValidationError) as exc:
        case_move(
            case=case,
            action="request_extension",
            actor=world.worker_a,
            version=case.version,
            days=2,
            at=after_deadline,
        )
    assert exc.value.message_dict["days"] == [workflow.MSG_EXTENSION_LATE]


def test_an_unsatisfied_callback_can_reopen_the_case(world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    case = move(case, "dispatch", world.leader, area=world.community_a)
    case = move(case, "sign", world.worker_a)
    case = move(case, "close", world.worker_a, result="已处理")
    case = move(case, "callback", world.leader, resolved=False, satisfaction=Satisfaction.UNSATISFIED)
    case = move(case, "reopen", world.leader)
    assert (case.state, case.reopen_count, case.result) == (State.DISPATCHED, 1, "")
    assert CaseEvent.objects.filter(case=case, action="reopen").count() == 1


def test_the_page_offers_only_the_allowed_actions(world, categories):
    case = make_case(world, categories)
    assert workflow.allowed_actions(case, world.grid_a1_worker) == ["return"]
    # 合并 too, though the page offers it only when there is a possible duplicate (tests/cases/test_merge.py).
    assert set(workflow.allowed_actions(case, world.leader)) == {"accept", "return", "supervise", "merge"}


def test_the_community_a_case_is_dispatched_to_sees_and_handles_it(world, categories):
    case = move(make_case(world, categories), "accept", world.leader)
    case = move(case, "dispatch", world.leader, area=world.community_b)
    assert Case.objects.for_user(world.worker_b).filter(pk=case.pk).exists()
    case = move(case, "sign", world.worker_b)
    assert case.state == State.SIGNED


def test_a_deadline_in_a_year_without_calendar_data_is_a_clear_error(world, categories):
    case = make_case(world, categories, received_at=local(2027, 3, 1, 9, 0))
    with pytest.raises(ValidationError) as exc:
        move(case, "accept", world.leader)
    assert "2027年的节假日安排尚未录入工作日历" in exc.value.messages[0]
    assert Case.objects.get(pk=case.pk).state == State.PENDING
