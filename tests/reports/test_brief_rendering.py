"""The brief's figures on a small world, for a month (2023年9月) and a quarter (2023年第3季度).

12345: A received 5 Sep, closed 10 Sep, resolved and satisfied (网格A1); B received 20 Sep and returned
       the same day (社区B); C received 15 Aug, accepted only (网格A1); D received 2 Oct (outside).
信访:  received 3 Jul, 5 people (网格A1).
活动:  a lecture 12 Sep on 网格A1 (受众 80); a river clean-up 3 Jul on 社区B (12 people, 1.5 t);
       a lecture 1 Oct (outside).
信息:  an item submitted 1 Sep, adopted 5 Sep by a central outlet and 1 Oct by a city one.
项目:  a renovation on 社区A completed 20 Sep, its milestones 开工 (1 Mar, on time) and 竣工验收
       (planned 15 Sep, reached 20 Sep); a rebuild on 社区B completed 1 Aug.
"""

from datetime import date

import pytest

from jiedao.activities.services import adoption_add
from jiedao.cases.models import Satisfaction, Source
from jiedao.cases.workflow import case_move
from jiedao.core.figures import Indicator
from jiedao.projects.models import ProjectKind, ProjectStatus
from jiedao.projects.services import milestone_add
from jiedao.reports.brief import rendering, template
from jiedao.reports.brief.markdown import write_markdown
from jiedao.reports.brief.periods import MONTH, QUARTER, BriefPeriod
from jiedao.reports.brief.services import brief_render
from tests.activities.conftest import add_activity, add_item
from tests.cases.helpers import local, make_case
from tests.projects.conftest import add_project

SEPTEMBER = {"year": 2023, "kind": MONTH, "number": 9}
Q3 = {"year": 2023, "kind": QUARTER, "number": 3}


def play(case, *moves):
    for action, at, data in moves:
        case = case_move(case=case, action=action, actor=None, version=case.version, at=at, **data)
    return case


@pytest.fixture
def small(world, categories):
    def hotline(at, area=None):
        return make_case(world, categories, area=area or world.grid_a1, received_at=at, accepted=True)

    play(
        hotline(local(2023, 9, 5, 9, 0)),
        ("dispatch", local(2023, 9, 5, 10, 0), {"area": world.community_a}),
        ("sign", local(2023, 9, 5, 10, 0), {}),
        ("close", local(2023, 9, 10, 16, 0), {"result": "已处理"}),
        ("callback", local(2023, 9, 10, 16, 0), {"resolved": True, "satisfaction": Satisfaction.SATISFIED}),
    )
    play(
        hotline(local(2023, 9, 20, 9, 0), world.community_b),
        ("return", local(2023, 9, 20, 15, 0), {"reason": "outside_area"}),
    )
    hotline(local(2023, 8, 15, 9, 0))
    hotline(local(2023, 10, 2, 9, 0))
    make_case(world, categories, source=Source.GRID, received_at=local(2023, 9, 8, 9, 0), accepted=True)
    make_case(world, categories, source=Source.PETITION, received_at=local(2023, 7, 3, 9, 0), people_count=5)

    add_activity(world.grid_a1, held_on=date(2023, 9, 12), values={"audience": 80})
    add_activity(world.grid_a1, title="十月宣讲", held_on=date(2023, 10, 1), values={"audience": 30})
    add_activity(
        world.community_b,
        "river_cleanup",
        "扎达盖河河道清理",
        date(2023, 7, 3),
        values={"participants": 12, "tons": "1.5"},
    )
    item = add_item(world.grid_a1, submitted_on=date(2023, 9, 1))
    adoption_add(item=item, level="central", outlet="人民网", adopted_on=date(2023, 9, 5))
    adoption_add(item=item, level="city", outlet="青城眼", adopted_on=date(2023, 10, 1))

    def completed(area, name, kind, on):
        return add_project(
            area,
            name,
            kind=kind,
            planned_start=date(2023, 3, 1),
            planned_end=date(2023, 9, 30),
            plan_year=2023,
            status=ProjectStatus.COMPLETED,
            completed_on=on,
        )

    renovation = completed(world.community_a, "幸福小区改造", ProjectKind.RENOVATION, date(2023, 9, 20))
    milestone_add(project=renovation, name="开工", planned_on=date(2023, 3, 1), actual_on=date(2023, 3, 1))
    milestone_add(
        project=renovation, name="竣工验收", planned_on=date(2023, 9, 15), actual_on=date(2023, 9, 20)
    )
    completed(world.community_b, "三号危楼重建", ProjectKind.REBUILD, date(2023, 8, 1))
    return world


def values(report) -> dict:
    return {code: figure.value for code, figure in report.figures.items()}


def test_a_month_counts_only_its_own_records(small):
    report = brief_render(**SEPTEMBER)
    figures = values(report)
    assert report.title == "测试街道工作简报（2023年9月）"
    assert report.file_stem == "测试街道2023年9月工作简报"
    assert {k: figures[k] for k in ("hotline.received", "hotline.closed", "hotline.returned")} == {
        "hotline.received": 2,
        "hotline.closed": 1,
        "hotline.returned": 1,
    }
    assert figures["hotline.in_progress"] == 0
    assert str(figures["hotline.resolution_rate"]) == "100.00"
    assert (figures["petition.batches"], figures["petition.people"]) == (0, 0)
    assert (figures["brief.activities"], figures["brief.info_submitted"]) == (1, 1)
    assert (figures["publicity.adopted_central"], figures["publicity.adopted_city"]) == (1, 0)
    assert (figures["brief.projects_completed"], figures["projects.renovation_done"]) == (1, 1)
    assert figures["projects.rebuild_done"] == 0
    assert (figures["brief.milestones_reached"], figures["brief.milestones_on_time"]) == (1, 0)
    text = write_markdown(report)
    assert "统计期间：2023年9月1日至2023年9月30日。" in text
    assert "本期受理12345工单2件，截至期末办结1件、退单1件、在办0件；回访解决率100%，满意率100%。" in text
    assert "本期受理网格巡查案件1件；" in text
    assert "其中：宣讲1场次（受众人次80人次）。" in text
    assert "完工项目：幸福小区改造（老旧小区改造，社区A）。" in text
    assert "完成节点：幸福小区改造“竣工验收”（9月20日）。" in text


def test_a_quarter_counts_its_three_months(small):
    figures = values(report := brief_render(**Q3))
    assert report.title == "测试街道工作简报（2023年第3季度）"
    assert (figures["hotline.received"], figures["hotline.in_progress"]) == (3, 1)
    assert (figures["petition.batches"], figures["petition.people"]) == (1, 5)
    assert figures["brief.activities"] == 2
    assert (figures["brief.projects_completed"], figures["projects.rebuild_done"]) == (2, 1)
    assert figures["brief.milestones_reached"] == 1
    text = write_markdown(report)
    assert "完工项目：三号危楼重建（危楼重建，社区B）、幸福小区改造（老旧小区改造，社区A）。" in text
    # The activities app's totals by type, with each measure's sum for the quarter.
    activity_line = next(b.text for b in report.blocks if b.text.startswith("其中："))
    assert (
        activity_line == "其中：宣讲1场次（受众人次80人次）；河道清理1场次（参与人次12人次，清理吨数1.5吨）。"
    )
    audience = next(
        p for b in report.blocks for p in b.pieces if getattr(p, "code", "") == "activity.lecture:audience"
    )
    assert (audience.value, audience.figure.name) == (80, "宣讲受众人次")


def test_figures_count_within_an_area_and_the_users_scope(small):
    in_b = values(brief_render(**Q3, area=small.community_b))
    assert in_b["grid.cases"] == 0
    assert (in_b["hotline.received"], in_b["brief.activities"], in_b["brief.projects_completed"]) == (1, 1, 1)
    assert in_b["brief.milestones_reached"] == 0
    for_b = values(brief_render(**Q3, user=small.worker_b))
    assert for_b == in_b
    assert brief_render(**Q3, area=small.community_b).place == "社区B"


def test_a_figure_without_data_or_indicator_is_marked_missing(small, monkeypatch):
    report = brief_render(**SEPTEMBER)
    text = write_markdown(report)
    # No disputes in September: the rates have no denominator.
    assert "受理率【数据缺失：mediation.acceptance_rate】" in text
    assert "mediation.closure_rate" in report.missing_codes
    assert "hotline.received" not in report.missing_codes
    outline = (*template.OUTLINE, ("p", "本期新增{{nobody.registers_this}}项。"))
    monkeypatch.setattr(template, "OUTLINE", outline)
    text = write_markdown(brief_render(**SEPTEMBER))
    assert "本期新增【数据缺失：nobody.registers_this】项。" in text


def test_a_registered_indicator_takes_precedence_over_the_briefs_own(small, monkeypatch):
    own = Indicator(
        "brief.activities", "开展活动", "场次", "", records=lambda p: rendering.Activity.objects.none()
    )
    monkeypatch.setattr(rendering, "all_indicators", lambda: [own])
    assert values(brief_render(**SEPTEMBER))["brief.activities"] == 0


def test_an_empty_period_has_no_lists(world):
    report = rendering.render_brief(BriefPeriod(2023, MONTH, 2), "测试街道")
    texts = [b.text for b in report.blocks]
    assert not any(t.startswith(("其中：", "完工项目：", "完成节点：")) for t in texts)
    assert "本期共开展各类活动0场次。" in texts
    assert [b.kind for b in report.blocks[:4]] == ["title", "p", "h1", "h2"]


def test_a_long_list_names_the_first_ten_and_counts_all():
    names = [f"项目{i}" for i in range(12)]
    (text,) = rendering._named("完工项目：", names)
    assert text == "完工项目：" + "、".join(names[:10]) + "等12个。"
