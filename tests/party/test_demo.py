"""The demo's party building, integrity and honours reproduce the seed report's 2023 figures."""

import time

import pytest

from jiedao.core.demo import build_demo
from jiedao.core.figures import Period, compute, get_indicator
from jiedao.party.demo import build_party_demo
from jiedao.party.models import (
    BranchTitle,
    DisciplineRecord,
    Honour,
    IntegrityArchive,
    PartyBranch,
    PartyMember,
    StaffDuty,
)
from jiedao.registry.services.places import compound_create

SEED = {
    "party.strong_branches": 6,
    "integrity.admonitions": 1,
    "integrity.criticisms": 1,
    "integrity.talks": 4,
    "integrity.party_warnings": 1,
    "integrity.archives": 429,
    "publicity.online_commentators": 15,
    "org.civilized_communities": 2,
    "org.civilized_compounds": 3,
}
MODELS = [PartyBranch, BranchTitle, PartyMember, StaffDuty, IntegrityArchive, DisciplineRecord, Honour]


def _compounds(street):
    # The registry's demo makes hundreds; six in six communities are all the honours need.
    for n, community in enumerate(street.children.filter(valid_to__isnull=True).order_by("code")[:6]):
        compound_create(name=f"示范{n + 1}小区", community=community)


@pytest.mark.demo
def test_it_builds_the_seed_figures_quickly_and_only_once(db):
    street = build_demo().street
    _compounds(street)
    started = time.monotonic()
    build_party_demo(street)
    elapsed = time.monotonic() - started
    assert elapsed < 15, f"the party demo took {elapsed:.1f} s"

    period = Period.year(2023)
    values = {code: compute(get_indicator(code), period).value for code in SEED}
    assert values == SEED
    # Other years exist, and are not counted in 2023.
    assert compute(get_indicator("party.strong_branches"), Period.year(2022)).value == 4
    assert compute(get_indicator("org.civilized_communities"), Period.year(2022)).value == 1
    # Every community has a branch with members; every record validates.
    assert PartyBranch.objects.filter(kind="community").count() == 11
    assert all(b.members.count() >= 4 for b in PartyBranch.objects.all())
    for model in MODELS:
        for obj in model.objects.all()[:40]:
            obj.full_clean()

    counts = [m.objects.count() for m in MODELS]
    build_party_demo(street)
    assert [m.objects.count() for m in MODELS] == counts
