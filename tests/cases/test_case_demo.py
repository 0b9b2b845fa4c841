"""The 2023 case demo reproduces the seed report's case figures (shared/seed/figures.md), through the engine.

The demo is big (8,700 cases on top of the registry's 68,000 residents), so it is built once for the module,
inside a transaction rolled back after the last test; each test runs in its own savepoint within it.
"""

from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal
from itertools import pairwise

import pytest
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from jiedao.cases import deadlines
from jiedao.cases.categories import seed_categories
from jiedao.cases.demo import build_case_demo
from jiedao.cases.models import Case, CaseEvent, Source, State
from jiedao.cases.services import case_create
from jiedao.cases.workflow import HANDLERS, case_move
from jiedao.core.demo import SPLIT_DATE, build_demo
from jiedao.core.figures import Period, compute, get_indicator
from jiedao.core.models import Area, AreaLevel, RoleAssignment
from jiedao.registry.demo import build_registry_demo
from jiedao.registry.models import PremisesKind

YEAR = Period.year(2023)
YEAR_END = timezone.make_aware(datetime(2024, 1, 1))
REPORT = {
    "hotline.received": 5011,
    "hotline.closed": 2013,
    "hotline.returned": 1808,
    "hotline.in_progress": 1190,
    "hotline.resolution_rate": Decimal("90.16"),
    "hotline.satisfaction_rate": Decimal("88.01"),
    "petition.batches": 103,
    "petition.people": 687,
    "mediation.cases": 314,
    "mediation.acceptance_rate": Decimal("100.00"),
    "mediation.closure_rate": Decimal("100.00"),
    "river.problems": 21,
    "river.problems_fixed": 21,
    "enforcement.issues_collected": 12,
}


def value(code: str):
    return compute(get_indicator(code), YEAR).value


# First in the file: it builds the small test world, which the module's demo street would collide with.
def test_river_indicators_count_river_cases_and_those_closed_by_year_end(world, categories):
    def river(day, closed_on=None):
        case = case_create(
            source=Source.RIVER,
            category=categories["sanitation"],
            title="河道内有生活垃圾",
            area=world.grid_a1,
            received_at=timezone.make_aware(datetime.combine(day, time(10))),
            accepted=True,
        )
        if closed_on:
            at = timezone.make_aware(datetime.combine(closed_on, time(15)))
            for action, data in (
                ("dispatch", {"area": world.grid_a1}),
                ("sign", {}),
                ("close", {"result": "已清理"}),
            ):
                case = case_move(case=case, action=action, actor=None, version=case.version, at=at, **data)

    river(date(2024, 5, 6), closed_on=date(2024, 5, 7))
    river(date(2024, 12, 30), closed_on=date(2025, 1, 2))  # fixed, but only in the next year
    river(date(2024, 7, 1))
    river(date(2023, 7, 3), closed_on=date(2023, 7, 4))  # another year
    year = Period.year(2024)
    assert compute(get_indicator("river.problems"), year).value == 3
    assert compute(get_indicator("river.problems_fixed"), year).value == 1
    assert get_indicator("river.problems_fixed").name == "巡河问题整改"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        street = build_demo().street
        build_registry_demo(street)
        seed_categories()
        created = build_case_demo(street)
        yield street, created
        transaction.set_rollback(True)


@pytest.mark.demo
@pytest.mark.year_demo
def test_it_reproduces_the_reports_case_figures(db, demo):
    assert {code: value(code) for code in REPORT} == REPORT
    # "3000余" cases, "99%以上" closed on time — and not all of them: a few were late.
    assert 3000 < value("grid.cases") < 3500
    assert Decimal("99.00") <= value("grid.ontime_rate") < Decimal("100.00")


@pytest.mark.demo
@pytest.mark.year_demo
def test_received_orders_are_closed_returned_or_in_progress(db, demo):
    parts = [value(f"hotline.{part}") for part in ("closed", "returned", "in_progress")]
    assert sum(parts) == value("hotline.received") == Case.objects.filter(source=Source.HOTLINE).count()


@pytest.mark.demo
@pytest.mark.year_demo
def test_basic_satisfaction_counts_only_by_the_setting(db, demo, settings):
    settings.JIEDAO_SATISFACTION_COUNTS_BASIC = False
    assert value("hotline.satisfaction_rate") < Decimal("88.01")


@pytest.mark.demo
@pytest.mark.year_demo
def test_it_records_110_rectified_hazards_at_distinct_lpg_users(db, demo):
    hazards = Case.objects.filter(source=Source.HAZARD, received_at__year=2023)
    assert hazards.count() == 110
    assert hazards.values("premises").distinct().count() == 110
    assert not hazards.exclude(premises__kind=PremisesKind.LPG_USER).exists()
    assert not hazards.filter(closed_at__isnull=True).exists()
    assert not hazards.filter(closed_at__gte=YEAR_END).exists()


@pytest.mark.demo
@pytest.mark.year_demo
def test_every_timeline_tells_the_cases_state(db, demo):
    """Events chain from the creation to the stored state, in time order, within 2023; the stored
    timestamps are those of their moves."""
    cases = {c.pk: c for c in Case.objects.all()}
    chains: dict[int, list] = {pk: [] for pk in cases}
    for event in CaseEvent.objects.order_by("at", "pk").values_list(
        "case_id", "action", "from_state", "to_state", "at", "actor_id"
    ):
        chains[event[0]].append(event)
    for pk, case in cases.items():
        chain = chains[pk]
        assert chain[0][1] == "create" and chain[0][3] in (State.PENDING, State.ACCEPTED), case.number
        assert chain[0][4] == case.received_at
        for before, after in pairwise(chain):
            assert after[2] == before[3], (case.number, after[1])
            assert after[5] is not None, (case.number, after[1])
        assert chain[-1][3] == case.state, case.number
        assert chain[-1][4] < YEAR_END, case.number
        last = {action: at for _, action, _, _, at, _ in chain}
        if case.state in (State.CLOSED, State.ARCHIVED) and case.closed_at:
            assert case.closed_at == last["close"], case.number
        if case.returned_at:
            assert case.returned_at == last["return"] and case.return_reason, case.number
        if case.signed_at:
            assert case.signed_at == last["sign"], case.number


@pytest.mark.demo
@pytest.mark.year_demo
def test_returns_reopenings_extensions_and_supervision_happen(db, demo):
    hotline = Case.objects.filter(source=Source.HOTLINE)
    for returned in hotline.filter(returned_at__isnull=False).only("received_at", "returned_at"):
        window = deadlines.extended_deadline(returned.received_at, deadlines.RETURN_WINDOW_DAYS)
        assert returned.returned_at <= window
    reasons = Counter(hotline.exclude(return_reason="").values_list("return_reason", flat=True))
    assert set(reasons) == {"outside_area", "not_our_duty", "incomplete"}
    actions = Counter(CaseEvent.objects.values_list("action", flat=True))
    for action in ("reassign", "request_extension", "approve_extension", "reject_extension", "supervise"):
        assert actions[action] > 0, action
    assert actions["reopen"] == hotline.filter(reopen_count__gt=0).count() > 0
    assert hotline.filter(callback_declined=True).exists()
    assert hotline.filter(anonymous=True, reporter_name="", reporter_phone_masked="").exists()
    assert not hotline.filter(anonymous=False, reporter_phone_masked="").exists()


@pytest.mark.demo
@pytest.mark.year_demo
def test_cases_lie_in_areas_standing_when_received(db, demo):
    street, _ = demo
    cases = Case.objects.select_related("area")
    for case in cases.only("received_at", "area__valid_from", "area__valid_to", "area__level", "area__path"):
        day = timezone.localtime(case.received_at).date()
        assert case.area.valid_from <= day and (case.area.valid_to is None or day < case.area.valid_to)
        assert case.area.level in (AreaLevel.COMMUNITY, AreaLevel.GRID) and case.area.path.startswith(
            street.path
        )
    communities = Area.objects.under(street).communities()
    by_community = {c.name: cases.filter(area__path__startswith=c.path).count() for c in communities}
    assert len(by_community) == 11 and min(by_community.values()) > 100
    split = communities.get(valid_from=SPLIT_DATE)
    assert not cases.filter(area__path__startswith=split.path, received_at__date__lt=SPLIT_DATE).exists()


@pytest.mark.demo
@pytest.mark.year_demo
def test_the_year_has_seasons(db, demo):
    hotline = Case.objects.filter(source=Source.HOTLINE)
    months = dict(
        hotline.values_list("received_at__month")
        .annotate(n=Count("pk"))
        .values_list("received_at__month", "n")
    )
    assert sorted(months) == list(range(1, 13))
    heating = Counter(
        timezone.localtime(at).month
        for at in hotline.filter(category__code="utilities", title__contains="暖").values_list(
            "received_at", flat=True
        )
    )
    winter = sum(n for month, n in heating.items() if month in (1, 2, 3, 10, 11, 12))
    assert winter > 0.9 * sum(heating.values())


@pytest.mark.demo
@pytest.mark.year_demo
def test_signers_and_closers_are_handlers_of_the_demo(db, demo):
    handlers = set(RoleAssignment.objects.filter(role__in=HANDLERS).values_list("user_id", flat=True))
    movers = set(
        CaseEvent.objects.filter(action__in=["sign", "close", "return"]).values_list("actor_id", flat=True)
    )
    assert movers <= handlers


@pytest.mark.demo
@pytest.mark.year_demo
def test_a_second_build_adds_nothing(db, demo):
    street, created = demo
    assert created == Case.objects.count()
    counts = (Case.objects.count(), CaseEvent.objects.count())
    assert build_case_demo(street) == 0
    assert (Case.objects.count(), CaseEvent.objects.count()) == counts
