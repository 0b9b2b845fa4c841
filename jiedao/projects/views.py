"""Pages of the project ledger and the annual plan. Each parses a form, calls a selector or one service, and
renders; every queryset goes through `for_user`, every record through `get_for_user_or_404`."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from jiedao.core.audit import audit_record
from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.models import AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.excel.views import xlsx_response
from jiedao.projects import selectors, services
from jiedao.projects.forms import (
    CompleteForm,
    MilestoneForm,
    PlanYearForm,
    ProjectFilterForm,
    ProjectForm,
)
from jiedao.projects.models import Milestone, Project
from jiedao.projects.plan_export import plan_xlsx

VIEW_PROJECT = "projects.view_project"
ADD_PROJECT = "projects.add_project"
CHANGE_PROJECT = "projects.change_project"
EXPORT_PROJECT = "projects.export_project"


def _project(request, pk: int) -> Project:
    queryset = Project.objects.select_related("area", "leader", "office")
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


def _milestone(request, pk: int) -> Milestone:
    return get_for_user_or_404(
        Milestone.objects.select_related("project"), request.user, request=request, pk=pk
    )


@require_perm(VIEW_PROJECT)
def project_list(request):
    scoped = Project.objects.for_user(request.user)
    form = ProjectFilterForm(request.GET or None, user=request.user, projects=scoped)
    projects = selectors.project_filter(scoped.select_related("area", "leader"), request.GET)
    context = {"filter_form": form, "totals": selectors.project_totals(projects)}
    return render(request, "projects/project_list.html", {**context, **paginate(request, projects)})


@require_perm(VIEW_PROJECT)
def project_detail(request, pk: int):
    project = _project(request, pk)
    context = {
        "project": project,
        "compounds": project.compounds.select_related("area").order_by("name"),
        "milestones": project.milestones.order_by("sort_order", "planned_on", "id"),
        "history": selectors.project_history(project),
        "today": timezone.localdate(),
    }
    return render(request, "projects/project_detail.html", context)


@require_perm(ADD_PROJECT)
def project_create(request):
    form = ProjectForm(request.POST or None, user=request.user)
    project = submit_form(
        request, form, lambda f: services.project_create(**f.service_kwargs(), actor=request.user)
    )
    if project:
        messages.success(request, f"已登记项目“{project.name}”")
        return redirect(project)
    return render(request, "projects/project_form.html", {"form": form})


@require_perm(CHANGE_PROJECT)
def project_edit(request, pk: int):
    project = _project(request, pk)
    form = ProjectForm(request.POST or None, user=request.user, project=project)
    saved = submit_form(
        request,
        form,
        lambda f: services.project_update(project=project, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "项目信息已保存")
        return redirect(saved)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@require_perm(CHANGE_PROJECT)
def milestone_create(request, pk: int):
    project = _project(request, pk)
    form = MilestoneForm(request.POST or None)
    milestone = submit_form(
        request,
        form,
        lambda f: services.milestone_add(project=project, **f.service_kwargs(), actor=request.user),
    )
    if milestone:
        messages.success(request, f"已添加节点“{milestone.name}”")
        return redirect(project)
    return render(request, "projects/milestone_form.html", {"form": form, "project": project})


@require_perm(CHANGE_PROJECT)
def milestone_edit(request, pk: int):
    milestone = _milestone(request, pk)
    form = MilestoneForm(request.POST or None, milestone=milestone)
    saved = submit_form(
        request,
        form,
        lambda f: services.milestone_update(milestone=milestone, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "节点已保存")
        return redirect(milestone.project)
    context = {"form": form, "project": milestone.project, "milestone": milestone}
    return render(request, "projects/milestone_form.html", context)


@require_perm(CHANGE_PROJECT)
def milestone_complete(request, pk: int):
    milestone = _milestone(request, pk)
    form = CompleteForm(request.POST or None)
    saved = submit_form(
        request,
        form,
        lambda f: services.milestone_complete(milestone=milestone, **f.cleaned_data, actor=request.user),
    )
    if saved:
        messages.success(request, f"节点“{saved.name}”已完成")
        return redirect(milestone.project)
    context = {"form": form, "project": milestone.project, "milestone": milestone}
    return render(request, "projects/milestone_complete.html", context)


def _plan_year(request) -> tuple[PlanYearForm, int]:
    """The plan year asked for (?year=), or next year: this year's report plans the next."""
    default = timezone.localdate().year + 1
    form = PlanYearForm(request.GET or None, initial={"year": default})
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else default
    return form, year


@require_perm(VIEW_PROJECT)
def project_plan(request):
    form, year = _plan_year(request)
    scoped = Project.objects.for_user(request.user)
    groups = selectors.plan_summary(scoped, year)
    context = {
        "form": form,
        "year": year,
        "years": sorted({*selectors.plan_years(scoped), timezone.localdate().year + 1}, reverse=True),
        "groups": groups,
        "total": selectors.plan_total(groups),
    }
    return render(request, "projects/project_plan.html", context)


@require_perm(EXPORT_PROJECT)
def project_plan_export(request):
    _, year = _plan_year(request)
    groups = selectors.plan_summary(Project.objects.for_user(request.user), year)
    rows = sum(g.count for g in groups)
    audit_record(AuditEvent.EXPORT, request=request, ledger="project_plan", filters={"year": year}, rows=rows)
    return xlsx_response(plan_xlsx(year, groups), f"{year}年度计划项目.xlsx")
