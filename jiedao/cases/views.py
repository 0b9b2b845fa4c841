"""Case pages: 待我处理, the list, the detail page with its actions, registration.

A case changes only through `case_act` (POST, CSRF-protected), which hands the action's form to `case_move`.
POST-only endpoints check the permission first, then the method (a GET is 403 without the permission, 405
with it; the case is not looked up, so out-of-scope is 405 too)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiedao.cases import selectors
from jiedao.cases.attachments import attachments_add, case_create_with_photos, upload_permission_check
from jiedao.cases.duplicates import merge_targets, similar_cases, similar_to_case
from jiedao.cases.forms import CaseAttachmentForm, CaseCreateForm, CaseFilterForm, action_form
from jiedao.cases.models import Case
from jiedao.cases.views_bulk import bulk_context
from jiedao.cases.workflow import MSG_ROLE, MSG_STALE, TRANSITIONS, allowed_actions, case_move
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry.forms import add_service_errors

VIEW = "cases.view_case"
ADD = "cases.add_case"


def _case(request, pk: int) -> Case:
    queryset = Case.objects.select_related(
        "category", "area__parent", "assigned_area__parent", "assignee", "resident", "premises", "merged_into"
    )
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


@require_perm(VIEW)
def case_queue(request):
    context = paginate(request, selectors.case_queue(request.user))
    return render(request, "cases/case_queue.html", {**context, **bulk_context(request)})


@require_perm(VIEW)
def case_list(request):
    form = CaseFilterForm(request.GET or None, user=request.user)
    context = paginate(request, selectors.case_list(request.user, form.filters()))
    context |= bulk_context(request)
    return render(request, "cases/case_list.html", {"filter_form": form, **context})


def _detail(request, case: Case, bound=None, stale: bool = False, upload_form=None):
    allowed = allowed_actions(case, request.user)
    # 合并 is offered only when there is a possible duplicate to merge into.
    mergeable = {c.pk for c in merge_targets(case, request.user)} if "merge" in allowed else set()
    forms = {a: action_form(a, case, request.user) for a in allowed if a != "merge" or mergeable}
    if bound is not None:
        forms[bound.action] = bound  # the submitted form, with its input and errors
    actions = [(a, TRANSITIONS[a].label, form) for a, form in forms.items()]
    context = {"case": case, "timeline": selectors.case_timeline(case), "actions": actions, "stale": stale}
    context |= {
        "attachments": case.attachments.all(),
        "upload_form": upload_form or (CaseAttachmentForm() if allowed else None),
        "similar": similar_to_case(case, request.user),
        "mergeable": mergeable,
        # Cases joined by a merge may lie outside the reader's areas: those show by number only, without
        # their title or a link (the number is what a colleague there can look up).
        "merged": case.merged.for_user(request.user).order_by("received_at", "pk"),
        "merged_elsewhere": case.merged.exclude(pk__in=Case.objects.for_user(request.user).values("pk"))
        .order_by("received_at", "pk")
        .values_list("number", flat=True),
        "merged_into_visible": case.merged_into_id is not None
        and Case.objects.for_user(request.user).filter(pk=case.merged_into_id).exists(),
    }
    return render(request, "cases/case_detail.html", context)


@require_perm(VIEW)
def case_detail(request, pk: int):
    return _detail(request, _case(request, pk))


@require_perm(VIEW)
@require_POST
def case_act(request, pk: int, action: str):
    if action not in TRANSITIONS:
        raise Http404("没有这个办理动作")
    case = _case(request, pk)
    if action not in selectors.role_actions(request.user):
        raise PermissionDenied(MSG_ROLE.format(action=TRANSITIONS[action].label))
    form = action_form(action, case, request.user, data=request.POST)
    if form.is_valid():
        try:
            case_move(case=case, action=action, actor=request.user, **form.move_kwargs())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已{TRANSITIONS[action].label}")
            return redirect("case_detail", pk=case.pk)
    stale = MSG_STALE in form.non_field_errors()
    return _detail(request, _case(request, pk), bound=form, stale=stale)


@require_perm(ADD)
def case_create(request):
    """登记工单. A valid form with possible duplicates comes back with them listed; ticking 仍然登记为新工单
    registers it all the same."""
    form = CaseCreateForm(request.POST or None, request.FILES or None, user=request.user)
    similar = []
    if request.method == "POST" and form.is_valid():
        similar = similar_cases(**form.duplicate_kwargs(), received_at=timezone.now(), user=request.user)
        if not similar or form.cleaned_data["confirm_new"]:
            try:
                case = case_create_with_photos(**form.service_kwargs(), actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"已登记工单 {case.number}")
                return redirect("case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "similar": similar})


@require_perm(VIEW)
def case_attachment(request, pk: int, attachment_pk: int):
    """A case photo, to whoever may see the case (404 otherwise); never from a public media URL."""
    attachment = get_object_or_404(_case(request, pk).attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("照片文件不存在") from None
    response = FileResponse(handle, content_type=attachment.content_type, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_perm(VIEW)
@require_POST
def case_attachment_upload(request, pk: int):
    """上传照片: anyone who may move the case now; the stage follows its state."""
    case = _case(request, pk)
    upload_permission_check(case, request.user)
    form = CaseAttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = attachments_add(case=case, uploads=form.cleaned_data["photos"], actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已上传{len(added)}张照片")
            return redirect("case_detail", pk=case.pk)
    return _detail(request, case, upload_form=form)
