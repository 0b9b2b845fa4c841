"""Cell parsers: raw spreadsheet values (str, int, float, date, datetime, bool, None) → typed values.

Each factory returns a small function that raises `CellError` with the reason in Chinese. They run for every
cell of a 100,000-row import, so they stay cheap: no regular expressions where a method call does.
"""

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Choices

from jiedao.excel.spec import CellError
from jiedao.lib.idcard import IdCardError, normalize_resident_id
from jiedao.lib.phone import PhoneError, normalize_mobile
from jiedao.lib.uscc import UsccError, normalize_uscc

MSG_REQUIRED = "必填，不能为空"
MSG_TOO_LONG = "不能超过{n}个字符（现为{m}个）"
MSG_NOT_INTEGER = "应为整数"
MSG_NOT_NUMBER = "应为数字"
MSG_RANGE_MIN = "不能小于{n}"
MSG_RANGE_MAX = "不能大于{n}"
MSG_NOT_DATE = "日期格式无法识别（示例：2023-05-01 或 2023年5月1日）"
MSG_CHOICE = "应为以下之一：{options}"
MSG_BOOLEAN = "应为“是”或“否”"
MSG_LONG_NUMBER = "被Excel存成了数字，后几位可能已丢失；请把该列设为“文本”格式后重新填写"
MSG_DECIMAL_PLACES = "最多{n}位小数"

Parser = Callable[[Any], Any]

_DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _blank(value: Any) -> bool:
    return value is None or value == "" or (type(value) is str and not value.strip())


def _as_text(value: Any) -> str:
    if type(value) is str:
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return str(value).strip()


def required(parser: Parser) -> Parser:
    def parse(value):
        if value is None or value == "" or (type(value) is str and not value.strip()):
            raise CellError(MSG_REQUIRED)
        return parser(value)

    return parse


def text(max_length: int = 200, *, blank: str = "") -> Parser:
    def parse(value):
        # The common case first: a string cell (every cell of a text column), checked in one step.
        result = value.strip() if type(value) is str else ("" if value is None else _as_text(value))
        if not result:
            return blank
        if len(result) > max_length:
            raise CellError(MSG_TOO_LONG.format(n=max_length, m=len(result)))
        return result

    return parse


def integer(*, min_value: int | None = None, max_value: int | None = None) -> Parser:
    def parse(value):
        if _blank(value):
            return None
        if isinstance(value, bool):
            raise CellError(MSG_NOT_INTEGER)
        if isinstance(value, float):
            if not value.is_integer():
                raise CellError(MSG_NOT_INTEGER)
            number = int(value)
        else:
            try:
                number = int(str(value).strip().replace(",", ""))
            except ValueError:
                raise CellError(MSG_NOT_INTEGER) from None
        if min_value is not None and number < min_value:
            raise CellError(MSG_RANGE_MIN.format(n=min_value))
        if max_value is not None and number > max_value:
            raise CellError(MSG_RANGE_MAX.format(n=max_value))
        return number

    return parse


def decimal(*, places: int = 2, min_value: Decimal | None = None) -> Parser:
    quantum = Decimal(1).scaleb(-places)

    def parse(value):
        if _blank(value):
            return None
        try:
            number = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation:
            raise CellError(MSG_NOT_NUMBER) from None
        if number != number.quantize(quantum):
            raise CellError(MSG_DECIMAL_PLACES.format(n=places))
        if min_value is not None and number < min_value:
            raise CellError(MSG_RANGE_MIN.format(n=min_value))
        return number.quantize(quantum)

    return parse


def a_date(*, earliest: date = date(1900, 1, 1), latest: date | None = None) -> Parser:
    def parse(value):
        if _blank(value):
            return None
        if isinstance(value, datetime):
            result = value.date()
        elif isinstance(value, date):
            result = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            result = _EXCEL_EPOCH + timedelta(days=int(value))  # an Excel serial date in a "General" cell
        else:
            match = _DATE_PATTERN.match(str(value))
            if not match:
                raise CellError(MSG_NOT_DATE)
            try:
                result = date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise CellError(MSG_NOT_DATE) from None
        if result < earliest:
            raise CellError(MSG_RANGE_MIN.format(n=f"{earliest.year}年{earliest.month}月{earliest.day}日"))
        if latest is not None and result > latest:
            raise CellError(MSG_RANGE_MAX.format(n=f"{latest.year}年{latest.month}月{latest.day}日"))
        return result

    return parse


def choice(choices: type[Choices], *, blank: Any = "") -> Parser:
    """Accepts the Chinese label (what staff type) or the stored value."""
    lookup = {str(label): value for value, label in choices.choices}
    lookup.update({str(value): value for value in choices.values})
    options = "、".join(str(label) for label in choices.labels)

    def parse(value):
        if _blank(value):
            return blank
        key = _as_text(value)
        try:
            return lookup[key]
        except KeyError:
            raise CellError(MSG_CHOICE.format(options=options)) from None

    return parse


_TRUE = {"是", "Y", "y", "yes", "Yes", "TRUE", "true", "True", "1", "√", "✓"}
_FALSE = {"否", "N", "n", "no", "No", "FALSE", "false", "False", "0", "×", "✗"}


def boolean(*, blank: bool | None = False) -> Parser:
    def parse(value):
        if _blank(value):
            return blank
        if isinstance(value, bool):
            return value
        key = _as_text(value)
        if key in _TRUE:
            return True
        if key in _FALSE:
            return False
        raise CellError(MSG_BOOLEAN)

    return parse


def _refuse_long_number(value: Any) -> None:
    if isinstance(value, float) and abs(value) >= 1e15:
        raise CellError(MSG_LONG_NUMBER)


def resident_id(value: Any) -> str | None:
    if _blank(value):
        return None
    _refuse_long_number(value)
    try:
        return normalize_resident_id(_as_text(value))
    except IdCardError as exc:
        raise CellError(str(exc)) from None


def mobile(value: Any) -> str | None:
    if _blank(value):
        return None
    try:
        return normalize_mobile(_as_text(value))
    except PhoneError as exc:
        raise CellError(str(exc)) from None


def uscc(value: Any) -> str | None:
    if _blank(value):
        return None
    _refuse_long_number(value)
    try:
        return normalize_uscc(_as_text(value))
    except UsccError as exc:
        raise CellError(str(exc)) from None
