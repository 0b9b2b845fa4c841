"""Writes to the project ledger. Each function validates, writes the record and its history row in one
transaction, and raises `ValidationError` with Chinese messages keyed by the field they concern.

`project_problems` holds the rules across a project's fields; the import checks a file's rows with it too,
so the page and the spreadsheet refuse the same things with the same words.
"""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jiedao.core.concurrency import locked_current
from jiedao.core.history import save_with_history
from jiedao.core.models import Area, AreaLevel, User
from jiedao.projects.models import Milestone, Project, ProjectKind, ProjectStatus
from jiedao.registry.models import Compound

MSG_AREA_LEVEL = "所属区域应为街道或社区"
MSG_AREA_RETIRED = "区域“{area}”已撤销，请选择现行的街道或社区"
MSG_NAME_TAKEN = "已有同名项目"
MSG_NEGATIVE = "{field}不能为负数"
MSG_END_BEFORE_START = "计划完工日期不能早于计划开工日期"
MSG_USE_REQUIRED = "遗留项目须选择房屋用途（住宅/非住宅）"
MSG_USE_EXTRA = "只有遗留项目填写房屋用途"
MSG_COMPLETED_ON_REQUIRED = "项目状态为“已完工”时必须填写完工日期"
MSG_COMPLETED_ON_EXTRA = "项目未完工，不应填写完工日期"
MSG_COMPLETED_BEFORE_START = "完工日期不能早于计划开工日期（{date}）"
MSG_FUTURE = "日期不能晚于今天"
MSG_PROGRESS_RANGE = "进度应在0到100之间"
MSG_PLAN_YEAR = "计划年度应在2000年到2100年之间"
MSG_COMPOUND_OUTSIDE = "小区“{compound}”不在“{area}”内"
MSG_STALE = "该项目已被他人修改，请刷新后重试"
MSG_MILESTONE_OUTSIDE = "节点计划日期须在项目起止日期之间"
MSG_MILESTONE_TAKEN = "该项目已有名为“{name}”的节点"
MSG_MILESTONE_DONE = "该节点已于{date}完成"

LABELS = {"budget": "总投资", "floor_area": "建筑面积", "buildings": "楼栋数", "households": "户数"}

PROJECT_FIELDS = (
    "kind",
    "name",
    "area",
    "budget",
    "floor_area",
    "buildings",
    "households",
    "leader",
    "office",
    "planned_start",
    "planned_end",
    "plan_year",
    "use",
    "status",
    "completed_on",
    "progress",
    "description",
)


def check_area(area: Area, field: str = "area") -> None:
    if area.level not in (AreaLevel.STREET, AreaLevel.COMMUNITY):
        raise ValidationError({field: MSG_AREA_LEVEL})
    if area.valid_to is not None:
        raise ValidationError({field: MSG_AREA_RETIRED.format(area=area.name)})


def project_problems(values: dict, *, today: date | None = None) -> list[tuple[str, str]]:
    """(field, message) for every rule `values` (a project's fields, by name) breaks."""
    today = today or timezone.localdate()
    problems = []
    for field, label in LABELS.items():
        value = values.get(field)
        if value is not None and value < 0:
            problems.append((field, MSG_NEGATIVE.format(field=label)))
    start, end = values.get("planned_start"), values.get("planned_end")
    if start and end and end < start:
        problems.append(("planned_end", MSG_END_BEFORE_START))
    use = values.get("use") or ""
    if values.get("kind") == ProjectKind.LEGACY and not use:
        problems.append(("use", MSG_USE_REQUIRED))
    if values.get("kind") != ProjectKind.LEGACY and use:
        problems.append(("use", MSG_USE_EXTRA))
    completed_on = values.get("completed_on")
    if values.get("status") == ProjectStatus.COMPLETED:
        if completed_on is None:
            problems.append(("completed_on", MSG_COMPLETED_ON_REQUIRED))
        elif start and completed_on < start:
            problems.append(("completed_on", MSG_COMPLETED_BEFORE_START.format(date=f"{start:%Y-%m-%d}")))
        elif completed_on > today:
            problems.append(("completed_on", MSG_FUTURE))
    elif completed_on is not None:
        problems.append(("completed_on", MSG_COMPLETED_ON_EXTRA))
    progress = values.get("progress")
    if progress is not None and not 0 <= progress <= 100:
        problems.append(("progress", MSG_PROGRESS_RANGE))
    plan_year = values.get("plan_year")
    if plan_year is not None and not 2000 <= plan_year <= 2100:
        problems.append(("plan_year", MSG_PLAN_YEAR))
    return problems


def compounds_outside(area: Area, compounds: Iterable[Compound]) -> list[Compound]:
    return [c for c in compounds if not c.area.path.startswith(area.path)]


def _check(values: dict, compounds: list[Compound] | None, *, new_area: bool = True) -> None:
    if new_area:
        check_area(values["area"])
    errors: dict[str, list[str]] = {}
    for field, message in project_problems(values):
        errors.setdefault(field, []).append(message)
    for compound in compounds_outside(values["area"], compounds or []):
        errors.setdefault("compounds", []).append(
            MSG_COMPOUND_OUTSIDE.format(compound=compound.name, area=values["area"].name)
        )
    if errors:
        raise ValidationError(errors)


def _name_free(name: str, *, exclude_pk: int | None = None) -> None:
    if Project.objects.filter(name=name).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": MSG_NAME_TAKEN})


def _save(obj, actor: User | None, reason: str) -> None:
    save_with_history(obj, actor, reason)


def _set_compounds(project: Project, compounds: list[Compound]) -> None:
    """Set the project's compounds as part of the history record its save just wrote: one edit, one record
    (django-simple-history would otherwise add a second record for the many-to-many change)."""
    project.skip_history_when_saving = True
    try:
        project.compounds.set(compounds)
    finally:
        del project.skip_history_when_saving
    record = project.history.order_by("-history_id").first()
    rows = record.compounds  # the snapshot of the many-to-many rows
    rows.all().delete()
    links = Project.compounds.through.objects.filter(project=project)
    rows.model.objects.bulk_create(
        rows.model(id=link.pk, history=record, project_id=link.project_id, compound_id=link.compound_id)
        for link in links
    )


@transaction.atomic
def project_create(
    *,
    kind: str,
    name: str,
    area: Area,
    compounds: Iterable[Compound] = (),
    budget: Decimal = Decimal(0),
    floor_area: Decimal = Decimal(0),
    buildings: int = 0,
    households: int = 0,
    leader: User | None = None,
    office=None,
    planned_start: date | None = None,
    planned_end: date | None = None,
    plan_year: int | None = None,
    use: str = "",
    status: str = ProjectStatus.PLANNING,
    completed_on: date | None = None,
    progress: int = 0,
    description: str = "",
    actor: User | None = None,
) -> Project:
    """Register a project. Its progress is the entered one until it gets milestones."""
    values = {k: v for k, v in locals().items() if k in PROJECT_FIELDS}
    compounds = list(compounds)
    _check(values, compounds)
    _name_free(name)
    project = Project(**values)
    project.full_clean()
    _save(project, actor, "新增")
    _set_compounds(project, compounds)
    return project


@transaction.atomic
def project_update(
    *,
    project: Project,
    version: int,
    actor: User | None = None,
    compounds: Iterable[Compound] | None = None,
    **changes,
) -> Project:
    """Apply `changes` (fields of PROJECT_FIELDS) if the project is still at `version`, the one the editor
    saw; else refuse with MSG_STALE. A project with milestones keeps its computed progress."""
    unknown = set(changes) - set(PROJECT_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    current = locked_current(project, version, MSG_STALE)
    if current.milestones.exists():
        changes.pop("progress", None)
    values = {field: getattr(current, field) for field in PROJECT_FIELDS} | changes
    compounds = list(compounds) if compounds is not None else None
    # A project stays editable on the community it was placed on, even after that community was retired.
    moved = "area" in changes and changes["area"].pk != current.area_id
    kept = list(current.compounds.select_related("area"))
    _check(values, compounds if compounds is not None else kept, new_area=moved)
    if "name" in changes:
        _name_free(changes["name"], exclude_pk=current.pk)
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean()
    current.version += 1
    _save(current, actor, "修改")
    _set_compounds(current, compounds if compounds is not None else kept)
    return current


def milestone_progress(project: Project) -> int | None:
    """The share of the project's milestones completed, in whole percent; None without milestones."""
    done = total = 0
    for actual_on in project.milestones.values_list("actual_on", flat=True):
        total += 1
        done += actual_on is not None
    return None if total == 0 else round(100 * done / total)


def refresh_progress(project: Project, actor: User | None = None) -> Project:
    """Recompute a project's progress from its milestones (call inside the milestone's transaction)."""
    current = Project.objects.select_for_update().get(pk=project.pk)
    progress = milestone_progress(current)
    if progress is not None and progress != current.progress:
        current.progress = progress
        current.version += 1
        _save(current, actor, "节点进度")
    return current


def _check_milestone(project: Project, *, planned_on: date, actual_on: date | None) -> None:
    errors = {}
    start, end = project.planned_start, project.planned_end
    if (start and planned_on < start) or (end and planned_on > end):
        errors["planned_on"] = MSG_MILESTONE_OUTSIDE
    if actual_on and actual_on > timezone.localdate():
        errors["actual_on"] = MSG_FUTURE
    if errors:
        raise ValidationError(errors)


def _milestone_name_free(project: Project, name: str, exclude_pk: int | None = None) -> None:
    if project.milestones.filter(name=name).exclude(pk=exclude_pk).exists():
        raise ValidationError({"name": MSG_MILESTONE_TAKEN.format(name=name)})


@transaction.atomic
def milestone_add(
    *,
    project: Project,
    name: str,
    planned_on: date,
    actual_on: date | None = None,
    note: str = "",
    sort_order: int | None = None,
    actor: User | None = None,
) -> Milestone:
    """Add a milestone inside the project's planned period; the project's progress follows its milestones."""
    _check_milestone(project, planned_on=planned_on, actual_on=actual_on)
    _milestone_name_free(project, name)
    if sort_order is None:
        sort_order = project.milestones.count() + 1
    milestone = Milestone(
        project=project,
        name=name,
        planned_on=planned_on,
        actual_on=actual_on,
        note=note,
        sort_order=sort_order,
    )
    milestone.full_clean()
    _save(milestone, actor, "新增节点")
    refresh_progress(project, actor)
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, actor: User | None = None, **changes) -> Milestone:
    """Change a milestone's name, dates, note or order."""
    allowed = {"name", "planned_on", "actual_on", "note", "sort_order"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    current = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    values = {f: getattr(current, f) for f in allowed} | changes
    _check_milestone(current.project, planned_on=values["planned_on"], actual_on=values["actual_on"])
    if "name" in changes:
        _milestone_name_free(current.project, changes["name"], exclude_pk=current.pk)
    for field, value in changes.items():
        setattr(current, field, value)
    current.full_clean()
    _save(current, actor, "修改节点")
    refresh_progress(current.project, actor)
    return current


@transaction.atomic
def milestone_complete(
    *, milestone: Milestone, actual_on: date, note: str = "", actor: User | None = None
) -> Milestone:
    """Record that a milestone was reached on `actual_on` (not in the future)."""
    current = Milestone.objects.select_for_update().select_related("project").get(pk=milestone.pk)
    if current.actual_on is not None:
        raise ValidationError({"actual_on": MSG_MILESTONE_DONE.format(date=f"{current.actual_on:%Y-%m-%d}")})
    if actual_on > timezone.localdate():
        raise ValidationError({"actual_on": MSG_FUTURE})
    current.actual_on = actual_on
    if note:
        current.note = note
    current.full_clean()
    _save(current, actor, "节点完成")
    refresh_progress(current.project, actor)
    return current
