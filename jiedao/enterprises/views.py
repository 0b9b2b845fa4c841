"""Pages of the economic directory. Each parses a form, calls a selector or one service, and renders; every
queryset goes through `for_user`, every record through `get_for_user_or_404` (out of scope is 404)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.enterprises import selectors, services
from jiedao.enterprises.forms import (
    AdvanceForm,
    EnterpriseFilterForm,
    EnterpriseForm,
    LeadFilterForm,
    LeadForm,
    StatusForm,
    VisitFilterForm,
    VisitForm,
)
from jiedao.enterprises.models import Enterprise, InvestmentLead, LeadStage, VerificationVisit

VIEW_ENTERPRISE = "enterprises.view_enterprise"
ADD_ENTERPRISE = "enterprises.add_enterprise"
CHANGE_ENTERPRISE = "enterprises.change_enterprise"
VIEW_VISIT = "enterprises.view_verificationvisit"
ADD_VISIT = "enterprises.add_verificationvisit"
VIEW_LEAD = "enterprises.view_investmentlead"
ADD_LEAD = "enterprises.add_investmentlead"
CHANGE_LEAD = "enterprises.change_investmentlead"


def _enterprise(request, pk: int) -> Enterprise:
    return get_for_user_or_404(
        Enterprise.objects.select_related("area__parent"), request.user, request=request, pk=pk
    )


def _lead(request, pk: int) -> InvestmentLead:
    queryset = InvestmentLead.objects.select_related("area__parent", "owner", "enterprise")
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


# Enterprises ----------------------------------------------------------------------------------------------


@require_perm(VIEW_ENTERPRISE)
def enterprise_list(request):
    form = EnterpriseFilterForm(request.GET or None, user=request.user)
    enterprises = selectors.enterprise_filter(
        Enterprise.objects.for_user(request.user).select_related("area__parent"), request.GET
    )
    context = {"filter_form": form, "totals": selectors.enterprise_totals(enterprises)}
    return render(request, "enterprises/enterprise_list.html", {**context, **paginate(request, enterprises)})


@require_perm(VIEW_ENTERPRISE)
def enterprise_detail(request, pk: int):
    enterprise = _enterprise(request, pk)
    visits = VerificationVisit.objects.for_user(request.user).filter(enterprise=enterprise)
    context = {
        "enterprise": enterprise,
        "visits": visits.select_related("visitor", "enterprise"),
        "leads": InvestmentLead.objects.for_user(request.user).filter(enterprise=enterprise),
        "visit_form": VisitForm(),
        "status_form": StatusForm(enterprise=enterprise) if enterprise.is_active else None,
    }
    return render(request, "enterprises/enterprise_detail.html", context)


@require_perm(ADD_ENTERPRISE)
def enterprise_create(request):
    form = EnterpriseForm(request.POST or None, user=request.user)
    created = submit_form(
        request, form, lambda f: services.enterprise_create(**f.service_kwargs(), actor=request.user)
    )
    if created:
        messages.success(request, f"已将“{created.name}”录入经济名录库")
        return redirect(created)
    return render(request, "enterprises/enterprise_form.html", {"form": form})


@require_perm(CHANGE_ENTERPRISE)
def enterprise_edit(request, pk: int):
    enterprise = _enterprise(request, pk)
    form = EnterpriseForm(request.POST or None, user=request.user, enterprise=enterprise)
    saved = submit_form(
        request,
        form,
        lambda f: services.enterprise_update(enterprise=enterprise, **f.service_kwargs(), actor=request.user),
    )
    if saved:
        messages.success(request, "企业信息已保存")
        return redirect(saved)
    return render(request, "enterprises/enterprise_form.html", {"form": form, "enterprise": enterprise})


@require_perm(CHANGE_ENTERPRISE)
def enterprise_status(request, pk: int):
    enterprise = _enterprise(request, pk)
    form = StatusForm(request.POST or None, enterprise=enterprise)
    saved = submit_form(
        request,
        form,
        lambda f: services.enterprise_set_status(enterprise=enterprise, **f.cleaned_data, actor=request.user),
    )
    if saved:
        messages.success(request, f"已将企业状态变更为“{saved.get_status_display()}”")
        return redirect(saved)
    return render(request, "enterprises/enterprise_status.html", {"form": form, "enterprise": enterprise})


# Verification visits --------------------------------------------------------------------------------------


@require_perm(ADD_VISIT)
def visit_create(request, pk: int):
    enterprise = _enterprise(request, pk)
    form = VisitForm(request.POST or None)
    visit = submit_form(
        request,
        form,
        lambda f: services.visit_record(enterprise=enterprise, **f.cleaned_data, actor=request.user),
    )
    if visit:
        messages.success(request, "核查记录已登记")
        if visit.suggested_status:
            messages.warning(
                request, f"核查结果为“{visit.get_result_display()}”，请核实后在下方“据此更新企业状态”"
            )
        return redirect(enterprise)
    return render(request, "enterprises/visit_form.html", {"form": form, "enterprise": enterprise})


@require_perm(VIEW_VISIT)
def visit_list(request):
    form = VisitFilterForm(request.GET or None, user=request.user)
    visits = selectors.visit_filter(
        VerificationVisit.objects.for_user(request.user).select_related(
            "enterprise", "visitor", "area__parent"
        ),
        request.GET,
    )
    context = {"filter_form": form, "totals": selectors.visit_totals(visits)}
    return render(request, "enterprises/visit_list.html", {**context, **paginate(request, visits)})


# Investment leads -----------------------------------------------------------------------------------------


@require_perm(VIEW_LEAD)
def lead_list(request):
    form = LeadFilterForm(request.GET or None, user=request.user)
    scoped = InvestmentLead.objects.for_user(request.user).select_related("area__parent", "owner")
    leads = selectors.lead_filter(scoped, request.GET)
    pipeline = selectors.lead_pipeline(selectors.lead_filter(scoped, request.GET, with_stage=False))
    params = request.GET.copy()
    params.pop("page", None)
    for column in pipeline:
        params["stage"] = column["stage"]
        column["query"] = params.urlencode()
    context = {"filter_form": form, "pipeline": pipeline, "stage": request.GET.get("stage", "")}
    return render(request, "enterprises/lead_list.html", {**context, **paginate(request, leads)})


@require_perm(VIEW_LEAD)
def lead_detail(request, pk: int):
    lead = _lead(request, pk)
    context = {
        "lead": lead,
        "advance_form": AdvanceForm(lead=lead) if services.next_stages(lead.stage) else None,
        "history": lead.history.select_related("history_user").order_by("-history_date", "-history_id"),
        "stages": [(s, lead.date_of(s)) for s in LeadStage],
    }
    return render(request, "enterprises/lead_detail.html", context)


@require_perm(ADD_LEAD)
def lead_create(request):
    form = LeadForm(request.POST or None, user=request.user)
    lead = submit_form(
        request, form, lambda f: services.lead_create(**f.service_kwargs(), actor=request.user)
    )
    if lead:
        messages.success(request, f"已新增招商引资项目“{lead.name}”")
        return redirect(lead)
    return render(request, "enterprises/lead_form.html", {"form": form})


@require_perm(CHANGE_LEAD)
def lead_edit(request, pk: int):
    lead = _lead(request, pk)
    form = LeadForm(request.POST or None, user=request.user, lead=lead)
    saved = submit_form(
        request, form, lambda f: services.lead_update(lead=lead, **f.service_kwargs(), actor=request.user)
    )
    if saved:
        messages.success(request, "项目信息已保存")
        return redirect(saved)
    return render(request, "enterprises/lead_form.html", {"form": form, "lead": lead})


@require_perm(CHANGE_LEAD)
def lead_advance(request, pk: int):
    lead = _lead(request, pk)
    form = AdvanceForm(request.POST or None, lead=lead)
    saved = submit_form(
        request, form, lambda f: services.lead_advance(lead=lead, **f.cleaned_data, actor=request.user)
    )
    if saved:
        messages.success(request, f"项目已推进到“{saved.get_stage_display()}”阶段")
        return redirect(saved)
    return render(request, "enterprises/lead_advance.html", {"form": form, "lead": lead})
