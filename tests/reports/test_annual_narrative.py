"""Saving the narrative: placeholders validated, stale versions refused, history kept."""

import pytest
from django.core.exceptions import ValidationError

from jiedao.reports.annual.template import DEFAULT_NARRATIVE
from jiedao.reports.models import AnnualReport, ReportStatus
from jiedao.reports.services import MSG_STALE, annual_report_save, narrative_for
from tests.reports.helpers import office_dzb_user


def _save(world, actor, version=None, **sections):
    return annual_report_save(
        street=world.street,
        year=2023,
        sections=sections,
        status=ReportStatus.DRAFT,
        version=version,
        actor=actor,
    )


def test_it_saves_a_narrative_and_keeps_defaults_for_the_rest(world):
    staff = office_dzb_user(world)
    report = _save(world, staff, intro="{{year}}年，{{street}}受理热线{{hotline.received}}件。")
    assert report.version == 1 and report.updated_by == staff
    saved, narrative = narrative_for(world.street, 2023)
    assert saved == report
    assert narrative["intro"].startswith("{{year}}年，")
    assert narrative["problems"] == DEFAULT_NARRATIVE["problems"]
    assert report.history.count() == 1


def test_it_stores_the_default_text_as_empty(world):
    report = _save(world, None, problems=DEFAULT_NARRATIVE["problems"])
    assert report.sections == {}


def test_it_names_an_unknown_code(world):
    with pytest.raises(ValidationError) as caught:
        _save(world, None, work_5="受理{{hotline.recieved}}件")
    assert caught.value.message_dict == {"work_5": ["未知的指标代码“hotline.recieved”"]}
    assert not AnnualReport.objects.exists()


def test_it_refuses_a_stale_version(world):
    first = _save(world, None, intro="第一稿")
    second = _save(world, None, version=first.version, intro="第二稿")
    assert second.version == 2
    with pytest.raises(ValidationError) as caught:
        _save(world, None, version=first.version, intro="基于旧版本的修改")
    assert caught.value.messages == [MSG_STALE]
    assert AnnualReport.objects.get().sections["intro"] == "第二稿"


def test_it_refuses_a_create_over_a_report_saved_meanwhile(world):
    _save(world, None, intro="别人先保存")
    with pytest.raises(ValidationError, match="已被他人修改"):
        _save(world, None, version=None, intro="我的版本")


def test_it_refuses_a_bad_year(world):
    with pytest.raises(ValidationError) as caught:
        annual_report_save(
            street=world.street, year=1999, sections={}, status=ReportStatus.DRAFT, version=None, actor=None
        )
    assert "年度无效：1999" in caught.value.message_dict["year"][0]
