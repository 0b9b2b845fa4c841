"""The co-building pages for every member of the cast. Records of 社区A are in worker_a's scope (and the
leader's), not in the grid workers' (a community-level record lies above their grids) nor worker_b's."""

from datetime import date

from tests.urlcheck import Route, statuses

READERS = statuses(200, auditor=403, sysadmin=403)
KEEPERS = statuses(403, worker_a=200, worker_b=200)
KEEP_A = statuses(403, worker_a=200, worker_b=404)
KEEP_B = statuses(403, worker_a=404, worker_b=200)
KEEP_MISSING = statuses(403, worker_a=404, worker_b=404)
MISSING = 999999


def _compound(w, community, name):
    from jiedao.registry.services.places import compound_create

    return compound_create(name=name, community=community)


def _item(community):
    from jiedao.cobuild.services import cobuild_item_create

    return lambda w: {
        "pk": cobuild_item_create(
            kind="need", title="楼道照明改造", partner="回民区人民医院", year=2023, area=getattr(w, community)
        ).pk
    }


def _rectification(community):
    from jiedao.cobuild.services import rectification_create

    return lambda w: {
        "pk": rectification_create(
            item="楼道堆放杂物",
            category="sanitation",
            found_on=date(2023, 5, 1),
            deadline=date(2023, 5, 8),
            area=getattr(w, community),
        ).pk
    }


def _committee(community, name):
    from jiedao.cobuild.services import committee_create

    return lambda w: {
        "pk": committee_create(
            compound=_compound(w, getattr(w, community), name),
            established_on=date(2022, 3, 1),
            director="王建国",
            members=5,
        ).pk
    }


def _keep(a, b) -> list[Route]:
    return [
        Route(KEEP_A, kwargs=a, label="社区A"),
        Route(KEEP_B, kwargs=b, label="社区B"),
        Route(KEEP_MISSING, kwargs=lambda w: {"pk": MISSING}, label="不存在"),
    ]


PAGES = {
    "cobuild_item_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="q=照明&kind=need&status=completed&year=2023", label="筛选"),
    ],
    "cobuild_item_create": [Route(KEEPERS)],
    "cobuild_item_edit": _keep(_item("community_a"), _item("community_b")),
    "rectification_list": [
        Route(READERS, label="全部"),
        Route(READERS, query="category=sanitation&overdue=1&date_from=2023-01-01", label="筛选"),
    ],
    "rectification_create": [Route(KEEPERS)],
    "rectification_edit": _keep(_rectification("community_a"), _rectification("community_b")),
    "waste_list": [Route(READERS, label="全部"), Route(READERS, query="covered=0&q=小区", label="筛选")],
    # A compound is seen by the grid workers whose grids hold its buildings; they may not keep its bins.
    "waste_edit": _keep(
        lambda w: {"pk": _compound(w, w.community_a, "阳光小区").pk},
        lambda w: {"pk": _compound(w, w.community_b, "河畔小区").pk},
    ),
    "committee_list": [Route(READERS, label="全部"), Route(READERS, query="state=active", label="在任")],
    "committee_create": [Route(KEEPERS)],
    "committee_edit": _keep(_committee("community_a", "阳光小区"), _committee("community_b", "河畔小区")),
}
