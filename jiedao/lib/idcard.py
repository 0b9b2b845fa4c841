"""Resident identity card numbers (居民身份证号码, GB 11643-1999).

Eighteen characters: a six-digit region code, the birth date as YYYYMMDD, a three-digit sequence whose last
digit is odd for men and even for women, and a MOD 11-2 check digit (0-9 or X).

The region code is only a warning (WARN_REGION), checked against stdnum's cn/loc table of current and former
county codes: codes are renamed and retired and the table lags behind, so a real person must never be turned
away because of it.
"""

import functools
import re
from dataclasses import dataclass
from datetime import date
from operator import mul

from stdnum import numdb

from jiedao.lib.text import normalize_text

MSG_FIRST_GENERATION = "身份证号码为15位的一代身份证号码，请换算为18位后再填写"
MSG_LENGTH = "身份证号码应为18位"
MSG_FORMAT = "身份证号码格式错误：前17位应为数字，末位为数字或X"
MSG_BIRTH_DATE = "身份证号码中的出生日期无效"
MSG_FUTURE_BIRTH = "身份证号码中的出生日期晚于今天"
MSG_EARLY_BIRTH = "身份证号码中的出生日期早于1900年1月1日"
MSG_CHECK_DIGIT = "身份证号码校验位错误"
WARN_REGION = "身份证号码的地区码不在已知行政区划中（仅提示）"

EARLIEST_BIRTH_DATE = date(1900, 1, 1)
_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
_LAST_CHARACTERS = frozenset("0123456789X")


class IdCardError(ValueError):
    """Invalid resident ID; `str(err)` is the Chinese message, `code` a short English code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class ResidentId:
    number: str
    birth_date: date
    gender: str
    region_code: str
    warnings: tuple[str, ...] = ()

    def age_on(self, day: date) -> int:
        """Completed years on `day`; someone born on 29 February turns a year older on 1 March."""
        if day < self.birth_date:
            raise ValueError("day is before the birth date")
        not_yet = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - not_yet


def resident_id_check_digit(first17: str) -> str:
    """The MOD 11-2 check digit ("0"-"9" or "X") for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("first17 must be 17 ASCII digits")
    return _check_digit(first17)


def _check_digit(first17: str) -> str:
    # GB 11643 MOD 11-2 in C-level loops: this runs for every row of a bulk import.
    return _CHECK_CHARACTERS[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def parse_resident_id(value: object, *, today: date | None = None) -> ResidentId:
    """Normalise and validate; raises IdCardError. `today` bounds the birth date (default: date.today())."""
    number = normalize_text(value, drop=" ", upper=True)
    _check_shape(number)
    birth_date = _birth_date(number, today or date.today())
    if number[17] != resident_id_check_digit(number[:17]):
        raise IdCardError(MSG_CHECK_DIGIT, "check_digit")
    return ResidentId(
        number=number,
        birth_date=birth_date,
        gender="男" if int(number[16]) % 2 else "女",
        region_code=number[:6],
        warnings=() if _region_known(number) else (WARN_REGION,),
    )


def normalize_resident_id(value: object) -> str:
    """The validated number in canonical form (half-width, upper-case X); raises IdCardError.

    The same checks as `parse_resident_id` without building the result or looking up the region (a warning
    only): this is the per-row path of bulk imports, with a shortcut for the usual clean input."""
    if type(value) is str and len(value) == 18 and value[:17].isascii() and value[:17].isdigit():
        number = value if value[17] != "x" else value[:17] + "X"
        if number[17] not in _LAST_CHARACTERS:
            raise IdCardError(MSG_FORMAT, "format")
    else:
        number = normalize_text(value, drop=" ", upper=True)
        _check_shape(number)
    _birth_date(number, date.today())
    if number[17] != _check_digit(number[:17]):
        raise IdCardError(MSG_CHECK_DIGIT, "check_digit")
    return number


def is_valid_resident_id(value: object) -> bool:
    try:
        parse_resident_id(value)
    except IdCardError:
        return False
    return True


def _check_shape(number: str) -> None:
    if len(number) == 15 and re.fullmatch(r"[0-9]{15}", number):
        raise IdCardError(MSG_FIRST_GENERATION, "first_generation")
    if len(number) != 18:
        raise IdCardError(MSG_LENGTH, "length")
    if not _SHAPE.fullmatch(number):
        raise IdCardError(MSG_FORMAT, "format")


def _birth_date(number: str, today: date) -> date:
    try:
        birth_date = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise IdCardError(MSG_BIRTH_DATE, "birth_date") from None
    if birth_date > today:
        raise IdCardError(MSG_FUTURE_BIRTH, "future_birth")
    if birth_date < EARLIEST_BIRTH_DATE:
        raise IdCardError(MSG_EARLY_BIRTH, "early_birth")
    return birth_date


@functools.lru_cache(maxsize=8192)
def _region_known_code(code: str) -> bool:
    parts = numdb.get("cn/loc").info(code)
    return any("county" in props for _, props in parts)


def _region_known(number: str) -> bool:
    # Not ric.get_birth_place(): it wants the code to have existed in the birth year, but numbers were
    # issued with the code current at issue, so everyone born in 浦东 before 1992 would get the warning.
    return _region_known_code(number[:6])
