from datetime import date, datetime
from decimal import Decimal

import pytest

from jiedao.excel import parsers as p
from jiedao.excel.spec import CellError
from jiedao.registry.models import Residence


@pytest.mark.parametrize(
    "raw",
    [
        "2023-05-01",
        "2023/5/1",
        "2023.05.01",
        "2023年5月1日",
        date(2023, 5, 1),
        datetime(2023, 5, 1, 8),
        45047.0,
    ],
)
def test_dates_are_read_in_the_forms_staff_type(raw):
    assert p.a_date()(raw) == date(2023, 5, 1)


@pytest.mark.parametrize("raw", ["2023-02-30", "五月一日", "2023-13-01"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(CellError, match="日期格式无法识别"):
        p.a_date()(raw)


def test_a_date_outside_its_range_is_refused():
    with pytest.raises(CellError, match="不能大于"):
        p.a_date(latest=date(2024, 1, 1))("2025-01-01")


def test_choices_accept_the_chinese_label_or_the_stored_value():
    parse = p.choice(Residence)
    assert (parse("常住"), parse("floating"), parse("")) == ("permanent", "floating", "")
    with pytest.raises(CellError, match="应为以下之一：常住、流动"):
        parse("暂住")


@pytest.mark.parametrize(
    ("raw", "expected"), [("是", True), ("否", False), ("Y", True), ("", False), (True, True)]
)
def test_booleans(raw, expected):
    assert p.boolean()(raw) is expected


def test_integers_and_decimals_check_their_range_and_places():
    assert p.integer(min_value=1)(3.0) == 3
    with pytest.raises(CellError, match="应为整数"):
        p.integer()(2.5)
    with pytest.raises(CellError, match="不能小于1"):
        p.integer(min_value=1)("0")
    assert p.decimal(places=2)("1,234.5") == Decimal("1234.50")
    with pytest.raises(CellError, match="最多2位小数"):
        p.decimal(places=2)("1.234")


def test_text_counts_characters_and_keeps_integers_whole():
    assert p.text(5)(101.0) == "101"
    with pytest.raises(CellError, match="不能超过5个字符（现为6个）"):
        p.text(5)("六个字的名字")


def test_required_refuses_blank_cells():
    with pytest.raises(CellError, match=p.MSG_REQUIRED):
        p.required(p.text())("  ")
