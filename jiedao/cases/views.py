"""Case pages: 待我处理, the list, the detail page with its actions, registration.

A case changes only through `case_act` (POST, CSRF-protected), which hands the action's form to `case_move`.
POST-only endpoints check the permission first, then the method (a GET is 403 without the permission, 405
with it; the case is not looked up, so out-of-scope is 405 too)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jiedao.cases import selectors
from jiedao.cases.forms import CaseCreateForm, CaseFilterForm, action_form
from jiedao.cases.models import Case
from jiedao.cases.services import case_create as register_case
from jiedao.cases.workflow import MSG_ROLE, MSG_STALE, TRANSITIONS, allowed_actions, case_move
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.registry.forms import add_service_errors

VIEW = "cases.view_case"
ADD = "cases.add_case"


def _case(request, pk: int) -> Case:
    queryset = Case.objects.select_related(
        "category", "area__parent", "assigned_area__parent", "assignee", "resident", "premises"
    )
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


@require_perm(VIEW)
def case_queue(request):
    context = paginate(request, selectors.case_queue(request.user))
    return render(request, "cases/case_queue.html", context)


@require_perm(VIEW)
def case_list(request):
    form = CaseFilterForm(request.GET or None, user=request.user)
    context = paginate(request, selectors.case_list(request.user, form.filters()))
    return render(request, "cases/case_list.html", {"filter_form": form, **context})


def _detail(request, case: Case, bound=None, stale: bool = False):
    forms = {a: action_form(a, case, request.user) for a in allowed_actions(case, request.user)}
    if bound is not None:
        forms[bound.action] = bound  # the submitted form, with its input and errors
    actions = [(a, TRANSITIONS[a].label, form) for a, form in forms.items()]
    context = {"case": case, "timeline": selectors.case_timeline(case), "actions": actions, "stale": stale}
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
    form = CaseCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = register_case(**form.service_kwargs(), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已登记工单 {case.number}")
            return redirect("case_detail", pk=case.pk)
    return render(request, "cases/case_form.html", {"form": form})
