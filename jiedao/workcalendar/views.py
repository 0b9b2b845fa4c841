from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from . import selectors, workdays
from .forms import WorkdayCalculatorForm


def _requested_year(request, default: int) -> int:
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if 1949 <= year <= 2200 else default


def _year_links(year: int, coverage: list[int], today) -> dict:
    # Years with data, plus the one after the last (the year an administrator enters next) and this year.
    reachable = set(coverage) | {today.year} | ({coverage[-1] + 1} if coverage else set())
    return {
        "previous_year": year - 1 if year - 1 in reachable else None,
        "next_year": year + 1 if year + 1 in reachable else None,
        "reachable_years": sorted(reachable | {year}),
    }


def _upcoming_message(today, *, shown: int) -> str | None:
    missing = workdays.missing_upcoming_year(today)
    return workdays.MSG_YEAR_MISSING.format(year=missing) if missing not in (None, shown) else None


@login_required
def calendar_year(request):
    today = timezone.localdate()
    year = _requested_year(request, today.year)
    coverage = workdays.year_coverage()
    form = WorkdayCalculatorForm(request.GET if "start" in request.GET else None)
    context = {
        "year": year,
        "today": today,
        "missing_message": None if year in coverage else workdays.MSG_YEAR_MISSING.format(year=year),
        "upcoming_message": _upcoming_message(today, shown=year),
        "form": form,
        "result": form.calculate() if form.is_bound else None,
        **_year_links(year, coverage, today),
        **selectors.calendar_year_overview(year, today),
    }
    return render(request, "workcalendar/calendar_year.html", context)
