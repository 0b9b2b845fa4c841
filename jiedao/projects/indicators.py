"""The project indicators (seed/figures.md). Plan targets (plan.*) are the projects whose plan year is the
year after the period: the 2023 report's 2024 plan. See jiedao/projects/figures.py and docs/projects.md."""

from jiedao.core.figures import Indicator, SumOf, register
from jiedao.projects.figures import (
    NONRESIDENTIAL,
    RESIDENTIAL,
    completed_in,
    key_plan_targets,
    legacy_open_at,
    micro_projects_in,
    plan_targets,
)
from jiedao.projects.models import ProjectKind

_PLAN_RULE = "（计划年度为统计年度的下一年，即本年度报告中的下一年工作计划）"

register(
    Indicator(
        "projects.renovation_done",
        "完成老旧小区改造",
        "个",
        "年内完工的老旧小区改造项目",
        records=lambda p: completed_in(ProjectKind.RENOVATION, p.start, p.end),
    ),
    Indicator(
        "projects.rebuild_done",
        "危楼重建",
        "个",
        "年内完工的危楼重建项目",
        records=lambda p: completed_in(ProjectKind.REBUILD, p.start, p.end),
    ),
    Indicator(
        "legacy.residential_projects",
        "住宅遗留项目",
        "个",
        "年末尚未解决的住宅类遗留项目（已开始、未完工、未终止）",
        records=lambda p: legacy_open_at(RESIDENTIAL, p.end),
    ),
    Indicator(
        "legacy.nonresidential_projects",
        "非住宅遗留项目",
        "个",
        "年末尚未解决的非住宅类遗留项目（已开始、未完工、未终止）",
        records=lambda p: legacy_open_at(NONRESIDENTIAL, p.end),
    ),
    Indicator(
        "livelihood.micro_projects",
        "民生微实事",
        "件",
        "年内开展（计划开工日期在年内、未终止）的民生微实事",
        records=lambda p: micro_projects_in(p.start, p.end),
    ),
    Indicator(
        "plan.key_projects",
        "500万元以上重点项目",
        "个",
        "下一年度计划实施的总投资500万元以上重点项目" + _PLAN_RULE,
        records=lambda p: key_plan_targets(p.end),
    ),
    Indicator(
        "plan.renovation_compounds",
        "老旧小区改造",
        "个",
        "下一年度计划改造的老旧小区（每个小区一个改造项目）" + _PLAN_RULE,
        records=lambda p: plan_targets(ProjectKind.RENOVATION, p.end),
    ),
    Indicator(
        "plan.renovation_area",
        "改造面积",
        "m²",
        "下一年度计划改造老旧小区的建筑面积合计" + _PLAN_RULE,
        records=lambda p: plan_targets(ProjectKind.RENOVATION, p.end),
        measure=SumOf("floor_area", places=2),
    ),
    Indicator(
        "plan.renovation_buildings",
        "改造楼栋",
        "栋",
        "下一年度计划改造老旧小区的楼栋数合计" + _PLAN_RULE,
        records=lambda p: plan_targets(ProjectKind.RENOVATION, p.end),
        measure=SumOf("buildings"),
    ),
    Indicator(
        "plan.renovation_households",
        "改造户数",
        "户",
        "下一年度计划改造老旧小区的户数合计" + _PLAN_RULE,
        records=lambda p: plan_targets(ProjectKind.RENOVATION, p.end),
        measure=SumOf("households"),
    ),
)
