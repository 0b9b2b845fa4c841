"""Pages of the activity ledgers and publicity. Each parses a form, calls a selector or one service, and
renders; every queryset goes through `for_user`, every record through `get_for_user_or_404`."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jiedao.activities import selectors, services
from jiedao.activities.attachments import attachment_remove, attachments_add
from jiedao.activities.forms import (
    ActivityFilterForm,
    ActivityForm,
    ActivityTypeForm,
    AdoptionForm,
    InfoItemFilterForm,
    InfoItemForm,
    MeasureForm,
    TotalsForm,
    UploadForm,
    add_service_errors,
)
from jiedao.activities.models import Activity, ActivityType, InfoItem
from jiedao.core.forms import submit_form
from jiedao.core.listing import paginate
from jiedao.core.permissions import require_perm
from jiedao.core.scoping import get_for_user_or_404
from jiedao.excel.writing import rows_bytes

VIEW = "activities.view_activity"
ADD = "activities.add_activity"
CHANGE = "activities.change_activity"
DELETE = "activities.delete_activity"
ADD_TYPE = "activities.add_activitytype"
CHANGE_TYPE = "activities.change_activitytype"
VIEW_ITEM = "activities.view_infoitem"
ADD_ITEM = "activities.add_infoitem"
CHANGE_ITEM = "activities.change_infoitem"


def _activity(request, pk: int) -> Activity:
    queryset = Activity.objects.select_related("type", "area__parent", "office", "created_by")
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


def _item(request, pk: int) -> InfoItem:
    queryset = InfoItem.objects.select_related("area__parent", "office")
    return get_for_user_or_404(queryset, request.user, request=request, pk=pk)


# Activities -----------------------------------------------------------------------------------------------


@require_perm(VIEW)
def activity_list(request):
    form = ActivityFilterForm(request.GET or None, user=request.user)
    form.filters()
    activities = selectors.activity_filter(
        Activity.objects.for_user(request.user).select_related("type", "area__parent", "office"), request.GET
    )
    return render(
        request, "activities/activity_list.html", {"filter_form": form, **paginate(request, activities)}
    )


@require_perm(VIEW)
def activity_detail(request, pk: int):
    activity = _activity(request, pk)
    context = {
        "activity": activity,
        "values": activity.values.select_related("measure"),
        "attachments": activity.attachments.all(),
        "upload_form": UploadForm() if request.user.has_perm(CHANGE) else None,
    }
    return render(request, "activities/activity_detail.html", context)


def _create_activity(request, form):
    """The activity and its files in one transaction: a refused file means no activity."""

    def write(f):
        files = f.cleaned_data.get("attachments") or []
        with transaction.atomic():
            activity = services.activity_create(**f.service_kwargs(), actor=request.user)
            if files:
                attachments_add(activity=activity, uploads=files, actor=request.user)
        return activity

    return submit_form(request, form, write)


@require_perm(ADD)
def activity_create(request):
    form = ActivityForm(request.POST or None, request.FILES or None, user=request.user)
    created = _create_activity(request, form)
    if created:
        messages.success(request, f"已登记活动“{created.title}”")
        return redirect(created)
    return render(request, "activities/activity_form.html", {"form": form})


@require_perm(ADD)
def activity_measure_fields(request):
    """The measure inputs of the chosen type (htmx swaps them in when the type changes)."""
    form = ActivityForm(initial={"type": request.GET.get("type", "")}, user=request.user)
    return render(request, "activities/_measure_fields.html", {"form": form})


@require_perm(CHANGE)
def activity_edit(request, pk: int):
    activity = _activity(request, pk)
    form = ActivityForm(request.POST or None, user=request.user, activity=activity)

    def write(f):
        return services.activity_update(
            activity=activity,
            version=f.cleaned_data["version"] or 0,
            **f.service_kwargs(),
            actor=request.user,
        )

    saved = submit_form(request, form, write)
    if saved:
        messages.success(request, "活动已保存")
        return redirect(saved)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@require_perm(DELETE)
def activity_delete(request, pk: int):
    activity = _activity(request, pk)
    if request.method == "POST":
        services.activity_delete(activity=activity, actor=request.user)
        messages.success(request, f"已删除活动“{activity.title}”")
        return redirect("activity_list")
    return render(request, "activities/activity_delete.html", {"activity": activity})


@require_perm(CHANGE)
@require_POST
def activity_attachment_add(request, pk: int):
    activity = _activity(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            added = attachments_add(
                activity=activity, uploads=form.cleaned_data["attachments"], actor=request.user
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"已上传{len(added)}个附件")
            return redirect(activity)
    context = {
        "activity": activity,
        "values": activity.values.select_related("measure"),
        "attachments": activity.attachments.all(),
        "upload_form": form,
    }
    return render(request, "activities/activity_detail.html", context, status=400)


@require_perm(VIEW)
def activity_attachment(request, pk: int, attachment_pk: int):
    """A photo or document, to whoever may see the activity (404 otherwise); never a public media URL."""
    attachment = get_object_or_404(_activity(request, pk).attachments, pk=attachment_pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("附件文件不存在") from None
    response = FileResponse(handle, content_type=attachment.content_type, filename=attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_perm(CHANGE)
@require_POST
def activity_attachment_remove(request, pk: int, attachment_pk: int):
    activity = _activity(request, pk)
    attachment = get_object_or_404(activity.attachments, pk=attachment_pk)
    attachment_remove(attachment=attachment)
    messages.success(request, f"已删除附件“{attachment.original_name}”")
    return redirect(activity)


def _totals(request):
    data = request.GET.copy()
    data.setdefault("year", str(timezone.localdate().year))
    form = TotalsForm(data, user=request.user)
    if not form.is_valid():
        return form, None
    totals = selectors.activity_totals(
        Activity.objects.for_user(request.user),
        form.cleaned_data["year"],
        kind=selectors._pk(form.cleaned_data["type"]),
        community=selectors._pk(form.cleaned_data["community"]),
    )
    return form, totals


@require_perm(VIEW)
def activity_totals(request):
    form, totals = _totals(request)
    return render(
        request,
        "activities/activity_totals.html",
        {"filter_form": form, "totals": totals, "query_string": request.GET.urlencode()},
    )


@require_perm(VIEW)
def activity_totals_export(request):
    form, totals = _totals(request)
    if totals is None:
        return HttpResponse(
            "参数错误：" + "；".join(e for errs in form.errors.values() for e in errs), status=400
        )
    headers, rows = selectors.totals_rows(totals)
    data = rows_bytes(f"{totals.year}年活动统计", headers, rows, [14, 14, 6, 10] + [7] * (len(headers) - 4))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{totals.year}年活动统计_{date.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(name)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


# Activity types -------------------------------------------------------------------------------------------


@require_perm(CHANGE_TYPE)
def activitytype_list(request):
    types = ActivityType.objects.select_related("office").prefetch_related("measures")
    return render(request, "activities/activitytype_list.html", {"types": types})


@require_perm(ADD_TYPE)
def activitytype_create(request):
    form = ActivityTypeForm(request.POST or None)
    created = submit_form(
        request, form, lambda f: services.activity_type_create(**f.cleaned_data, actor=request.user)
    )
    if created:
        messages.success(request, f"已新增活动类型“{created.name}”")
        return redirect("activitytype_list")
    return render(request, "activities/activitytype_form.html", {"form": form})


@require_perm(CHANGE_TYPE)
def activitytype_edit(request, pk: int):
    activity_type = get_object_or_404(ActivityType, pk=pk)
    form = ActivityTypeForm(request.POST or None, activity_type=activity_type)

    def write(f):
        data = {k: v for k, v in f.cleaned_data.items() if k != "code"}
        return services.activity_type_update(activity_type=activity_type, **data, actor=request.user)

    saved = submit_form(request, form, write)
    if saved:
        messages.success(request, f"活动类型“{saved.name}”已保存")
        return redirect("activitytype_list")
    return render(
        request, "activities/activitytype_form.html", {"form": form, "activity_type": activity_type}
    )


@require_perm(ADD_TYPE)
def measure_create(request):
    form = MeasureForm(request.POST or None)
    created = submit_form(
        request, form, lambda f: services.measure_create(**f.cleaned_data, actor=request.user)
    )
    if created:
        messages.success(request, f"已新增计量项“{created.name}”，可在活动类型中选用")
        return redirect("activitytype_list")
    return render(request, "activities/measure_form.html", {"form": form})


# Publicity (信息宣传) -------------------------------------------------------------------------------------


@require_perm(VIEW_ITEM)
def infoitem_list(request):
    form = InfoItemFilterForm(request.GET or None)
    form.filters()
    items = selectors.infoitem_filter(
        InfoItem.objects.for_user(request.user)
        .select_related("area__parent", "office")
        .prefetch_related("adoptions"),
        request.GET,
    )
    return render(request, "activities/infoitem_list.html", {"filter_form": form, **paginate(request, items)})


def _item_page(request, item, adoption_form=None, status=200):
    context = {
        "item": item,
        "adoptions": item.adoptions.all(),
        "adoption_form": adoption_form or AdoptionForm(),
    }
    return render(request, "activities/infoitem_detail.html", context, status=status)


@require_perm(VIEW_ITEM)
def infoitem_detail(request, pk: int):
    return _item_page(request, _item(request, pk))


@require_perm(ADD_ITEM)
def infoitem_create(request):
    form = InfoItemForm(request.POST or None, user=request.user)
    created = submit_form(
        request, form, lambda f: services.infoitem_create(**f.cleaned_data, actor=request.user)
    )
    if created:
        messages.success(request, f"已登记稿件“{created.title}”")
        return redirect(created)
    return render(request, "activities/infoitem_form.html", {"form": form})


@require_perm(CHANGE_ITEM)
def infoitem_edit(request, pk: int):
    item = _item(request, pk)
    initial = {f: getattr(item, f) for f in ("title", "author", "submitted_on", "area", "office", "summary")}
    form = InfoItemForm(request.POST or None, user=request.user, initial=initial)

    def write(f):
        version = int(request.POST.get("version") or 0)
        return services.infoitem_update(item=item, version=version, **f.cleaned_data, actor=request.user)

    saved = submit_form(request, form, write)
    if saved:
        messages.success(request, "稿件已保存")
        return redirect(saved)
    return render(request, "activities/infoitem_form.html", {"form": form, "item": item})


@require_perm(CHANGE_ITEM)
@require_POST
def adoption_add(request, pk: int):
    item = _item(request, pk)
    form = AdoptionForm(request.POST)
    added = submit_form(
        request, form, lambda f: services.adoption_add(item=item, **f.cleaned_data, actor=request.user)
    )
    if added:
        messages.success(request, f"已登记{added.get_level_display()}级媒体采用")
        return redirect(item)
    return _item_page(request, item, form, status=400)


@require_perm(CHANGE_ITEM)
@require_POST
def adoption_remove(request, pk: int, adoption_pk: int):
    item = _item(request, pk)
    adoption = get_object_or_404(item.adoptions, pk=adoption_pk)
    services.adoption_remove(adoption=adoption, actor=request.user)
    messages.success(request, "已删除该采用记录")
    return redirect(item)
