"""Pages of party building, integrity and honours. Each parses a form, calls a selector or one service, and
renders; every queryset goes through `for_user`, every record through `get_for_user_or_404` (out of scope is
404). Every page that shows discipline records leaves an audit row (查看完整信息)."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render

from jiedao.core.audit import audit_record
from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.models import AuditEvent
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.party import selectors, services
from jiedao.party.forms import (
    ArchiveFilterForm,
    ArchiveForm,
    BranchFilterForm,
    BranchForm,
    DisciplineFilterForm,
    DisciplineForm,
    DutyFilterForm,
    DutyForm,
    HonourFilterForm,
    HonourForm,
    MemberFilterForm,
    MemberForm,
    TitleForm,
)
from jiedao.party.models import (
    DisciplineRecord,
    Honour,
    IntegrityArchive,
    PartyBranch,
    PartyMember,
    StaffDuty,
)


def _list(request, template, form, queryset, **context):
    return render(
        request, f"party/{template}.html", {"filter_form": form, **context, **paginate(request, queryset)}
    )


def _form_page(request, form, write, *, done, title, back, obj=None, success="已保存"):
    saved = submit_form(request, form, lambda f: write(**f.values()))
    if saved:
        messages.success(request, success)
        return redirect(done(saved))
    return render(request, "party/record_form.html", {"form": form, "title": title, "back": back, "obj": obj})


# Branches -------------------------------------------------------------------------------------------------


def _branch(request, pk):
    return get_for_user_or_404(
        PartyBranch.objects.select_related("area__parent"), request.user, request=request, pk=pk
    )


@require_perm("party.view_partybranch")
def branch_list(request):
    form = BranchFilterForm(request.GET or None, user=request.user)
    form.filters()
    branches = selectors.branch_filter(
        PartyBranch.objects.for_user(request.user).select_related("area__parent"), request.GET
    )
    return _list(request, "branch_list", form, branches)


@require_perm("party.view_partybranch")
def branch_detail(request, pk: int):
    branch = _branch(request, pk)
    context = {
        "branch": branch,
        "titles": branch.titles.all(),
        "members": branch.members.all(),
        "title_form": TitleForm(user=request.user),
        "history": branch.history.select_related("history_user").order_by("-history_date")[:20],
    }
    return render(request, "party/branch_detail.html", context)


@require_perm("party.add_partybranch")
def branch_create(request):
    form = BranchForm(request.POST or None, user=request.user)
    write = partial(services.branch_create, actor=request.user)
    return _form_page(request, form, write, done=lambda b: b, title="新建党支部", back="party_branch_list")


@require_perm("party.change_partybranch")
def branch_edit(request, pk: int):
    branch = _branch(request, pk)
    form = BranchForm(request.POST or None, user=request.user, instance=branch)
    write = partial(services.branch_update, branch=branch, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda b: b,
        title=f"编辑党支部：{branch.name}",
        back="party_branch_list",
        obj=branch,
    )


@require_perm("party.change_partybranch")
def branch_title_create(request, pk: int):
    branch = _branch(request, pk)
    form = TitleForm(request.POST or None, user=request.user)
    write = partial(services.branch_title_award, branch=branch, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda t: branch,
        title=f"授予称号：{branch.name}",
        back="party_branch_list",
        success="称号已登记",
    )


# Members --------------------------------------------------------------------------------------------------


@require_perm("party.view_partymember")
def member_list(request):
    form = MemberFilterForm(request.GET or None, user=request.user)
    form.filters()
    members = selectors.member_filter(
        PartyMember.objects.for_user(request.user).select_related("branch", "area__parent"), request.GET
    )
    return _list(request, "member_list", form, members)


@require_perm("party.add_partymember")
def member_create(request):
    initial = {"branch": request.GET.get("branch")} if request.GET.get("branch", "").isdigit() else None
    form = MemberForm(request.POST or None, user=request.user, initial=initial)
    write = partial(services.member_create, actor=request.user)
    return _form_page(
        request, form, write, done=lambda m: m.branch, title="登记党员", back="party_member_list"
    )


@require_perm("party.change_partymember")
def member_edit(request, pk: int):
    member = get_for_user_or_404(
        PartyMember.objects.select_related("branch"), request.user, request=request, pk=pk
    )
    form = MemberForm(request.POST or None, user=request.user, instance=member)
    write = partial(services.member_update, member=member, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda m: m.branch,
        title=f"编辑党员：{member.name}",
        back="party_member_list",
        obj=member,
    )


# Staff duties ---------------------------------------------------------------------------------------------


@require_perm("party.view_staffduty")
def duty_list(request):
    form = DutyFilterForm(request.GET or None, user=request.user)
    form.filters()
    duties = selectors.duty_filter(
        StaffDuty.objects.for_user(request.user).select_related("user", "area__parent"), request.GET
    )
    return _list(request, "duty_list", form, duties)


@require_perm("party.add_staffduty")
def duty_create(request):
    form = DutyForm(request.POST or None, user=request.user)
    write = partial(services.duty_create, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda d: "party_duty_list",
        title="登记工作人员职责",
        back="party_duty_list",
    )


@require_perm("party.change_staffduty")
def duty_edit(request, pk: int):
    duty = get_for_user_or_404(StaffDuty.objects.select_related("user"), request.user, request=request, pk=pk)
    form = DutyForm(request.POST or None, user=request.user, instance=duty)
    write = partial(services.duty_update, staff_duty=duty, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda d: "party_duty_list",
        title=f"编辑职责：{duty}",
        back="party_duty_list",
        obj=duty,
    )


# Integrity archives ---------------------------------------------------------------------------------------


@require_perm("party.view_integrityarchive")
def archive_list(request):
    form = ArchiveFilterForm(request.GET or None, user=request.user)
    form.filters()
    archives = selectors.archive_filter(
        IntegrityArchive.objects.for_user(request.user).select_related("area__parent", "user"), request.GET
    )
    return _list(request, "archive_list", form, archives)


@require_perm("party.add_integrityarchive")
def archive_create(request):
    form = ArchiveForm(request.POST or None, user=request.user)
    write = partial(services.archive_create, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda a: "party_archive_list",
        title="建立廉政档案",
        back="party_archive_list",
    )


@require_perm("party.change_integrityarchive")
def archive_edit(request, pk: int):
    archive = get_for_user_or_404(IntegrityArchive.objects.all(), request.user, request=request, pk=pk)
    form = ArchiveForm(request.POST or None, user=request.user, instance=archive)
    write = partial(services.archive_update, archive=archive, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda a: "party_archive_list",
        title=f"编辑廉政档案：{archive}",
        back="party_archive_list",
        obj=archive,
    )


# Discipline records (restricted: every page showing them is audited) ---------------------------------------


def _discipline(request, pk):
    record = get_for_user_or_404(
        DisciplineRecord.objects.select_related("area__parent", "user"), request.user, request=request, pk=pk
    )
    audit_record(AuditEvent.VIEW_FULL, request=request, obj=record, ledger="discipline_records")
    return record


@require_perm("party.view_disciplinerecord")
def discipline_list(request):
    form = DisciplineFilterForm(request.GET or None, user=request.user)
    form.filters()
    records = selectors.discipline_filter(
        DisciplineRecord.objects.for_user(request.user).select_related("area__parent"), request.GET
    )
    context = paginate(request, records)
    audit_record(
        AuditEvent.VIEW_FULL,
        request=request,
        ledger="discipline_records",
        filters={k: v for k, v in request.GET.items() if k != "page"},
        rows=[r.pk for r in context["page_obj"]],
    )
    totals = selectors.discipline_totals(records)
    return render(request, "party/discipline_list.html", {"filter_form": form, "totals": totals, **context})


@require_perm("party.view_disciplinerecord")
def discipline_detail(request, pk: int):
    record = _discipline(request, pk)
    history = record.history.select_related("history_user").order_by("-history_date")
    return render(request, "party/discipline_detail.html", {"record": record, "history": history})


@require_perm("party.add_disciplinerecord")
def discipline_create(request):
    form = DisciplineForm(request.POST or None, user=request.user)
    write = partial(services.discipline_create, actor=request.user)
    return _form_page(
        request, form, write, done=lambda r: r, title="登记执纪记录", back="party_discipline_list"
    )


@require_perm("party.change_disciplinerecord")
def discipline_edit(request, pk: int):
    record = _discipline(request, pk)
    form = DisciplineForm(request.POST or None, user=request.user, instance=record)
    write = partial(services.discipline_update, record=record, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda r: r,
        title=f"编辑执纪记录：{record.person_name}",
        back="party_discipline_list",
        obj=record,
    )


# Honours --------------------------------------------------------------------------------------------------


@require_perm("party.view_honour")
def honour_list(request):
    form = HonourFilterForm(request.GET or None, user=request.user)
    form.filters()
    honours = selectors.honour_filter(
        Honour.objects.for_user(request.user).select_related("area__parent", "compound"), request.GET
    )
    return _list(request, "honour_list", form, honours)


@require_perm("party.add_honour")
def honour_create(request):
    form = HonourForm(request.POST or None, user=request.user)
    write = partial(services.honour_create, actor=request.user)
    return _form_page(
        request, form, write, done=lambda h: "party_honour_list", title="登记荣誉", back="party_honour_list"
    )


@require_perm("party.change_honour")
def honour_edit(request, pk: int):
    honour = get_for_user_or_404(
        Honour.objects.select_related("compound"), request.user, request=request, pk=pk
    )
    form = HonourForm(request.POST or None, user=request.user, instance=honour)
    write = partial(services.honour_update, honour=honour, actor=request.user)
    return _form_page(
        request,
        form,
        write,
        done=lambda h: "party_honour_list",
        title=f"编辑荣誉：{honour}",
        back="party_honour_list",
        obj=honour,
    )
