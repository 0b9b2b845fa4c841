"""The demo's projects reproduce the seed report: 4 renovated compounds, 1 rebuilt building, 9 + 2 legacy
projects, 32 民生微实事, and the 2024 plan (4 key projects; 9 compounds, 22.44万㎡, 50 buildings, 2327 households)."""

import time
from decimal import Decimal

import pytest

from jiedao.core.demo import build_demo
from jiedao.core.figures import Period, compute, get_indicator
from jiedao.projects.demo import RENOVATION_2024, build_project_demo
from jiedao.projects.figures import legacy_by_community
from jiedao.projects.models import LegacyUse, Milestone, Project
from jiedao.registry.services.places import compound_create

EXPECTED = {
    "projects.renovation_done": 4,
    "projects.rebuild_done": 1,
    "legacy.residential_projects": 9,
    "legacy.nonresidential_projects": 2,
    "livelihood.micro_projects": 32,
    "plan.key_projects": 4,
    "plan.renovation_compounds": 9,
    "plan.renovation_area": Decimal("224400.00"),
    "plan.renovation_buildings": 50,
    "plan.renovation_households": 2327,
}


@pytest.mark.demo
def test_it_builds_the_seed_figures_once(db):
    street = build_demo().street
    communities = {a.name: a for a in street.children.filter(valid_to__isnull=True)}
    # A few of the registry's demo compounds, for the plan's renovations to name.
    for compound, community, *_ in RENOVATION_2024[:3]:
        compound_create(name=compound, community=communities[community])
    started = time.monotonic()
    build_project_demo(street)
    assert time.monotonic() - started < 20
    year = Period.year(2023)
    got = {code: compute(get_indicator(code), year).value for code in EXPECTED}
    assert got == EXPECTED
    key = compute(get_indicator("plan.key_projects"), year).records
    assert sorted(key.values_list("name", flat=True)) == sorted(
        ["城发绿园", "金汇佳苑", "熙湖国际", "祥生澜庭樾"]
    )
    assert len(legacy_by_community(LegacyUse.RESIDENTIAL, year.end)) == 4
    assert Project.objects.get(name="赛马场北区老旧小区改造").compounds.get().name == "赛马场北区"
    assert Project.objects.get(name="附件厂小区老旧小区改造").progress == 100
    assert Project.objects.filter(leader__isnull=False).count() == Project.objects.count()
    for project in Project.objects.all():
        project.full_clean()

    counts = (Project.objects.count(), Milestone.objects.count())
    build_project_demo(street)
    assert (Project.objects.count(), Milestone.objects.count()) == counts
