"""The demo directory reproduces the seed report's figures: 经济名录库4434家，实地核查4525家，招商引资66家."""

import time
from datetime import date

import pytest

from jiedao.core.demo import build_demo
from jiedao.enterprises.demo import build_enterprise_demo
from jiedao.enterprises.figures import enterprises_active_at, leads_settled_in, visits_in
from jiedao.enterprises.models import Enterprise, InvestmentLead, VerificationVisit

START, END = date(2023, 1, 1), date(2023, 12, 31)


@pytest.mark.demo
def test_it_builds_the_seed_figures_in_a_few_seconds_and_only_once(db):
    street = build_demo().street
    started = time.monotonic()
    build_enterprise_demo(street)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"the enterprise demo took {elapsed:.1f} s"

    assert enterprises_active_at(END).count() == 4434
    assert visits_in(START, END).count() == 4525
    assert visits_in(START, END).values("enterprise").distinct().count() == 4525
    assert leads_settled_in(START, END).count() == 66
    # Every enterprise stands on a current grid of the street; codes and names are valid and unique.
    assert not Enterprise.objects.exclude(area__in=street.children.none()).filter(
        area__valid_to__isnull=False
    )
    assert Enterprise.objects.values("name").distinct().count() == Enterprise.objects.count()
    sample = Enterprise.objects.order_by("?")[:50]
    for enterprise in sample:
        enterprise.full_clean()
    # A dozen visits found an enterprise gone that still stands as 存续: the follow-up waits for staff.
    pending = [v for v in VerificationVisit.objects.select_related("enterprise") if v.suggested_status]
    assert len(pending) >= 12
    for lead in InvestmentLead.objects.all()[:30]:
        lead.full_clean()

    counts = (Enterprise.objects.count(), VerificationVisit.objects.count(), InvestmentLead.objects.count())
    build_enterprise_demo(street)
    assert (
        Enterprise.objects.count(),
        VerificationVisit.objects.count(),
        InvestmentLead.objects.count(),
    ) == counts
