from datetime import UTC, date, datetime

import pytest
from django.conf import settings

if not settings.configured:  # runnable without the project settings: pytest -p no:django tests/lib
    settings.configure(USE_TZ=True, TIME_ZONE="Asia/Shanghai")

from django.core.exceptions import ValidationError

from jiedao.core.validators import validate_mobile, validate_resident_id, validate_uscc
from jiedao.lib import idcard, phone, uscc

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_id_born(birth: date) -> str:
    first17 = f"110105{birth:%Y%m%d}001"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def error_of(validator, value) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value


def test_it_accepts_valid_values():
    assert validate_resident_id("11010519491231002x") is None
    assert validate_uscc("91110000600037341L") is None
    assert validate_mobile("+86 138 1234 5678") is None


def test_it_reports_a_resident_id_error_with_message_and_code():
    err = error_of(validate_resident_id, "110105194912310021")
    assert err.messages == [idcard.MSG_CHECK_DIGIT]
    assert err.code == "check_digit"


def test_it_reports_a_uscc_error_with_message_and_code():
    err = error_of(validate_uscc, "91110000600037341M")
    assert err.messages == [uscc.MSG_CHECK]
    assert err.code == "check"


def test_it_reports_a_mobile_error_with_message_and_code():
    err = error_of(validate_mobile, "12812345678")
    assert err.messages == [phone.MSG_MOBILE_PREFIX]
    assert err.code == "prefix"


def test_it_judges_future_births_by_the_beijing_date(monkeypatch):
    from django.utils import timezone

    # 20:00 UTC on 1 June is 04:00 on 2 June in Beijing.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 6, 1, 20, 0, tzinfo=UTC))
    assert validate_resident_id(resident_id_born(date(2025, 6, 2))) is None
    err = error_of(validate_resident_id, resident_id_born(date(2025, 6, 3)))
    assert err.messages == [idcard.MSG_FUTURE_BIRTH]
    assert err.code == "future_birth"
