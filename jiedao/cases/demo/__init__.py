"""The demo sub-district's 2023 cases: the seed report's 12345, grid, petition, dispute, river, enforcement
and LPG-hazard figures, each case created by `case_create` and moved by `case_move` at its own (backdated)
time by the demo's staff — so its timeline, deadlines and KPIs are the engine's own.

| indicator | 2023 |
|---|---|
| hotline.received / closed / returned / in_progress | 5,011 / 2,013 / 1,808 / 1,190 |
| hotline.resolution_rate / satisfaction_rate | 90.16% (1,677 ÷ 1,860) / 88.01% (1,637 ÷ 1,860) |
| grid.cases / grid.ontime_rate | 3,136 / 99%+ (21 closed late) |
| petition.batches / petition.people | 103 / 687 |
| mediation.cases / acceptance_rate / closure_rate | 314 / 100% / 100% |
| river.problems / river.problems_fixed | 21 / 21 |
| enforcement.issues_collected | 12 |
| LPG hazards (安全隐患 at 110 distinct 瓶装液化气用户), all rectified | 110 |

Cases are played in the order they were received, so their numbers grow with time. Realism: seasons
(heating from October to March, rain in summer, snow in winter), every community and grid (a case before
2023-06-01 in what became 奔腾社区 lies in 赛马场北路社区's old grid), callers' names and phones (some
anonymous), returns within two working days with their reasons, extensions, 督办, reopenings, a few late
signs and closes.

Deterministic (`random.Random(2023)`; only the phone ciphertexts' nonces differ between runs) and
idempotent: nothing happens when the street already has cases received in 2023.
"""

import random
from contextlib import suppress
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from jiedao.cases.categories import seed_categories
from jiedao.cases.demo.hotline import Hotline
from jiedao.cases.demo.others import OtherSources
from jiedao.cases.demo.world import YEAR_END, YEAR_START, NextYear, People, Places, Staff
from jiedao.cases.models import Case, Category
from jiedao.core.models import Area

__all__ = ["build_case_demo"]

SEED = 2023


def demo_exists(street: Area) -> bool:
    return Case.objects.filter(
        area__path__startswith=street.path, received_at__gte=YEAR_START, received_at__lt=YEAR_END
    ).exists()


@transaction.atomic
def build_case_demo(street: Area) -> int:
    """Build the 2023 cases; returns how many were created (0 when they exist already)."""
    if demo_exists(street):
        return 0
    seed_categories()
    rng = random.Random(SEED)
    places = Places(street)
    staff = Staff(places)
    categories = {c.code: c for c in Category.objects.all()}
    people = People(rng)
    hotline = Hotline(rng, places, staff, categories, people)
    others = OtherSources(rng, places, staff, categories, people)

    jobs = [(order.received_at, hotline.play, (order,)) for order in hotline.plan()]
    for plan, play in (
        (others.grid_plan(), others.grid_case),
        (others.petition_plan(), others.petition),
        (others.dispute_plan(), others.dispute),
        (others.river_plan(), others.river),
        (others.enforcement_plan(), others.enforcement),
        (others.hazard_plan(), others.hazard),
    ):
        jobs += [(_start_of(item[0]), play, item) for item in plan]
    jobs.sort(key=lambda job: job[0])
    # disable=None: a bar on a terminal, silence in tests and logs.
    for _, play, args in tqdm(jobs, desc="2023年工单", unit="件", disable=None, leave=False):
        # A case reported at the year's very end stops where 2023 left it: the rest is 2024's.
        with suppress(NextYear):
            play(*args)
    return len(jobs)


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(8, 0)))
