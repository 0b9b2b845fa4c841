"""The indicators on a small world: what each counts and what it leaves out."""

from datetime import date

from jiedao.core.figures import Period, compute, get_indicator
from jiedao.party import services
from jiedao.party.models import DisciplineKind, DutyKind, HonourKind, TitleKind
from jiedao.registry.services.places import compound_create
from tests.party.conftest import add_archive, add_discipline, add_honour

Y2023 = Period.year(2023)


def value(code, period=Y2023, **kw):
    return compute(get_indicator(code), period, **kw).value


def test_strong_branches_count_branches_titled_in_the_year(party, world):
    services.branch_title_award(branch=party["b"], year=2022, title=TitleKind.STRONGEST)
    services.branch_title_award(branch=party["b"], year=2023, title=TitleKind.FIVE_STAR)
    assert value("party.strong_branches") == 1
    assert value("party.strong_branches", Period.year(2022)) == 1
    assert value("party.strong_branches", area=world.community_b) == 0


def test_discipline_counts_people_or_times_by_kind_and_date(world):
    add_discipline(world.community_a, "王海", DisciplineKind.TALK, date(2023, 3, 1))
    add_discipline(world.community_a, "王海", DisciplineKind.TALK, date(2023, 9, 1))
    add_discipline(world.community_b, "李明", DisciplineKind.TALK, date(2022, 9, 1))
    add_discipline(world.community_a, "王海", DisciplineKind.ADMONITION, date(2023, 3, 1))
    add_discipline(world.community_a, "王海", DisciplineKind.ADMONITION, date(2023, 6, 1))
    add_discipline(world.street, "赵强", DisciplineKind.CRITICISM, date(2023, 6, 1))
    add_discipline(world.street, "赵强", DisciplineKind.PARTY_WARNING, date(2023, 12, 31))
    assert value("integrity.talks") == 2  # 人次
    assert value("integrity.admonitions") == 1  # 人
    assert value("integrity.criticisms") == 1
    assert value("integrity.party_warnings") == 1
    assert value("integrity.party_warnings", Period.quarter(2023, 3)) == 0


def test_archives_count_those_filed_in_the_period(world):
    add_archive(world.community_a, "王海", filed_on=date(2023, 2, 1))
    add_archive(world.street, "李明", unit="党建办", filed_on=date(2023, 3, 1))
    add_archive(world.community_a, "王海", year=2022, filed_on=date(2022, 2, 1))
    assert value("integrity.archives") == 2
    assert value("integrity.archives", area=world.community_a) == 1


def test_online_commentators_are_the_staff_in_the_duty_at_the_period_end(world):
    def duty(user, start, end=None, kind=DutyKind.COMMENTATOR):
        services.duty_create(user=user, duty=kind, area=world.community_a, start_date=start, end_date=end)

    duty(world.worker_a, date(2022, 1, 1))
    duty(world.worker_a, date(2023, 1, 1), kind=DutyKind.INFORMANT)
    duty(world.grid_a1_worker, date(2023, 1, 1), date(2023, 6, 30))
    duty(world.grid_a2_worker, date(2024, 1, 1))
    duty(world.worker_b, date(2023, 12, 31))
    assert value("publicity.online_commentators") == 2
    assert value("publicity.online_commentators", Period.quarter(2023, 2)) == 2  # worker_a, grid_a1


def test_civilized_honours_count_the_year(world):
    compound = compound_create(name="阳光小区", community=world.community_a)
    add_honour(world.community_a)
    add_honour(world.community_b, year=2022)
    add_honour(world.community_b, kind=HonourKind.DISTRICT_CIVILIZED_COMMUNITY)
    add_honour(world.community_a, kind=HonourKind.CIVILIZED_COMPOUND, compound=compound)
    assert value("org.civilized_communities") == 1
    assert value("org.civilized_communities", Period.year(2022)) == 1
    assert value("org.civilized_compounds") == 1
    assert value("org.civilized_compounds", area=world.community_b) == 0
