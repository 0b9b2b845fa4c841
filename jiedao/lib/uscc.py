"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

Eighteen characters from "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, Z, S, V): registration authority (1),
entity type (1), administrative division code (6 digits), organisation code (9), check character (1).

The first two positions are not checked against a list: authorities have been added since 2015 (e.g. "A",
"N"), and stdnum's own rule that they are digits would reject real codes.
"""

import re

from stdnum.cn import uscc as stdnum_uscc

from jiedao.lib.text import normalize_text

MSG_LENGTH = "统一社会信用代码应为18位"
MSG_FORMAT = "统一社会信用代码格式错误：只能包含数字和大写字母（不含I、O、Z、S、V）"
MSG_REGION = "统一社会信用代码格式错误：第3至8位应为数字（行政区划码）"
MSG_CHECK = "统一社会信用代码校验位错误"

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_SHAPE = re.compile(f"[{ALPHABET}]{{18}}")


class UsccError(ValueError):
    """Invalid code; `str(err)` is the Chinese message, `code` a short English code."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def uscc_check_character(first17: str) -> str:
    """The check character for the first 17 characters (weights 3^i mod 31)."""
    if not re.fullmatch(f"[{ALPHABET}]{{17}}", first17):
        raise ValueError("first17 must be 17 characters of the USCC alphabet")
    return stdnum_uscc.calc_check_digit(first17)


def normalize_uscc(value: object) -> str:
    """The validated code in canonical form (half-width, upper case, no spaces); raises UsccError."""
    code = normalize_text(value, drop=" ", upper=True)
    if len(code) != 18:
        raise UsccError(MSG_LENGTH, "length")
    if not _SHAPE.fullmatch(code):
        raise UsccError(MSG_FORMAT, "format")
    if not re.fullmatch(r"[0-9]{6}", code[2:8]):
        raise UsccError(MSG_REGION, "region")
    if code[17] != uscc_check_character(code[:17]):
        raise UsccError(MSG_CHECK, "check")
    return code


def is_valid_uscc(value: object) -> bool:
    try:
        normalize_uscc(value)
    except UsccError:
        return False
    return True
