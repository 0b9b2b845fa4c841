from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from jiedao.core.crypto import PURPOSE_PHONE, reveal
from jiedao.enterprises.models import Enterprise, EnterpriseStatus, Industry
from jiedao.enterprises.services import (
    MSG_AREA_LEVEL,
    MSG_ENTERPRISE_STALE,
    MSG_FUTURE,
    MSG_LEFT_BEFORE_REGISTERED,
    MSG_STATUS_MOVE,
    MSG_USCC_TAKEN,
    enterprise_create,
    enterprise_set_status,
    enterprise_update,
)
from jiedao.lib import uscc
from tests.enterprises.conftest import add_enterprise, bad_check, make_uscc


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_it_enters_an_enterprise_with_a_protected_phone(world):
    enterprise = add_enterprise(
        world.grid_a1, 1, "呼和浩特市鑫源商贸有限公司", contact_phone="138 1234 5678", actor=world.worker_a
    )
    enterprise.refresh_from_db()
    assert enterprise.status == EnterpriseStatus.ACTIVE and enterprise.left_on is None
    assert enterprise.contact_phone_masked == "138****5678"
    assert reveal(bytes(enterprise.contact_phone_cipher), purpose=PURPOSE_PHONE) == "13812345678"
    assert enterprise.name_initials == "hhhtsxysmyxgs"
    assert enterprise.history.get().history_user == world.worker_a


def test_it_stores_the_code_in_canonical_form(world):
    enterprise = add_enterprise(world.grid_a1, 1, "甲公司", uscc=" " + make_uscc(1).lower() + " ")
    assert enterprise.uscc == make_uscc(1)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91150103MA0N2K3L4", uscc.MSG_LENGTH),
        ("91150103MA0N2K3LI6", uscc.MSG_FORMAT),
        ("91A50103MA0N2K3L46", uscc.MSG_REGION),
        (bad_check(make_uscc(1)), uscc.MSG_CHECK),
    ],
    ids=["length", "letter", "region", "check"],
)
def test_it_names_what_is_wrong_with_a_uscc(world, code, message):
    with pytest.raises(ValidationError) as excinfo:
        add_enterprise(world.grid_a1, 1, "甲公司", uscc=code)
    assert errors_of(excinfo) == {"uscc": [message]}
    assert not Enterprise.objects.exists()


def test_it_refuses_a_uscc_already_in_the_directory(world):
    add_enterprise(world.grid_b1, 1, "乙公司")
    with pytest.raises(ValidationError) as excinfo:
        add_enterprise(world.grid_a1, 1, "甲公司")
    assert errors_of(excinfo) == {"uscc": [MSG_USCC_TAKEN.format(name="乙公司", area="社区B网格B1")]}


def test_it_places_an_enterprise_on_a_community_or_grid_only(world):
    with pytest.raises(ValidationError) as excinfo:
        add_enterprise(world.street, 1, "甲公司")
    assert errors_of(excinfo) == {"area": [MSG_AREA_LEVEL]}


def test_it_refuses_a_date_in_the_future(world):
    with pytest.raises(ValidationError) as excinfo:
        add_enterprise(world.grid_a1, 1, "甲公司", registered_on=timezone.localdate() + timedelta(days=1))
    assert errors_of(excinfo) == {"registered_on": [MSG_FUTURE]}


def test_it_edits_with_the_version_seen_and_refuses_a_stale_copy(firms, world):
    seen = firms["a1"]
    saved = enterprise_update(
        enterprise=seen, version=seen.version, name="阳光商贸集团有限公司", actor=world.worker_a
    )
    assert (saved.version, saved.name_initials) == (2, "ygsmjtyxgs")
    with pytest.raises(ValidationError) as excinfo:
        enterprise_update(enterprise=seen, version=seen.version, note="后来的修改")
    assert excinfo.value.messages == [MSG_ENTERPRISE_STALE]
    assert Enterprise.objects.get(pk=seen.pk).note == ""


def test_an_edit_keeps_the_phone_unless_given_and_clears_it_with_empty(firms):
    enterprise = firms["a1"]
    enterprise = enterprise_update(enterprise=enterprise, version=1, industry=Industry.INFORMATION)
    assert enterprise.contact_phone_masked == "138****5678"
    enterprise = enterprise_update(enterprise=enterprise, version=2, contact_phone="0471-6512345")
    assert enterprise.contact_phone_masked == "0471-651****"
    enterprise = enterprise_update(enterprise=enterprise, version=3, contact_phone="")
    assert (enterprise.contact_phone_masked, enterprise.contact_phone_cipher) == ("", None)


def test_an_edit_refuses_another_enterprises_code(firms):
    with pytest.raises(ValidationError) as excinfo:
        enterprise_update(enterprise=firms["a1"], version=1, uscc=firms["b1"].uscc)
    assert list(errors_of(excinfo)) == ["uscc"]


def test_it_records_a_move_out_with_its_date(firms, world):
    enterprise = enterprise_set_status(
        enterprise=firms["a1"], status=EnterpriseStatus.MOVED_OUT, on=date(2023, 6, 30), actor=world.worker_a
    )
    assert (enterprise.status, enterprise.left_on, enterprise.version) == ("moved_out", date(2023, 6, 30), 2)
    active = Enterprise.objects.filter(pk=enterprise.pk)
    assert active.active_on(date(2023, 6, 29)).exists()
    assert not active.active_on(date(2023, 6, 30)).exists()
    assert enterprise.history.first().history_change_reason == "迁出"


def test_leaving_is_final(firms):
    enterprise_set_status(enterprise=firms["a1"], status=EnterpriseStatus.CANCELLED, on=date(2023, 6, 30))
    with pytest.raises(ValidationError) as excinfo:
        enterprise_set_status(enterprise=firms["a1"], status=EnterpriseStatus.MOVED_OUT, on=date(2023, 7, 1))
    assert errors_of(excinfo) == {"status": [MSG_STATUS_MOVE.format(status="注销", to="迁出")]}


def test_it_refuses_a_leaving_date_before_entry(firms):
    with pytest.raises(ValidationError) as excinfo:
        enterprise_set_status(
            enterprise=firms["a1"], status=EnterpriseStatus.MOVED_OUT, on=date(2021, 12, 31)
        )
    assert errors_of(excinfo) == {"on": [MSG_LEFT_BEFORE_REGISTERED.format(date="2022年1月10日")]}


def test_a_status_change_on_a_stale_page_is_refused(firms):
    enterprise_update(enterprise=firms["a1"], version=1, note="他人修改")
    with pytest.raises(ValidationError) as excinfo:
        enterprise_set_status(
            enterprise=firms["a1"], status=EnterpriseStatus.MOVED_OUT, on=date(2023, 1, 1), version=1
        )
    assert excinfo.value.messages == [MSG_ENTERPRISE_STALE]
    assert Enterprise.objects.get(pk=firms["a1"].pk).status == EnterpriseStatus.ACTIVE


def test_the_database_requires_a_leaving_date_exactly_when_gone(firms):
    with pytest.raises(IntegrityError):
        Enterprise.objects.filter(pk=firms["a1"].pk).update(status=EnterpriseStatus.MOVED_OUT)


def test_create_takes_keyword_arguments_only(world):
    with pytest.raises(TypeError):
        enterprise_create(make_uscc(1), "甲公司")  # type: ignore[misc]
