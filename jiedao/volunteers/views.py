"""Pages of the volunteer ledgers. Each parses a form, calls a selector or one service, and renders; every
queryset goes through `for_user`, every record through `get_for_user_or_404` (out of scope is 404).

A team's members and honours are kept under the team's permissions (view/change_volunteerteam)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.volunteers import selectors, services
from jiedao.volunteers.forms import (
    HonourForm,
    LeaveForm,
    MemberForm,
    ServiceFilterForm,
    ServiceForm,
    TeamFilterForm,
    TeamForm,
)
from jiedao.volunteers.models import ServiceRecord, TeamHonour, VolunteerMember, VolunteerTeam

VIEW_TEAM, ADD_TEAM, CHANGE_TEAM = (
    "volunteers.view_volunteerteam",
    "volunteers.add_volunteerteam",
    "volunteers.change_volunteerteam",
)
VIEW_SERVICE, ADD_SERVICE, CHANGE_SERVICE = (
    "volunteers.view_servicerecord",
    "volunteers.add_servicerecord",
    "volunteers.change_servicerecord",
)


def _team(request, pk: int) -> VolunteerTeam:
    return get_for_user_or_404(
        VolunteerTeam.objects.select_related("area__parent"), request.user, request=request, pk=pk
    )


def _form_page(request, form, title: str, back: str):
    return render(request, "form_page.html", {"form": form, "title": title, "back": back})


# Teams ----------------------------------------------------------------------------------------------------


@require_perm(VIEW_TEAM)
def team_list(request):
    form = TeamFilterForm(request.GET or None, user=request.user)
    teams = selectors.team_filter(
        VolunteerTeam.objects.for_user(request.user).select_related("area__parent"), request.GET
    )
    teams = selectors.with_figures(teams)
    context = {"filter_form": form, "active": teams.filter(dissolved_on__isnull=True).count()}
    return render(request, "volunteers/team_list.html", {**context, **paginate(request, teams)})


@require_perm(VIEW_TEAM)
def team_detail(request, pk: int):
    team = _team(request, pk)
    records = ServiceRecord.objects.for_user(request.user).filter(team=team)
    members = VolunteerMember.objects.for_user(request.user).filter(team=team).select_related("resident")
    context = {
        "team": team,
        "members": members.order_by("left_on", "joined_on", "id"),
        "active_members": members.filter(left_on__isnull=True).count(),
        "records": records.order_by("-served_on", "-id")[:20],
        "record_totals": selectors.service_totals(records),
        "honours": TeamHonour.objects.for_user(request.user).filter(team=team),
        "member_form": MemberForm(user=request.user),
        "honour_form": HonourForm(),
    }
    return render(request, "volunteers/team_detail.html", context)


@require_perm(ADD_TEAM)
def team_create(request):
    form = TeamForm(request.POST or None, user=request.user)
    team = submit_form(
        request, form, lambda f: services.team_create(**f.service_kwargs(), actor=request.user)
    )
    if team:
        messages.success(request, f"已新增志愿服务队“{team.name}”")
        return redirect(team)
    return _form_page(request, form, "新增志愿服务队", "volunteer_team_list")


@require_perm(CHANGE_TEAM)
def team_edit(request, pk: int):
    team = _team(request, pk)
    form = TeamForm(request.POST or None, user=request.user, team=team)
    saved = submit_form(
        request, form, lambda f: services.team_update(team=team, **f.service_kwargs(), actor=request.user)
    )
    if saved:
        messages.success(request, "队伍信息已保存")
        return redirect(saved)
    return _form_page(request, form, f"修改志愿服务队：{team.name}", "volunteer_team_list")


@require_perm(CHANGE_TEAM)
def member_add(request, pk: int):
    team = _team(request, pk)
    form = MemberForm(request.POST or None, user=request.user)
    member = submit_form(
        request,
        form,
        lambda f: services.member_add(
            team=team,
            resident=f.cleaned_data["id_number"],
            joined_on=f.cleaned_data["joined_on"],
            actor=request.user,
        ),
    )
    if member:
        messages.success(request, f"{member.resident.name}已加入{team.name}")
        return redirect(team)
    return _form_page(request, form, f"添加志愿者：{team.name}", "volunteer_team_list")


@require_perm(CHANGE_TEAM)
def member_leave(request, pk: int):
    member = get_for_user_or_404(
        VolunteerMember.objects.select_related("team", "resident"), request.user, request=request, pk=pk
    )
    form = LeaveForm(request.POST or None)
    saved = submit_form(
        request, form, lambda f: services.member_leave(member=member, **f.cleaned_data, actor=request.user)
    )
    if saved:
        messages.success(request, f"{member.resident.name}已退出{member.team.name}")
        return redirect(member.team)
    return _form_page(request, form, f"志愿者退出：{member.resident.name}", "volunteer_team_list")


@require_perm(CHANGE_TEAM)
def honour_add(request, pk: int):
    team = _team(request, pk)
    form = HonourForm(request.POST or None)
    honour = submit_form(
        request, form, lambda f: services.honour_add(team=team, **f.cleaned_data, actor=request.user)
    )
    if honour:
        messages.success(request, f"已登记荣誉“{honour.title}”")
        return redirect(team)
    return _form_page(request, form, f"登记荣誉：{team.name}", "volunteer_team_list")


# Service records ------------------------------------------------------------------------------------------


@require_perm(VIEW_SERVICE)
def service_list(request):
    form = ServiceFilterForm(request.GET or None, user=request.user)
    scoped = ServiceRecord.objects.for_user(request.user).select_related("team", "area__parent")
    records = selectors.service_filter(scoped, request.GET)
    context = {"filter_form": form, "totals": selectors.service_totals(records)}
    return render(request, "volunteers/service_list.html", {**context, **paginate(request, records)})


@require_perm(ADD_SERVICE)
def service_create(request, pk: int):
    team = _team(request, pk)
    form = ServiceForm(request.POST or None, team=team)
    record = submit_form(
        request, form, lambda f: services.service_record(team=team, **f.service_kwargs(), actor=request.user)
    )
    if record:
        messages.success(request, f"已登记服务记录“{record.title}”")
        return redirect(team)
    return _form_page(request, form, f"登记服务记录：{team.name}", "service_record_list")


@require_perm(CHANGE_SERVICE)
def service_edit(request, pk: int):
    record = get_for_user_or_404(
        ServiceRecord.objects.select_related("team"), request.user, request=request, pk=pk
    )
    form = ServiceForm(request.POST or None, team=record.team, record=record)
    saved = submit_form(
        request,
        form,
        lambda f: services.service_update(record=record, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "服务记录已保存")
        return redirect("service_record_list")
    return _form_page(request, form, f"修改服务记录：{record.title}", "service_record_list")
