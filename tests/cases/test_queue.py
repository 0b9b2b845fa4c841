from jiedao.cases.selectors import case_queue
from jiedao.cases.workflow import case_move
from tests.cases.helpers import make_case


def queue(user):
    return set(case_queue(user).values_list("title", flat=True))


def test_the_queue_holds_the_work_waiting_for_each_person(world, categories):
    waiting = make_case(world, categories, title="待受理")
    sent = make_case(world, categories, title="已派单到网格A1")
    sent = case_move(case=sent, action="accept", actor=world.leader, version=sent.version)
    case_move(case=sent, action="dispatch", actor=world.leader, version=sent.version, area=world.grid_a1)
    assert queue(world.leader) == {"待受理"}  # to accept; the dispatched one waits for the grid
    assert queue(world.grid_a1_worker) == {"已派单到网格A1"}
    assert queue(world.grid_a2_worker) == set()
    assert queue(world.worker_a) == {"待受理", "已派单到网格A1"}
    assert queue(world.worker_b) == set()
    assert waiting.state == "pending"
