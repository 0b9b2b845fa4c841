"""The registry's pages in the URL × role table. Objects are made inside the lambdas: a resident, household
and premises in 网格A1 of 社区A, a compound in each community.

POST-only URLs check the permission before the method: a GET is 403 without the permission, 405 with it (the
object is not looked up, so out-of-scope is 405 too)."""

from tests.registry.conftest import make_id
from tests.urlcheck import Route, one, statuses

VIEWERS = statuses(200, auditor=403, sysadmin=403)
KEEPERS = statuses(403, worker_a=200, worker_b=200)
IN_GRID_A1 = statuses(200, grid_a2=404, worker_b=404, auditor=403, sysadmin=403)
IN_COMMUNITY_B = statuses(200, worker_a=404, grid_a1=404, grid_a2=404, auditor=403, sysadmin=403)
MISSING = statuses(404, auditor=403, sysadmin=403)
KEEP_IN_GRID_A1 = statuses(403, worker_a=200, worker_b=404)
POST_ONLY_VIEWERS = statuses(405, auditor=403, sysadmin=403)
POST_ONLY_KEEPERS = statuses(403, worker_a=405, worker_b=405)


def _building(w, community, compound_name, grid, name="1号楼"):
    from jiedao.registry.models import Building, Compound
    from jiedao.registry.services.places import building_create, compound_create

    compound = Compound.objects.filter(area=community, name=compound_name).first() or compound_create(
        name=compound_name, community=community
    )
    return Building.objects.filter(compound=compound, name=name).first() or building_create(
        compound=compound, name=name, grid=grid
    )


def _resident(w, *, community_b=False):
    from jiedao.registry.services.households import resident_register_at

    if community_b:
        building, seq = _building(w, w.community_b, "河畔小区", w.grid_b1), 2
    else:
        building, seq = _building(w, w.community_a, "阳光小区", w.grid_a1), 1
    return resident_register_at(
        building=building, unit="1", room="101", name="张三", id_number=make_id(seq=seq)
    )


def _tag(w):
    from datetime import date

    from jiedao.registry.services.people import resident_tag_add

    resident = _resident(w)
    tag = resident_tag_add(resident=resident, tag="dibao", valid_from=date(2023, 1, 1))
    return {"pk": resident.pk, "tag_pk": tag.pk}


def _premises(w):
    from datetime import date

    from jiedao.registry.services.places import premises_create

    building = _building(w, w.community_a, "阳光小区", w.grid_a1)
    premises = premises_create(
        kind="shop",
        name="老王五金店",
        address="海西路1号底商",
        area=w.grid_a1,
        building=building,
        registered_on=date(2023, 1, 1),
    )
    return {"pk": premises.pk}


def _compound(w, community_b=False):
    if community_b:
        return {"pk": _building(w, w.community_b, "河畔小区", w.grid_b1).compound_id}
    return {"pk": _building(w, w.community_a, "阳光小区", w.grid_a1).compound_id}


PAGES = {
    "resident_list": [
        Route(VIEWERS),
        Route(VIEWERS, query="q=zs&status=all&tag=elderly&age=80%2B&residence=floating", label="筛选"),
    ],
    "resident_create": one(KEEPERS),
    "resident_detail": [
        Route(IN_GRID_A1, kwargs=lambda w: {"pk": _resident(w).pk}, label="网格A1"),
        Route(IN_COMMUNITY_B, kwargs=lambda w: {"pk": _resident(w, community_b=True).pk}, label="社区B"),
        Route(MISSING, kwargs=lambda w: {"pk": 999999}, label="不存在"),
    ],
    "resident_reveal": one(POST_ONLY_VIEWERS, kwargs=lambda w: {"pk": _resident(w).pk}),
    "resident_edit": one(KEEP_IN_GRID_A1, kwargs=lambda w: {"pk": _resident(w).pk}),
    "resident_transfer": one(KEEP_IN_GRID_A1, kwargs=lambda w: {"pk": _resident(w).pk}),
    "resident_leave": one(KEEP_IN_GRID_A1, kwargs=lambda w: {"pk": _resident(w).pk}),
    "resident_tag_add": one(POST_ONLY_KEEPERS, kwargs=lambda w: {"pk": _resident(w).pk}),
    "resident_tag_end": one(POST_ONLY_KEEPERS, kwargs=_tag),
    "household_list": one(VIEWERS),
    "household_detail": one(IN_GRID_A1, kwargs=lambda w: {"pk": _resident(w).household_id}),
    "compound_list": one(VIEWERS),
    "compound_detail": [
        # A grid worker sees the compounds their grid's buildings stand in (阳光小区 here has 网格A1's only).
        Route(IN_GRID_A1, kwargs=_compound, label="社区A"),
        Route(IN_COMMUNITY_B, kwargs=lambda w: _compound(w, community_b=True), label="社区B"),
    ],
    "compound_create": one(KEEPERS),
    "building_create": one(KEEPERS),
    "building_options": one(VIEWERS),
    "premises_list": one(VIEWERS),
    "premises_detail": one(IN_GRID_A1, kwargs=_premises),
    "premises_create": one(KEEPERS),
    "population_stats": [
        Route(VIEWERS),
        Route(VIEWERS, query="on=2020-01-01", label="历史日期"),
    ],
}
