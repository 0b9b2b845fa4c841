"""Population statistics: residents on the register on a date, by community or by the grids of one."""

from django.shortcuts import render
from django.utils import timezone

from jiedao.core.permissions import require_perm
from jiedao.registry.forms import PopulationForm
from jiedao.registry.selectors import population_table


@require_perm("registry.view_resident")
def population_stats(request):
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("on", today.isoformat())  # a drill-down link without a date shows today's in the picker
    form = PopulationForm(data, user=request.user)
    filters = form.area_filters()
    table = population_table(request.user, filters.get("on") or today, community=filters.get("community"))
    chart = {
        "names": [row["area"].name for row in table["rows"]],
        "permanent": [row["permanent"] for row in table["rows"]],
        "floating": [row["floating"] for row in table["rows"]],
    }
    return render(request, "registry/population.html", {"filter_form": form, "table": table, "chart": chart})
