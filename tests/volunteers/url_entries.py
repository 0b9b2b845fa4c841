"""The volunteer pages for every member of the cast. A team of 社区A is in worker_a's scope (and the
leader's), not in the grid workers' nor worker_b's; members and honours are kept under the team's
permissions."""

from datetime import date
from decimal import Decimal

from tests.urlcheck import Route, statuses

READERS = statuses(200, auditor=403, sysadmin=403)
KEEPERS = statuses(403, worker_a=200, worker_b=200)
READ_A = statuses(200, grid_a1=404, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
READ_B = statuses(200, worker_a=404, grid_a1=404, grid_a2=404, auditor=403, sysadmin=403)
READ_MISSING = statuses(404, auditor=403, sysadmin=403)
KEEP_A = statuses(403, worker_a=200, worker_b=404)
KEEP_B = statuses(403, worker_a=404, worker_b=200)
KEEP_MISSING = statuses(403, worker_a=404, worker_b=404)
MISSING = 999999


def make_team(area, name):
    from jiedao.volunteers.services import team_create

    return team_create(name=name, kind="warm_heart", area=area, leader="马海燕", founded_on=date(2021, 3, 5))


def _team(community, name):
    return lambda w: {"pk": make_team(getattr(w, community), name).pk}


def _record(community, name):
    from jiedao.volunteers.services import service_record

    def make(w):
        team = make_team(getattr(w, community), name)
        record = service_record(
            team=team, served_on=date(2023, 10, 23), title="重阳节敬老慰问", volunteers=5, hours=Decimal("10")
        )
        return {"pk": record.pk}

    return make


def _member(community, name, seq):
    def make(w):
        from jiedao.volunteers.services import member_add
        from tests.volunteers.conftest import add_resident

        team = make_team(getattr(w, community), name)
        resident = add_resident(w, getattr(w, community.replace("community", "grid") + "1"), seq)
        return {"pk": member_add(team=team, resident=resident, joined_on=date(2023, 1, 5)).pk}

    return make


def _read(a, b) -> list[Route]:
    return [
        Route(READ_A, kwargs=a, label="社区A"),
        Route(READ_B, kwargs=b, label="社区B"),
        Route(READ_MISSING, kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


def _keep(a, b) -> list[Route]:
    return [
        Route(KEEP_A, kwargs=a, label="社区A"),
        Route(KEEP_B, kwargs=b, label="社区B"),
        Route(KEEP_MISSING, kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


TEAMS = (_team("community_a", "社区A暖心小分队"), _team("community_b", "社区B暖心小分队"))

PAGES = {
    "volunteer_team_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="q=暖心&kind=warm_heart&state=active", label="筛选"),
    ],
    "volunteer_team_create": [Route(KEEPERS)],
    "volunteer_team_detail": _read(*TEAMS),
    "volunteer_team_edit": _keep(*TEAMS),
    "volunteer_member_add": _keep(*TEAMS),
    "team_honour_add": _keep(*TEAMS),
    "service_record_create": _keep(*TEAMS),
    "volunteer_member_leave": _keep(
        _member("community_a", "社区A暖心小分队", 1), _member("community_b", "社区B暖心小分队", 2)
    ),
    "service_record_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="kind=sunset&date_from=2023-01-01&date_to=2023-12-31", label="筛选"),
    ],
    "service_record_edit": _keep(
        _record("community_a", "社区A暖心小分队"), _record("community_b", "社区B暖心小分队")
    ),
}
