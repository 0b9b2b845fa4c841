"""The placeholder syntax of the annual report's narrative.

    {{code}}             an indicator's exact value: {{hotline.received}} → 5011, {{hotline.resolution_rate}} → 90.16%
    {{code|style}}       written in a style (wording.py): {{publicity.lecture_audience|余}} → 5000余
    {{code:part}}        one part of a breakdown or pair: {{religion.sites:church}} → 1
    {{street}} {{year}} {{next_year}}   the street's name, the report's year and the next year

Units stay in the narrative ("{{hotline.received}}件"), except for rates (90.16%) and breakdowns or pairs
written whole ("70户100人").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jiedao.reports.annual.wording import MSG_STYLE, valid_style

BUILTINS = {"street": "街道名称", "year": "报告年度", "next_year": "下一年度"}
ANY = re.compile(r"\{\{(.*?)\}\}", re.S)
INNER = re.compile(r"^\s*([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)(?::([A-Za-z0-9_]+))?(?:\|([^\s|]+))?\s*$")

MSG_MALFORMED = "占位符“{text}”格式不正确，应为 {{{{指标代码}}}} 或 {{{{指标代码|写法}}}}"
MSG_UNCLOSED = "有未闭合的占位符（“{{{{”与“}}}}”须成对出现）"
MSG_UNKNOWN_CODE = "未知的指标代码“{code}”"


@dataclass(frozen=True)
class Placeholder:
    code: str
    part: str = ""
    style: str = ""

    @property
    def label(self) -> str:
        return f"{self.code}:{self.part}" if self.part else self.code

    @property
    def builtin(self) -> bool:
        return self.code in BUILTINS


def split(text: str) -> list[str | Placeholder]:
    """The text as literal strings and placeholders, in order. Malformed placeholders stay literal text."""
    pieces: list[str | Placeholder] = []
    position = 0
    for match in ANY.finditer(text):
        inner = INNER.match(match.group(1))
        if inner is None:
            continue
        if match.start() > position:
            pieces.append(text[position : match.start()])
        pieces.append(Placeholder(inner.group(1), inner.group(2) or "", inner.group(3) or ""))
        position = match.end()
    if position < len(text):
        pieces.append(text[position:])
    return pieces


def problems(text: str, known_codes) -> list[str]:
    """Chinese messages for every malformed placeholder, unknown code or style in `text` (empty: valid)."""
    messages: list[str] = []
    for match in ANY.finditer(text):
        inner = INNER.match(match.group(1))
        if inner is None:
            messages.append(MSG_MALFORMED.format(text=match.group(0)))
            continue
        code, style = inner.group(1), inner.group(3) or ""
        if code not in BUILTINS and code not in known_codes:
            messages.append(MSG_UNKNOWN_CODE.format(code=code))
        if style and not valid_style(style):
            messages.append(MSG_STYLE.format(style=style))
    rest = ANY.sub("", text)
    if "{{" in rest or "}}" in rest:
        messages.append(MSG_UNCLOSED)
    return list(dict.fromkeys(messages))


def codes_in(text: str) -> list[str]:
    return [p.code for p in split(text) if isinstance(p, Placeholder) and not p.builtin]
