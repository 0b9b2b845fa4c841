"""Party, integrity and honour pages for every member of the cast. Party and integrity records are kept by
offices (党建办, 纪工委), which the cast does not hold: only the street leader reads them. Honours are a ledger:
every working role reads those of its areas, community workers keep them."""

from datetime import date

from tests.urlcheck import Route, one, statuses

ONLY_LEADER = statuses(403, leader=200)
NOBODY = statuses(403)
LEDGER_READERS = statuses(200, auditor=403, sysadmin=403)
LEDGER_KEEPERS = statuses(403, worker_a=200, worker_b=200)
MISSING = 999999


def _branch(w):
    from tests.party.conftest import add_branch

    return {"pk": add_branch(w.community_a, "社区A党支部").pk}


def _member(w):
    from jiedao.party.services import member_create
    from tests.party.conftest import add_branch

    branch = add_branch(w.community_a, "社区A党支部")
    return {"pk": member_create(branch=branch, name="李秀英").pk}


def _duty(w):
    from jiedao.party.models import DutyKind
    from jiedao.party.services import duty_create

    duty = duty_create(
        user=w.worker_a, duty=DutyKind.COMMENTATOR, area=w.community_a, start_date=date(2023, 1, 1)
    )
    return {"pk": duty.pk}


def _archive(w):
    from tests.party.conftest import add_archive

    return {"pk": add_archive(w.community_a, "王海").pk}


def _discipline(w):
    from tests.party.conftest import add_discipline

    return {"pk": add_discipline(w.community_a, "王海").pk}


def _honour(area_name):
    def make(w):
        from tests.party.conftest import add_honour

        return {"pk": add_honour(getattr(w, area_name)).pk}

    return make


def _office_records(make) -> list[Route]:
    return [
        Route(ONLY_LEADER, kwargs=make, label="社区A"),
        Route(statuses(403, leader=404), kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


def _office_edits(make) -> list[Route]:
    return [
        Route(NOBODY, kwargs=make, label="社区A"),
        Route(NOBODY, kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


PAGES = {
    "party_branch_list": [
        Route(ONLY_LEADER),
        Route(ONLY_LEADER, query="q=社区&kind=community&year=2023", label="筛选"),
    ],
    "party_branch_create": one(NOBODY),
    "party_branch_detail": _office_records(_branch),
    "party_branch_edit": _office_edits(_branch),
    "party_branch_title_create": _office_edits(_branch),
    "party_member_list": one(ONLY_LEADER),
    "party_member_create": one(NOBODY),
    "party_member_edit": _office_edits(_member),
    "party_duty_list": one(ONLY_LEADER),
    "party_duty_create": one(NOBODY),
    "party_duty_edit": _office_edits(_duty),
    "party_archive_list": one(ONLY_LEADER),
    "party_archive_create": one(NOBODY),
    "party_archive_edit": _office_edits(_archive),
    "party_discipline_list": one(ONLY_LEADER),
    "party_discipline_create": one(NOBODY),
    "party_discipline_detail": _office_records(_discipline),
    "party_discipline_edit": _office_edits(_discipline),
    "party_honour_list": [
        Route(LEDGER_READERS),
        Route(LEDGER_READERS, query="kind=civilized_compound&year=2023", label="筛选"),
    ],
    "party_honour_create": one(LEDGER_KEEPERS),
    "party_honour_edit": [
        Route(statuses(403, worker_a=200, worker_b=404), kwargs=_honour("community_a"), label="社区A"),
        Route(statuses(403, worker_a=404, worker_b=200), kwargs=_honour("community_b"), label="社区B"),
        Route(statuses(403, worker_a=404, worker_b=404), kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ],
}
