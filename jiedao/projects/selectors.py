"""Searching the project ledger and summing up a year's plan.

The list page and the Excel export read the same raw GET parameters through `project_filter`, so an export
link carrying the list's query string exports exactly the rows the list shows. A malformed value is ignored
here (the page's filter form shows the error).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from jiedao.projects.figures import KEY_PROJECT_BUDGET
from jiedao.projects.models import Project, ProjectKind, ProjectStatus


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def project_filter(qs: QuerySet, params: Mapping[str, str]) -> QuerySet:
    """The list's filters: q (name), kind, status, community (the community's projects), plan_year, leader."""
    q = (params.get("q") or "").strip()
    if q:
        qs = qs.filter(name__contains=q)
    for key, allowed in (("kind", ProjectKind.values), ("status", ProjectStatus.values)):
        if params.get(key) in allowed:
            qs = qs.filter(**{key: params[key]})
    community = _int(params.get("community"))
    if community:
        qs = qs.filter(area_id=community)
    plan_year = _int(params.get("plan_year"))
    if plan_year:
        qs = qs.filter(plan_year=plan_year)
    leader = _int(params.get("leader"))
    if leader:
        qs = qs.filter(leader_id=leader)
    return qs


def project_totals(qs: QuerySet) -> dict:
    return qs.aggregate(
        total=Count("pk"),
        budget=Sum("budget"),
        completed=Count("pk", filter=Q(status=ProjectStatus.COMPLETED)),
        building=Count("pk", filter=Q(status=ProjectStatus.BUILDING)),
    )


def plan_years(qs: QuerySet) -> list[int]:
    """The plan years some project in `qs` is a target of, latest first."""
    return sorted(
        {y for y in qs.exclude(plan_year__isnull=True).values_list("plan_year", flat=True)}, reverse=True
    )


@dataclass
class PlanGroup:
    """One kind of project in a year's plan: the target projects and their totals."""

    kind: ProjectKind
    projects: list[Project] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.projects)

    @property
    def completed(self) -> int:
        return sum(p.status == ProjectStatus.COMPLETED for p in self.projects)

    @property
    def completion_rate(self) -> Decimal | None:
        if not self.projects:
            return None
        return (Decimal(100) * self.completed / self.count).quantize(Decimal("0.01"))

    def _sum(self, name: str):
        return sum((getattr(p, name) for p in self.projects), Decimal(0) if name in _DECIMALS else 0)

    @property
    def budget(self) -> Decimal:
        return self._sum("budget")

    @property
    def floor_area(self) -> Decimal:
        return self._sum("floor_area")

    @property
    def buildings(self) -> int:
        return self._sum("buildings")

    @property
    def households(self) -> int:
        return self._sum("households")

    @property
    def large(self) -> int:
        """Projects of at least 500万元 (plan.key_projects counts these among the key projects)."""
        return sum(p.budget >= KEY_PROJECT_BUDGET for p in self.projects)

    @property
    def progress(self) -> int | None:
        """The average progress of the group's projects, in whole percent."""
        if not self.projects:
            return None
        return round(sum(p.progress for p in self.projects) / self.count)


_DECIMALS = {"budget", "floor_area"}


def plan_summary(qs: QuerySet, year: int) -> list[PlanGroup]:
    """The projects of `qs` that are targets of `year`'s plan, grouped by kind (in ProjectKind order); kinds
    with no target are left out."""
    groups = {kind: PlanGroup(kind) for kind in ProjectKind}
    rows = (
        qs.filter(plan_year=year)
        .select_related("area", "leader")
        .prefetch_related("compounds")
        .order_by("kind", "name")
    )
    for project in rows:
        groups[ProjectKind(project.kind)].projects.append(project)
    return [g for g in groups.values() if g.projects]


def plan_total(groups: list[PlanGroup]) -> PlanGroup:
    """All of a plan's groups taken together."""
    total = PlanGroup(kind=None)  # type: ignore[arg-type]
    for group in groups:
        total.projects.extend(group.projects)
    return total


def project_history(project: Project) -> list[tuple]:
    """The project's history records, latest first, each with the labels of the fields it changed."""
    records = list(project.history.select_related("history_user").order_by("-history_date", "-history_id"))
    fields = sorted(
        [*Project._meta.concrete_fields, *Project._meta.many_to_many], key=lambda f: f.creation_counter
    )
    order = {f.name: i for i, f in enumerate(fields)}
    labels = {f.name: f.verbose_name for f in fields}
    result = []
    for record, previous in zip(records, [*records[1:], None], strict=True):
        changed = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=["version"])
            names = sorted(delta.changed_fields, key=lambda name: order.get(name, len(order)))
            changed = [str(labels.get(name, name)) for name in names]
        result.append((record, changed))
    return result
