"""Mainland China mobile numbers: eleven digits, "1" then 3-9.

Accepted input: spaces and hyphens anywhere, a "+86", "0086" or "86" country prefix, full-width digits.
"""

import re

from jiedao.lib.text import normalize_text

MSG_MOBILE_FORMAT = "手机号码格式错误：应为以1开头的11位数字"
MSG_MOBILE_PREFIX = "手机号码号段无效：第二位应为3至9"
MSG_MOBILE_COUNTRY = "手机号码仅支持中国大陆号码（+86）"

_COUNTRY_PREFIXES = ("+86", "0086")


class PhoneError(ValueError):
    """Invalid mobile number; `str(err)` is the Chinese message, `code` a short English code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def normalize_mobile(value: object) -> str:
    """The eleven digits of a mainland mobile number; raises PhoneError."""
    number = _strip_country(normalize_text(value, drop=" -"))
    if not re.fullmatch(r"1[0-9]{10}", number):
        raise PhoneError(MSG_MOBILE_FORMAT, "format")
    if number[1] in "012":
        raise PhoneError(MSG_MOBILE_PREFIX, "prefix")
    return number


def is_valid_mobile(value: object) -> bool:
    try:
        normalize_mobile(value)
    except PhoneError:
        return False
    return True


def _strip_country(number: str) -> str:
    for prefix in _COUNTRY_PREFIXES:
        if number.startswith(prefix):
            return number[len(prefix) :]
    if number.startswith(("+", "00")):
        raise PhoneError(MSG_MOBILE_COUNTRY, "country")
    # Bare "86" only when the rest is exactly a mobile number's length.
    if number.startswith("86") and len(number) == 13:
        return number[2:]
    return number


MSG_PHONE_FORMAT = "联系电话格式错误：应为11位手机号码，或带区号的固定电话（如 0471-6123456）"
_LANDLINE = re.compile(r"0[1-9][0-9]{1,2}-?[2-9][0-9]{6,7}")


def normalize_phone(value: object) -> str:
    """A mobile number (11 digits) or a fixed line with its area code ("0471-6123456"); raises PhoneError."""
    text = normalize_text(value, drop=" ")
    try:
        return normalize_mobile(text)
    except PhoneError:
        pass
    if _LANDLINE.fullmatch(text):
        digits = text.replace("-", "")
        area_length = 3 if digits[1] in "12" else 4  # 010 and 02x have three-digit area codes
        return f"{digits[:area_length]}-{digits[area_length:]}"
    raise PhoneError(MSG_PHONE_FORMAT, "format")
