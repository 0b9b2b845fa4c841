"""The registry demo reproduces the 2023 report's figures (/work/shared/seed/figures.md) on the register.

The demo is big (68,000 residents), so it is built once for the module, inside a transaction rolled back
after the last test; each test runs in its own savepoint within it.
"""

from datetime import date

import pytest
from django.db import transaction
from django.db.models import Count, F, Q

from jiedao.core.crypto import PURPOSE_RESIDENT_ID, reveal
from jiedao.core.demo import build_demo
from jiedao.core.models import Area, AreaLevel
from jiedao.lib.idcard import parse_resident_id
from jiedao.registry.demo import build_registry_demo
from jiedao.registry.models import (
    Building,
    Compound,
    Gender,
    Household,
    Premises,
    PremisesKind,
    PremisesSubKind,
    Residence,
    Resident,
    ResidentEvent,
    ResidentEventKind,
    ResidentStatus,
    ResidentTag,
    Tag,
)
from jiedao.registry.selectors import age_between

pytestmark = pytest.mark.django_db
YEAR_END = date(2023, 12, 31)
TABLES = (Compound, Building, Household, Resident, ResidentEvent, ResidentTag, Premises)


@pytest.fixture(scope="module")
def street(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        street = build_demo().street
        build_registry_demo(street)
        yield street
        transaction.set_rollback(True)


def tagged(tag: str):
    """(people, households) holding `tag` on 2023-12-31 among those registered that day."""
    tags = ResidentTag.objects.valid_on(YEAR_END).filter(
        tag=tag, resident__in=Resident.objects.registered_on(YEAR_END)
    )
    counts = tags.aggregate(
        people=Count("resident", distinct=True), households=Count("resident__household", distinct=True)
    )
    return counts["people"], counts["households"]


def test_it_registers_the_reports_population_at_year_end(street):
    registered = Resident.objects.registered_on(YEAR_END)
    assert registered.count() == 66_772
    assert registered.filter(residence=Residence.PERMANENT).count() == 57_211
    assert registered.filter(residence=Residence.FLOATING).count() == 9_561
    assert age_between(registered, 80, 150, YEAR_END).count() == 1_206
    # People who left during 2023 are on file but off the year-end register, each with the event that says so.
    left = Resident.objects.exclude(status=ResidentStatus.ACTIVE)
    assert left.filter(status=ResidentStatus.MOVED_OUT).count() > 500
    assert left.filter(status=ResidentStatus.DECEASED).count() > 300
    assert not left.exclude(left_on__year=2023).exists()
    assert left.count() + 66_772 == Resident.objects.count()
    leaving = ResidentEvent.objects.filter(kind__in=[ResidentEventKind.MOVE_OUT, ResidentEventKind.DEATH])
    assert leaving.count() == left.count()
    assert not leaving.exclude(occurred_on=F("resident__left_on")).exists()
    arriving = ResidentEvent.objects.filter(kind__in=[ResidentEventKind.REGISTER, ResidentEventKind.MOVE_IN])
    assert arriving.values("resident").distinct().count() == Resident.objects.count() == arriving.count()
    assert not Resident.objects.filter(registered_on__gt=YEAR_END).exists()


def test_it_tags_the_reports_welfare_and_special_families(street):
    assert tagged(Tag.DIBAO) == (528, 367)
    assert tagged(Tag.BEREAVED_FAMILY) == (52, 37)
    assert tagged(Tag.DISABLED_FAMILY) == (48, 33)
    assert tagged(Tag.VETERAN)[0] == 1_784
    # 低保 covers whole households: every registered member of a 低保 household holds the tag.
    dibao = ResidentTag.objects.valid_on(YEAR_END).filter(tag=Tag.DIBAO).values("resident__household")
    members = Resident.objects.registered_on(YEAR_END).filter(household__in=dibao)
    assert members.count() == 528
    # Tags that ended during 2023 exist and are not counted.
    assert ResidentTag.objects.filter(tag=Tag.DIBAO, valid_to__year=2023).count() > 0
    assert ResidentTag.objects.filter(tag=Tag.COMMUNITY_CORRECTION, valid_to__year=2023).count() > 0


def test_its_places_sit_in_the_right_areas(street):
    assert Compound.objects.count() == 93
    assert not Compound.objects.filter(buildings__isnull=True).exists()
    assert set(Compound.objects.values_list("area__level", flat=True)) == {AreaLevel.COMMUNITY}
    buildings = Building.objects.all()
    assert not buildings.exclude(area__parent=F("compound__area")).exists()
    assert not buildings.exclude(area__level=AreaLevel.GRID, area__valid_to__isnull=True).exists()
    assert not Household.objects.exclude(area=F("building__area")).exists()
    assert not Resident.objects.exclude(area=F("household__area")).exists()
    household = Household.objects.select_related("building__compound").filter(unit="1", room="101").first()
    assert household.address == f"{household.building.compound.name}{household.building.name}1单元101"
    grids = Area.objects.under(street).grids().current()
    assert set(Premises.objects.values_list("area", flat=True)) <= set(grids.values_list("pk", flat=True))


def test_it_registers_the_reports_premises(street):
    religious = dict(
        Premises.objects.filter(kind=PremisesKind.RELIGIOUS).values_list("sub_kind").annotate(n=Count("pk"))
    )
    assert religious == {
        PremisesSubKind.CHURCH: 1,
        PremisesSubKind.MEETING_POINT: 3,
        PremisesSubKind.FOLK_BELIEF: 1,
    }
    assert Premises.objects.filter(kind=PremisesKind.THREE_IN_ONE).count() == 199
    assert Premises.objects.filter(kind=PremisesKind.LPG_USER).count() == 325
    assert Premises.objects.filter(kind=PremisesKind.BUNGALOW).count() == 3
    crowded = Premises.objects.filter(kind=PremisesKind.CROWDED)
    assert crowded.values("compound").distinct().count() == 20
    # Operator phones are stored encrypted and masked, never in the clear.
    with_phone = Premises.objects.exclude(operator_phone_index="")
    assert with_phone.count() > 1_000
    assert not with_phone.filter(
        Q(operator_phone_cipher__isnull=True) | ~Q(operator_phone_masked__contains="****")
    ).exists()


def test_its_id_numbers_are_valid_unique_and_agree_with_birth_date_and_gender(street):
    seen = set()
    for cipher, birth_date, gender in Resident.objects.values_list(
        "id_number_cipher", "birth_date", "gender"
    ):
        parsed = parse_resident_id(reveal(bytes(cipher), purpose=PURPOSE_RESIDENT_ID), today=YEAR_END)
        assert (parsed.birth_date, parsed.gender, parsed.warnings) == (
            birth_date,
            "男" if gender == Gender.MALE else "女",
            (),
        )
        seen.add(parsed.number)
    assert len(seen) == Resident.objects.count()


def test_it_writes_history_rows_and_is_idempotent(street):
    counts = {model: model.objects.count() for model in TABLES}
    assert Resident.history.filter(history_change_reason="演示数据").count() == counts[Resident]
    build_registry_demo(street)
    assert {model: model.objects.count() for model in TABLES} == counts
