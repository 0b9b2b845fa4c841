from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from jiedao.enterprises.models import Industry, InvestmentLead, LeadStage
from jiedao.enterprises.services import MSG_STAGE_MOVE, MSG_STALE, lead_advance, lead_create
from tests.enterprises.conftest import make_uscc


@pytest.fixture
def leads(world):
    def lead(name, area, stages=(), amount=None):
        lead = lead_create(
            name=name, industry=Industry.TRADE, area=area, contacted_on=date(2023, 1, 2), amount=amount
        )
        for stage, on in stages:
            lead = lead_advance(lead=lead, to_stage=stage, on=on, version=lead.version)
        return lead

    negotiating = [(LeadStage.NEGOTIATING, date(2023, 2, 1))]
    signed = [*negotiating, (LeadStage.SIGNED, date(2023, 3, 1))]
    return {
        "new": lead("甲项目", world.grid_a1, amount=Decimal("100")),
        "talking": lead("乙项目", world.grid_a1, negotiating, amount=Decimal("250.50")),
        "signed": lead("丙项目", world.grid_a2, signed),
        "settled": lead("丁项目", world.grid_a1, [*signed, (LeadStage.SETTLED, date(2023, 6, 1))]),
        "elsewhere": lead("戊项目", world.grid_b1),
    }


def test_the_pipeline_counts_each_stage_and_lists_the_chosen_one(leads, world, client):
    client.force_login(world.worker_a)
    response = client.get(reverse("lead_list"), {"stage": "negotiating"})
    counts = {c["stage"]: c["count"] for c in response.context["pipeline"]}
    assert counts == {"contacted": 1, "negotiating": 1, "signed": 1, "settled": 1, "dropped": 0}
    assert [lead.name for lead in response.context["page_obj"]] == ["乙项目"]
    assert response.context["pipeline"][1]["amount"] == Decimal("250.50")
    assert 'href="?stage=settled"' in response.content.decode()


def test_the_pipeline_links_keep_the_other_filters(leads, world, client):
    client.force_login(world.leader)
    response = client.get(reverse("lead_list"), {"grid": world.grid_a1.pk, "stage": "settled"})
    counts = {c["stage"]: c["count"] for c in response.context["pipeline"]}
    assert counts["contacted"] == 1 and counts["signed"] == 0
    assert f'href="?grid={world.grid_a1.pk}&amp;stage=contacted"' in response.content.decode()


def test_the_detail_offers_only_the_allowed_next_stages(leads, world, client):
    client.force_login(world.worker_a)
    response = client.get(reverse("lead_detail", args=[leads["talking"].pk]))
    offered = [value for value, _ in response.context["advance_form"].fields["to_stage"].widget.choices]
    assert offered == ["signed", "dropped"]
    response = client.get(reverse("lead_detail", args=[leads["settled"].pk]))
    assert response.context["advance_form"] is None


def test_advancing_moves_the_lead_and_records_it(leads, world, client):
    client.force_login(world.worker_a)
    lead = leads["signed"]
    response = client.post(
        reverse("lead_advance", args=[lead.pk]),
        {"to_stage": "settled", "on": "2023-08-01", "version": lead.version, "note": "已注册"},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.stage, lead.settled_on) == (LeadStage.SETTLED, date(2023, 8, 1))
    html = client.get(reverse("lead_detail", args=[lead.pk])).content.decode()
    assert "签约→落地：已注册" in html and "李社工" in html


def test_a_stale_page_shows_the_conflict_and_changes_nothing(leads, world, client):
    lead = leads["talking"]
    lead_advance(lead=lead, to_stage=LeadStage.SIGNED, on=date(2023, 4, 1), version=lead.version)
    client.force_login(world.worker_a)
    response = client.post(
        reverse("lead_advance", args=[lead.pk]), {"to_stage": "dropped", "on": "2023-04-02", "version": 2}
    )
    assert response.status_code == 200
    assert MSG_STALE in response.content.decode()
    lead.refresh_from_db()
    assert (lead.stage, lead.dropped_on, lead.version) == (LeadStage.SIGNED, None, 3)


def test_a_move_the_table_refuses_is_explained(leads, world, client):
    client.force_login(world.worker_a)
    lead = leads["new"]
    response = client.post(
        reverse("lead_advance", args=[lead.pk]), {"to_stage": "settled", "on": "2023-04-02", "version": 1}
    )
    assert MSG_STAGE_MOVE.format(stage="接洽", to="落地") in response.content.decode()


def test_creating_a_lead_links_a_registered_enterprise_by_its_code(firms, world, client):
    client.force_login(world.worker_a)
    data = {
        "name": "阳光商贸扩建项目",
        "industry": "F",
        "amount": "300",
        "source": "outreach",
        "area": world.grid_a1.pk,
        "owner": world.worker_a.pk,
        "contacted_on": "2023-05-01",
        "enterprise_uscc": make_uscc(1),
    }
    response = client.post(reverse("lead_create"), data)
    lead = InvestmentLead.objects.get()
    assert response.status_code == 302 and lead.enterprise == firms["a1"] and lead.owner == world.worker_a
    response = client.post(
        reverse("lead_create"), {**data, "name": "另一项目", "enterprise_uscc": make_uscc(4)}
    )
    assert list(response.context["form"].errors) == ["enterprise_uscc"]
    assert "另一项目" in response.content.decode()


def test_worker_a_cannot_open_a_lead_of_community_b(leads, world, client):
    client.force_login(world.worker_a)
    assert client.get(reverse("lead_detail", args=[leads["elsewhere"].pk])).status_code == 404
    names = {lead.name for lead in client.get(reverse("lead_list")).context["page_obj"]}
    assert "戊项目" not in names
