"""The records behind the economy's indicators (seed/figures.md: economy.enterprises, economy.verified,
economy.investments). Each function returns the queryset behind the number; the number is its `.count()`.

`areas_qs`, when given, is a queryset of `Area`s (e.g. `Area.objects.under(community)`): only records placed
on one of those areas count. Visits count where the enterprise stood when it was visited.
"""

from datetime import date

from django.db.models import QuerySet

from jiedao.enterprises.models import Enterprise, InvestmentLead, LeadStage, VerificationVisit


def _in(qs: QuerySet, areas_qs: QuerySet | None) -> QuerySet:
    return qs if areas_qs is None else qs.filter(area__in=areas_qs)


def enterprises_active_at(end: date, areas_qs: QuerySet | None = None) -> QuerySet:
    """economy.enterprises: enterprises in the directory and 存续 on `end` (已维护经济名录库N家)."""
    return _in(Enterprise.objects.active_on(end), areas_qs)


def visits_in(start: date, end: date, areas_qs: QuerySet | None = None) -> QuerySet:
    """economy.verified: on-site verification visits dated start..end inclusive (实地核查N家).

    Enterprises verified, rather than visits made: `.values("enterprise").distinct().count()`."""
    return _in(VerificationVisit.objects.filter(visited_on__range=(start, end)), areas_qs)


def leads_settled_in(start: date, end: date, areas_qs: QuerySet | None = None) -> QuerySet:
    """economy.investments: investment leads that reached 落地 start..end inclusive (招商引资N家)."""
    return _in(
        InvestmentLead.objects.filter(stage=LeadStage.SETTLED, settled_on__range=(start, end)), areas_qs
    )
