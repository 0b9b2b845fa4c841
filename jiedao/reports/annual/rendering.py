"""From narrative + indicators to the document: blocks of text with figures placed in them.

`render_report()` computes every indicator the narrative names (once each) and returns a `Report` that the
docx writer, the markdown writer and the preview page all read. A figure whose indicator is not registered,
whose value is None, or whose part is absent, is written as 【数据缺失：code】 — never invented.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jiedao.core.figures import Period, all_indicators, as_json_value, compute
from jiedao.reports.annual import template
from jiedao.reports.annual.placeholders import Placeholder, split
from jiedao.reports.annual.wording import plain_number, wording

MISSING = "【数据缺失：{code}】"
# Pairs whose parts are counted in these units are written "70户100人".
PART_UNITS = {"households": "户", "people": "人"}


@dataclass
class Figure:
    code: str
    name: str
    unit: str
    value: Any  # None when missing

    @property
    def missing(self) -> bool:
        return self.value is None


@dataclass
class Piece:
    """One placeholder as written in a paragraph."""

    placeholder: Placeholder
    text: str
    missing: bool
    figure: Figure | None  # None for {{street}}, {{year}}, {{next_year}}
    value: Any = None  # the value written (the part's, for {{code:part}})

    @property
    def code(self) -> str:
        return self.placeholder.label


@dataclass
class Block:
    kind: str  # "title", "part" (2023年工作总结), "h1" (一、), "h2" (（一）), "p"
    pieces: list[str | Piece]

    @property
    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text for p in self.pieces)

    @property
    def segments(self) -> list[tuple[str, Piece | None]]:
        """(text, piece) pairs for templates: piece is None for literal text."""
        return [(p, None) if isinstance(p, str) else (p.text, p) for p in self.pieces]


@dataclass
class Report:
    year: int
    place: str  # the street's (or area's) name
    blocks: list[Block]
    figures: dict[str, Figure] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.blocks[0].text

    @property
    def file_stem(self) -> str:
        return f"{self.place}{self.year}年工作总结"

    @property
    def missing_codes(self) -> list[str]:
        codes = [p.code for b in self.blocks for p in b.pieces if isinstance(p, Piece) and p.missing]
        return list(dict.fromkeys(codes))

    def figures_json(self) -> dict[str, Any]:
        """{code: value} of the figures used: numbers as numbers, like `jiedao indicators --format json`."""
        return {code: as_json_value(f.value) for code, f in sorted(self.figures.items())}


def in_words(value: dict, unit: str) -> str:
    if value and all(str(k) in PART_UNITS for k in value):
        return "".join(f"{plain_number(v)}{PART_UNITS[str(k)]}" for k, v in value.items())
    unit = unit if unit and "/" not in unit else ""
    return "、".join(f"{getattr(k, 'label', k)}{plain_number(v)}{unit}" for k, v in value.items())


def compute_figures(codes, year: int, *, area=None, user=None) -> dict[str, Figure]:
    """Each code's figure for the year; codes no app registers are missing (value None)."""
    registry = {i.code: i for i in all_indicators()}
    period = Period.year(year)
    figures: dict[str, Figure] = {}
    for code in dict.fromkeys(codes):
        indicator = registry.get(code)
        if indicator is None:
            figures[code] = Figure(code, "", "", None)
        else:
            value = compute(indicator, period, area=area, user=user).value
            figures[code] = Figure(code, indicator.name, indicator.unit, value)
    return figures


def write_piece(placeholder: Placeholder, figure: Figure | None, builtins: dict[str, str]) -> Piece:
    if placeholder.builtin:
        return Piece(placeholder, builtins[placeholder.code], False, None, builtins[placeholder.code])
    value = None if figure is None else figure.value
    if value is not None and placeholder.part:
        value = value.get(placeholder.part) if isinstance(value, dict) else None
    if value is None:
        return Piece(placeholder, MISSING.format(code=placeholder.label), True, figure)
    unit = figure.unit
    text = in_words(value, unit) if isinstance(value, dict) else wording(value, placeholder.style, unit)
    return Piece(placeholder, text, False, figure, value)


def render_report(narrative: dict[str, str], year: int, place: str, *, area=None, user=None) -> Report:
    """The report of `year` from the narrative (section key → text; absent keys take the default)."""
    texts = {s.key: narrative.get(s.key) or template.DEFAULT_NARRATIVE[s.key] for s in template.SECTIONS}
    builtins = {"street": place, "year": str(year), "next_year": str(year + 1)}
    parsed = {key: [split(line) for line in text.splitlines() if line.strip()] for key, text in texts.items()}
    codes = [
        p.code
        for lines in parsed.values()
        for line in lines
        for p in line
        if isinstance(p, Placeholder) and not p.builtin
    ]
    figures = compute_figures(codes, year, area=area, user=user)

    def block(kind: str, pieces) -> Block:
        written = [p if isinstance(p, str) else write_piece(p, figures.get(p.code), builtins) for p in pieces]
        return Block(kind, [p for p in written if p != ""])

    blocks = [block("title", split(template.TITLE))]
    for item in template.OUTLINE:
        if isinstance(item, template.Heading):
            blocks.append(block("part" if item.level == 0 else "h1", split(item.text)))
            continue
        if item.heading:
            blocks.append(block("h2", split(item.heading)))
        blocks.extend(block("p", line) for line in parsed[item.key])
    return Report(year, place, blocks, figures)
