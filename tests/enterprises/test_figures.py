from datetime import date

import pytest

from jiedao.core.models import Area
from jiedao.enterprises.figures import enterprises_active_at, leads_settled_in, visits_in
from jiedao.enterprises.models import EnterpriseStatus, Industry, LeadStage, VisitResult
from jiedao.enterprises.services import enterprise_set_status, lead_advance, lead_create, visit_record
from tests.enterprises.conftest import add_enterprise

YEAR = (date(2023, 1, 1), date(2023, 12, 31))


@pytest.fixture
def economy(firms, world):
    enterprise_set_status(enterprise=firms["a2"], status=EnterpriseStatus.MOVED_OUT, on=date(2023, 6, 30))
    newcomer = add_enterprise(world.grid_b1, 5, "新来公司", registered_on=date(2024, 2, 1))
    for firm, day in [("a1", date(2022, 12, 30)), ("a1", date(2023, 1, 1)), ("b1", date(2023, 12, 31))]:
        visit_record(enterprise=firms[firm], visited_on=day, result=VisitResult.NORMAL)
    visit_record(enterprise=newcomer, visited_on=date(2024, 3, 1), result=VisitResult.NORMAL)

    def lead(name, area, stages):
        lead = lead_create(name=name, industry=Industry.TRADE, area=area, contacted_on=date(2022, 11, 1))
        for stage, on in stages:
            lead = lead_advance(lead=lead, to_stage=stage, on=on, version=lead.version)
        return lead

    path = [(LeadStage.NEGOTIATING, date(2022, 12, 1)), (LeadStage.SIGNED, date(2023, 2, 1))]
    lead("今年落地", world.grid_a1, [*path, (LeadStage.SETTLED, date(2023, 12, 31))])
    lead("明年落地", world.grid_b1, [*path, (LeadStage.SETTLED, date(2024, 1, 1))])
    lead("仍在签约", world.grid_a1, path)
    lead("已终止", world.grid_a1, [*path, (LeadStage.DROPPED, date(2023, 5, 1))])
    return firms


def test_it_counts_enterprises_in_the_directory_and_active_on_the_date(economy, world):
    assert enterprises_active_at(date(2023, 6, 29)).count() == 4
    assert set(enterprises_active_at(YEAR[1]).values_list("name", flat=True)) == {
        "阳光商贸有限公司",
        "回民区鑫源便利店",
        "河畔建筑工程有限公司",
    }
    assert enterprises_active_at(date(2024, 2, 1)).count() == 4
    assert enterprises_active_at(date(2022, 1, 9)).count() == 0
    assert enterprises_active_at(YEAR[1], Area.objects.under(world.community_a)).count() == 2


def test_it_counts_the_visits_of_the_period(economy, world):
    assert visits_in(*YEAR).count() == 2
    assert visits_in(*YEAR, areas_qs=Area.objects.under(world.community_b)).count() == 1
    assert visits_in(date(2022, 1, 1), date(2024, 12, 31)).values("enterprise").distinct().count() == 3


def test_it_counts_leads_that_settled_in_the_period(economy, world):
    assert list(leads_settled_in(*YEAR).values_list("name", flat=True)) == ["今年落地"]
    assert leads_settled_in(*YEAR, areas_qs=Area.objects.under(world.community_b)).count() == 0
    assert leads_settled_in(date(2024, 1, 1), date(2024, 12, 31)).count() == 1
