"""The records behind the project indicators (seed/figures.md: projects.*, legacy.*, livelihood.*, plan.*).

Each function returns the queryset behind a number for the period `start..end` (inclusive).

- Completed projects (projects.renovation_done, projects.rebuild_done) count where `completed_on` falls.
- Legacy projects (legacy.*) are a stock: those open at the period's end — begun by then (no planned start,
  or one on or before the end), not completed by then, and not 终止. The seed's "9 (4个社区)" is 9 projects
  spread over 4 communities: `legacy_by_community` gives that breakdown.
- 民生微实事 (livelihood.micro_projects) count in the year they were carried out: a planned start inside the
  period, 终止 ones left out.
- Plan targets (plan.*) are the projects whose `plan_year` is the year AFTER the period: the 2023 report's
  "2024年工作计划" is a part of the 2023 report, so `jiedao indicators --year 2023` reports the 2024 plan.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet

from jiedao.projects.models import LegacyUse, Project, ProjectKind, ProjectStatus

KEY_PROJECT_BUDGET = 5_000_000  # 500万元以上重点项目


def completed_in(kind: str, start: date, end: date) -> QuerySet:
    return Project.objects.filter(kind=kind, status=ProjectStatus.COMPLETED, completed_on__range=(start, end))


def legacy_open_at(use: str, end: date) -> QuerySet:
    return (
        Project.objects.filter(kind=ProjectKind.LEGACY, use=use)
        .filter(Q(planned_start__isnull=True) | Q(planned_start__lte=end))
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=end))
        .exclude(status=ProjectStatus.TERMINATED)
    )


def legacy_by_community(use: str, end: date) -> dict[str, int]:
    """legacy.residential_projects by community name (a street-level project counts under the street)."""
    rows = legacy_open_at(use, end).values("area__name").annotate(n=Count("pk")).order_by("area__name")
    return {r["area__name"]: r["n"] for r in rows}


def micro_projects_in(start: date, end: date) -> QuerySet:
    return Project.objects.filter(kind=ProjectKind.MICRO, planned_start__range=(start, end)).exclude(
        status=ProjectStatus.TERMINATED
    )


def plan_targets(kind: str, end: date) -> QuerySet:
    """Projects of `kind` that are targets of the plan for the year after the period ending `end`."""
    return Project.objects.filter(kind=kind, plan_year=end.year + 1)


def key_plan_targets(end: date) -> QuerySet:
    return plan_targets(ProjectKind.KEY, end).filter(budget__gte=KEY_PROJECT_BUDGET)


RESIDENTIAL, NONRESIDENTIAL = LegacyUse.RESIDENTIAL, LegacyUse.NONRESIDENTIAL
