from jiedao.cases.models import CaseEvent, SlaStatus
from jiedao.cases.sla import sla_sweep
from jiedao.cases.workflow import case_move
from tests.cases.helpers import local, make_case


def test_the_sweep_marks_due_soon_and_overdue_once(world, categories):
    case = make_case(world, categories)
    case = case_move(case=case, action="accept", actor=world.leader, version=case.version)
    # Due 2024-10-12 17:00.
    assert sla_sweep(now=local(2024, 10, 10, 9, 0)) == {SlaStatus.OVERDUE: 0, SlaStatus.DUE_SOON: 0}
    assert sla_sweep(now=local(2024, 10, 12, 10, 0)) == {SlaStatus.OVERDUE: 0, SlaStatus.DUE_SOON: 1}
    assert sla_sweep(now=local(2024, 10, 12, 11, 0)) == {SlaStatus.OVERDUE: 0, SlaStatus.DUE_SOON: 0}
    assert sla_sweep(now=local(2024, 10, 13, 9, 0)) == {SlaStatus.OVERDUE: 1, SlaStatus.DUE_SOON: 0}
    assert sla_sweep(now=local(2024, 10, 14, 9, 0)) == {SlaStatus.OVERDUE: 0, SlaStatus.DUE_SOON: 0}
    reminders = CaseEvent.objects.filter(case=case, action="remind")
    assert [e.data["sla"] for e in reminders] == ["due_soon", "overdue"]


def test_closed_cases_are_left_alone(world, categories):
    case = make_case(world, categories)
    case = case_move(case=case, action="accept", actor=world.leader, version=case.version)
    case = case_move(
        case=case, action="dispatch", actor=world.leader, version=case.version, area=world.community_a
    )
    case = case_move(case=case, action="sign", actor=world.worker_a, version=case.version)
    case_move(case=case, action="close", actor=world.worker_a, version=case.version, result="已处理")
    assert sla_sweep(now=local(2024, 11, 1, 9, 0)) == {SlaStatus.OVERDUE: 0, SlaStatus.DUE_SOON: 0}
