"""The brief's own figures: counts the annual contract (seed/figures.md) has no code for, over any period.

They are declared like the apps' indicators but NOT registered, so `jiedao indicators` and the 2023-vs-seed
table are unchanged; the brief computes them with `compute()` like any other (same area and scope rules).
Codes start with "brief.". A registered indicator of the same code would take precedence.
"""

from django.db.models import F

from jiedao.activities.models import Activity, InfoItem
from jiedao.core.figures import Indicator
from jiedao.projects.models import Milestone, Project, ProjectStatus


def activities_in(period):
    return Activity.objects.filter(held_on__range=(period.start, period.end))


def projects_completed_in(period):
    return Project.objects.filter(
        status=ProjectStatus.COMPLETED, completed_on__range=(period.start, period.end)
    )


def milestones_reached_in(period):
    return Milestone.objects.filter(actual_on__range=(period.start, period.end))


BRIEF_INDICATORS: dict[str, Indicator] = {
    i.code: i
    for i in (
        Indicator(
            "brief.activities",
            "开展活动",
            "场次",
            "期内开展（开始日期在期内）的各类活动",
            records=activities_in,
        ),
        Indicator(
            "brief.info_submitted",
            "报送信息稿件",
            "篇",
            "期内报送的信息稿件",
            records=lambda p: InfoItem.objects.filter(submitted_on__range=(p.start, p.end)),
        ),
        Indicator(
            "brief.projects_completed",
            "完工项目",
            "个",
            "期内完工（完工日期在期内）的各类项目",
            records=projects_completed_in,
        ),
        Indicator(
            "brief.milestones_reached",
            "完成项目节点",
            "个",
            "实际完成日期在期内的项目节点",
            records=milestones_reached_in,
            area_field="project__area",
        ),
        Indicator(
            "brief.milestones_on_time",
            "按期完成项目节点",
            "个",
            "实际完成日期在期内且不晚于计划日期的项目节点",
            records=lambda p: milestones_reached_in(p).filter(actual_on__lte=F("planned_on")),
            area_field="project__area",
        ),
    )
}
