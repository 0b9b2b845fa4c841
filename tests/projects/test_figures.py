"""The project indicators on small data: the boundaries of each rule."""

from datetime import date
from decimal import Decimal

from jiedao.core.figures import Period, compute, get_indicator
from jiedao.projects.figures import legacy_by_community
from jiedao.projects.models import LegacyUse, ProjectKind, ProjectStatus
from tests.projects.conftest import add_project

YEAR = Period.year(2023)


def value(code, period=YEAR, **kw):
    return compute(get_indicator(code), period, **kw).value


def done(area, name, kind, on, **kw):
    return add_project(
        area,
        name,
        kind=kind,
        planned_start=date(2022, 3, 1),
        planned_end=date(2023, 12, 31),
        plan_year=2023,
        status=ProjectStatus.COMPLETED,
        completed_on=on,
        **kw,
    )


def test_completions_count_in_the_year_they_happen(world):
    done(world.community_a, "改造一", ProjectKind.RENOVATION, date(2023, 10, 1))
    done(world.community_b, "改造二", ProjectKind.RENOVATION, date(2022, 12, 31))
    done(world.community_a, "危楼一", ProjectKind.REBUILD, date(2023, 1, 1))
    add_project(world.community_a, "改造三", plan_year=2023, planned_start=date(2023, 3, 1))  # not completed
    assert value("projects.renovation_done") == 1
    assert value("projects.rebuild_done") == 1
    assert value("projects.renovation_done", area=world.community_b) == 0


def test_legacy_projects_count_when_open_at_the_year_end(world):
    def legacy(area, name, use=LegacyUse.RESIDENTIAL, **kw):
        fields = {"planned_start": date(2022, 1, 1), "planned_end": None, "plan_year": None}
        return add_project(area, name, kind=ProjectKind.LEGACY, use=use, **{**fields, **kw})

    legacy(world.community_a, "遗留一")
    legacy(world.community_a, "遗留二", status=ProjectStatus.COMPLETED, completed_on=date(2024, 2, 1))
    legacy(world.community_b, "遗留三")
    legacy(world.community_b, "已解决", status=ProjectStatus.COMPLETED, completed_on=date(2023, 6, 1))
    legacy(world.community_b, "已终止", status=ProjectStatus.TERMINATED)
    legacy(world.community_b, "明年才开始", planned_start=date(2024, 3, 1))
    legacy(world.community_a, "商业楼", use=LegacyUse.NONRESIDENTIAL)
    assert value("legacy.residential_projects") == 3
    assert value("legacy.nonresidential_projects") == 1
    assert legacy_by_community(LegacyUse.RESIDENTIAL, YEAR.end) == {"社区A": 2, "社区B": 1}


def test_micro_projects_count_in_the_year_they_start(world):
    def micro(name, start, **kw):
        return add_project(
            world.community_a, name, kind=ProjectKind.MICRO, planned_start=start, planned_end=None, **kw
        )

    micro("路灯", date(2023, 1, 1))
    micro("座椅", date(2023, 12, 31))
    micro("去年", date(2022, 12, 31))
    micro("终止", date(2023, 5, 1), status=ProjectStatus.TERMINATED)
    assert value("livelihood.micro_projects") == 2


def test_the_plan_is_the_next_years_targets(world):
    add_project(world.community_a, "城发绿园", kind=ProjectKind.KEY, budget=Decimal("5000000"))
    add_project(world.community_a, "小项目", kind=ProjectKind.KEY, budget=Decimal("4999999.99"))
    add_project(
        world.community_a, "后年项目", kind=ProjectKind.KEY, budget=Decimal("9000000"), plan_year=2025
    )
    add_project(world.community_a, "改造一", floor_area=Decimal("1000.50"), buildings=2, households=30)
    add_project(world.community_b, "改造二", floor_area=Decimal("2000"), buildings=3, households=40)
    add_project(world.community_b, "今年改造", plan_year=2023)
    result = compute(get_indicator("plan.key_projects"), YEAR)
    assert (result.value, [p.name for p in result.records]) == (1, ["城发绿园"])
    assert value("plan.renovation_compounds") == 2
    assert value("plan.renovation_area") == Decimal("3000.50")
    assert (value("plan.renovation_buildings"), value("plan.renovation_households")) == (5, 70)
    assert value("plan.renovation_compounds", period=Period.year(2022)) == 1
