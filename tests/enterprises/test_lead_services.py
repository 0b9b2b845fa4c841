from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from jiedao.enterprises.models import Industry, InvestmentLead, LeadStage
from jiedao.enterprises.services import (
    MSG_AMOUNT_NEGATIVE,
    MSG_LEAD_NAME_TAKEN,
    MSG_STAGE_DATE_BEFORE,
    MSG_STAGE_DATE_EXTRA,
    MSG_STAGE_DATE_MISSING,
    MSG_STAGE_DATE_ORDER,
    MSG_STAGE_MOVE,
    MSG_STALE,
    TRANSITIONS,
    lead_advance,
    lead_create,
    lead_stage_problems,
    lead_update,
    next_stages,
)


@pytest.fixture
def lead(world):
    return lead_create(
        name="鑫源物流仓储项目",
        industry=Industry.TRANSPORT,
        area=world.grid_a1,
        contacted_on=date(2023, 3, 1),
        amount=Decimal("1200"),
        owner=world.worker_a,
        contact_phone="13912345678",
        actor=world.worker_a,
    )


def advance(lead, to, on, version=None, **kwargs):
    return lead_advance(lead=lead, to_stage=to, on=on, version=version or lead.version, **kwargs)


def test_a_new_lead_stands_at_contacted(lead):
    assert (lead.stage, lead.contacted_on, lead.version) == (LeadStage.CONTACTED, date(2023, 3, 1), 1)
    assert lead.contact_phone_masked == "139****5678"


def test_it_walks_the_pipeline_to_settled(lead, world):
    lead = advance(lead, LeadStage.NEGOTIATING, date(2023, 4, 10), actor=world.worker_a)
    lead = advance(lead, LeadStage.SIGNED, date(2023, 6, 1))
    lead = advance(lead, LeadStage.SETTLED, date(2023, 9, 15), note="已注册")
    assert lead.stage == LeadStage.SETTLED and lead.version == 4
    assert (lead.negotiating_on, lead.signed_on, lead.settled_on) == (
        date(2023, 4, 10),
        date(2023, 6, 1),
        date(2023, 9, 15),
    )
    reasons = list(lead.history.order_by("history_id").values_list("history_change_reason", flat=True))
    assert reasons == ["新增", "接洽→洽谈", "洽谈→签约", "签约→落地：已注册"]


def test_the_table_offers_the_next_stage_or_ending(lead):
    assert next_stages(LeadStage.CONTACTED) == [LeadStage.NEGOTIATING, LeadStage.DROPPED]
    assert next_stages(LeadStage.SIGNED) == [LeadStage.SETTLED, LeadStage.DROPPED]
    assert next_stages(LeadStage.SETTLED) == [] and next_stages(LeadStage.DROPPED) == []
    assert set(TRANSITIONS) == {LeadStage.CONTACTED, LeadStage.NEGOTIATING, LeadStage.SIGNED}


def test_it_refuses_a_move_the_table_does_not_allow_and_changes_nothing(lead):
    with pytest.raises(ValidationError) as excinfo:
        advance(lead, LeadStage.SIGNED, date(2023, 4, 1))
    assert excinfo.value.message_dict == {"to_stage": [MSG_STAGE_MOVE.format(stage="接洽", to="签约")]}
    lead.refresh_from_db()
    assert (lead.stage, lead.signed_on, lead.version) == (LeadStage.CONTACTED, None, 1)


def test_a_settled_or_dropped_lead_moves_no_more(lead):
    dropped = advance(lead, LeadStage.DROPPED, date(2023, 3, 20), note="企业改投他处")
    with pytest.raises(ValidationError) as excinfo:
        advance(dropped, LeadStage.NEGOTIATING, date(2023, 4, 1))
    assert excinfo.value.message_dict == {"to_stage": [MSG_STAGE_MOVE.format(stage="终止", to="洽谈")]}


def test_it_refuses_a_date_before_the_current_stages_date(lead):
    with pytest.raises(ValidationError) as excinfo:
        advance(lead, LeadStage.NEGOTIATING, date(2023, 2, 28))
    assert excinfo.value.message_dict == {
        "on": [MSG_STAGE_DATE_BEFORE.format(to="洽谈", stage="接洽", date="2023年3月1日")]
    }


def test_a_stale_version_is_refused_and_nothing_changes(lead):
    first_reader, second_reader = (InvestmentLead.objects.get(pk=lead.pk) for _ in range(2))
    advance(first_reader, LeadStage.NEGOTIATING, date(2023, 4, 10))
    with pytest.raises(ValidationError) as excinfo:
        lead_advance(lead=second_reader, to_stage=LeadStage.DROPPED, on=date(2023, 4, 11), version=1)
    assert excinfo.value.messages == [MSG_STALE]
    lead.refresh_from_db()
    assert (lead.stage, lead.dropped_on, lead.version) == (LeadStage.NEGOTIATING, None, 2)
    assert lead.history.count() == 2


def test_an_edit_on_a_stale_copy_is_refused(lead):
    lead_update(lead=lead, version=1, amount=Decimal("1500"))
    with pytest.raises(ValidationError) as excinfo:
        lead_update(lead=lead, version=1, note="过时的修改")
    assert excinfo.value.messages == [MSG_STALE]


def test_it_refuses_a_taken_name_and_a_negative_amount(lead, world):
    with pytest.raises(ValidationError) as excinfo:
        lead_create(
            name=lead.name, industry=Industry.TRADE, area=world.grid_a1, contacted_on=date(2023, 1, 1)
        )
    assert excinfo.value.message_dict == {"name": [MSG_LEAD_NAME_TAKEN]}
    with pytest.raises(ValidationError) as excinfo:
        lead_create(
            name="新项目",
            industry=Industry.TRADE,
            area=world.grid_a1,
            contacted_on=date(2023, 1, 1),
            amount=-1,
        )
    assert excinfo.value.message_dict == {"amount": [MSG_AMOUNT_NEGATIVE]}


def test_it_names_every_disagreement_between_stage_and_dates():
    assert lead_stage_problems(LeadStage.SIGNED, {"contacted_on": date(2023, 1, 1)}) == [
        ("negotiating_on", MSG_STAGE_DATE_MISSING.format(stage="签约", field="洽谈日期")),
        ("signed_on", MSG_STAGE_DATE_MISSING.format(stage="签约", field="签约日期")),
    ]
    assert lead_stage_problems(
        LeadStage.CONTACTED, {"contacted_on": date(2023, 1, 1), "settled_on": date(2023, 5, 1)}
    ) == [("settled_on", MSG_STAGE_DATE_EXTRA.format(stage="接洽", field="落地日期"))]
    assert lead_stage_problems(
        LeadStage.DROPPED, {"contacted_on": date(2023, 5, 1), "dropped_on": date(2023, 4, 1)}
    ) == [
        (
            "dropped_on",
            MSG_STAGE_DATE_ORDER.format(field="终止日期", previous="接洽日期", date="2023年5月1日"),
        )
    ]
    assert (
        lead_stage_problems(
            LeadStage.DROPPED, {"contacted_on": date(2023, 1, 1), "dropped_on": date(2023, 2, 1)}
        )
        == []
    )


def test_the_database_refuses_a_stage_without_its_date(lead):
    with pytest.raises(IntegrityError):
        InvestmentLead.objects.filter(pk=lead.pk).update(stage=LeadStage.SETTLED)
