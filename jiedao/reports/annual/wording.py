"""How an exact figure is written in the report: `wording(value, style)`.

The platform computes exact values; the report may round them the way the seed's prose does ("5000余",
"近1000", "99%以上"), never the other way round. Styles (after `|` in a placeholder):

- "" (exact, the default): 5036 → "5036"; a rate (unit %) → "90.16%" ("100%" when whole); money (unit 元) →
  "1234.50"; other decimals without trailing zeros ("27").
- "余" / "多": rounded down to one significant digit, then 余/多: 5036 → "5000余", 412 → "400余";
  "余2" / "多2" keep two significant digits: 186 → "180余". A value that is already round is written exactly.
- "近": rounded up to one significant digit, with 近: 987 → "近1000" ("近2" for two digits).
- "以上": a rate rounded down to a whole percent, with 以上: 99.35 → "99%以上".
- "万": in units of ten thousand, two decimals at most: 224400 → "22.44万".
- "汉字": small whole numbers in Chinese numerals: 4 → "四".
- "全部": a 100% rate as "全部", otherwise the rate.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_FLOOR, Decimal

STYLES = ("余", "多", "近", "以上", "万", "汉字", "全部")
STYLE_PATTERN = re.compile(r"^(余|多|近)([12])?$|^(以上|万|汉字|全部)$")
CHINESE_DIGITS = "零一二三四五六七八九十"
MSG_STYLE = "未知的写法“{style}”（可用：余、余2、多、多2、近、近2、以上、万、汉字、全部）"


def valid_style(style: str) -> bool:
    return not style or bool(STYLE_PATTERN.match(style))


def plain_number(value, unit: str = "") -> str:
    """The exact value as the report writes it."""
    if isinstance(value, bool):
        return str(int(value))
    if unit == "%":
        return _rate(value)
    if isinstance(value, Decimal):
        if unit == "元":
            return f"{value.quantize(Decimal('0.01')):f}"
        return _trim(value)
    if isinstance(value, float):
        return _trim(Decimal(str(value)))
    return str(value)


def wording(value, style: str = "", unit: str = "") -> str:
    """`value` written in `style` (see the module docstring). Unknown styles raise ValueError."""
    if not style:
        return plain_number(value, unit)
    match = STYLE_PATTERN.match(style)
    if not match:
        raise ValueError(MSG_STYLE.format(style=style))
    if match.group(1):
        digits = int(match.group(2) or 1)
        return _approximate(value, match.group(1), digits, unit)
    if style == "以上":
        floor = Decimal(value).to_integral_value(rounding=ROUND_FLOOR)
        if floor == Decimal(value):
            return plain_number(value, "%")
        return f"{floor}%以上"
    if style == "万":
        return _trim((Decimal(value) / 10000).quantize(Decimal("0.01"))) + "万"
    if style == "汉字":
        if isinstance(value, int) and 0 <= value <= 10:
            return CHINESE_DIGITS[value]
        return plain_number(value, unit)
    # 全部
    return "全部" if Decimal(value) == 100 else plain_number(value, "%")


def _approximate(value, word: str, digits: int, unit: str) -> str:
    number = Decimal(value)
    if number <= 0:
        return plain_number(value, unit)
    step = Decimal(10) ** max(math.floor(number.log10()) - digits + 1, 0)
    if word == "近":
        rounded = (number / step).to_integral_value(rounding="ROUND_CEILING") * step
        return plain_number(value, unit) if rounded == number else f"近{_trim(rounded)}"
    rounded = (number / step).to_integral_value(rounding=ROUND_FLOOR) * step
    return plain_number(value, unit) if rounded == number else f"{_trim(rounded)}{word}"


def _rate(value) -> str:
    return f"{_trim(Decimal(value).quantize(Decimal('0.01')))}%"


def _trim(number: Decimal) -> str:
    text = f"{number:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
