"""The annual report as a .docx in the GB/T 9704-2012 layout (shared/DESIGN.md, "The official document format").

python-docx has no API for the page grid, east-Asian fonts or page-number fields, so those are set on the XML:
`w:docGrid` (22 lines; 28 characters by condensing them 0.25 pt), `w:rFonts w:eastAsia` on styles and runs, the
document defaults in 3号 仿宋 and zh-CN, and a PAGE field in odd
(right) and even (left) footers with `w:evenAndOddHeaders`. The fonts are named, not shipped.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jiedao.reports.annual.rendering import Report

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
SIZE_2 = Pt(22)  # 2号
SIZE_3 = Pt(16)  # 3号
SIZE_4 = Pt(14)  # 4号
LINE_PITCH = 579  # twips: 225 mm / 22 lines
CONDENSED_TWENTIETHS = -5  # −0.25 pt per character (w:spacing is in twentieths of a point): 28 to a line
# kind → (style name, font, size, centred)
STYLES = {
    "title": ("公文标题", TITLE_FONT, SIZE_2, True),
    "part": ("公文分部标题", H1_FONT, SIZE_3, True),
    "h1": ("公文一级标题", H1_FONT, SIZE_3, False),
    "h2": ("公文二级标题", H2_FONT, SIZE_3, False),
    "p": ("公文正文", BODY_FONT, SIZE_3, False),
}


def set_fonts(element_with_rpr, font: str) -> None:
    """Latin and east-Asian fonts on a run's or style's rPr (python-docx sets only the Latin ones)."""
    rpr = element_with_rpr.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(28) - Mm(7)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))


def _defaults(document) -> None:
    """The document defaults: 3号 仿宋 in Chinese (python-docx's template says 11 pt, English), so that text
    typed into the file later looks like the rest; the language zh-CN keeps 。，、 off the start of a line
    (避头尾)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(int(SIZE_3.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    fonts = rpr.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), BODY_FONT)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")


def _no_grid(style) -> None:
    """Lay the style's characters out by their own width, not one grid cell each (the 2号 title)."""
    ppr = style.element.get_or_add_pPr()
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    ppr.append(snap)


def _condensed(style) -> None:
    """Characters 0.25 pt narrower than their 3号 em (15.75 pt): 28 of them fill the 156 mm line, which 28 ×
    16 pt (448 pt) overflows. This, not a character grid, makes the 28: with `linesAndChars` and a 15.79 pt
    pitch Word squeezes each character into its cell, but LibreOffice gives a wider one two cells (~15 to a
    line, 25 pages instead of 13) — so the grid is lines only (design note 33)."""
    rpr = style.element.get_or_add_rPr()
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CONDENSED_TWENTIETHS))
    size = rpr.find(qn("w:sz"))
    if size is not None:
        size.addprevious(spacing)
    else:
        rpr.append(spacing)


def _styles(document) -> None:
    _defaults(document)
    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    set_fonts(normal.element, BODY_FONT)
    _condensed(normal)
    for kind, (name, font, size, centred) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = size
        set_fonts(style.element, font)
        layout = style.paragraph_format
        layout.space_before = layout.space_after = Pt(0)
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = Pt(LINE_PITCH / 20)
        if centred:
            layout.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            layout.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            layout.first_line_indent = Pt(32)  # two characters of 3号
        if kind == "title":
            _no_grid(style)
            layout.line_spacing = Pt(35)
            layout.space_after = Pt(LINE_PITCH / 20)  # one blank line under the title


def _field_run(paragraph, kind: str, text: str = ""):
    run = paragraph.add_run()
    _page_number_font(run)
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = text
        run._r.append(instr)
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    return run


def _page_number_font(run) -> None:
    run.font.size = SIZE_4
    set_fonts(run._r, PAGE_NUMBER_FONT)


def _page_number(footer, alignment) -> None:
    """ "— N —" with a PAGE field, 4号 宋体, one character in from the outer edge."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = alignment
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = SIZE_4
    else:
        paragraph.paragraph_format.left_indent = SIZE_4
    _page_number_font(paragraph.add_run("— "))
    _field_run(paragraph, "begin")
    _field_run(paragraph, "instr", " PAGE ")
    _field_run(paragraph, "separate")
    _page_number_font(paragraph.add_run("1"))
    _field_run(paragraph, "end")
    _page_number_font(paragraph.add_run(" —"))


def build_document(report: Report):
    document = Document()
    section = document.sections[0]
    _page(section)
    _styles(document)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    document.core_properties.title = report.title
    for block in report.blocks:
        name, font, size, _ = STYLES[block.kind]
        paragraph = document.add_paragraph(style=document.styles[name])
        lines = title_lines(block.text) if block.kind == "title" else [block.text]
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.font.size = size
            set_fonts(run._r, font)
            if n < len(lines) - 1:
                run.add_break()
    return document


TITLE_BREAKS = "和及与暨"
TITLE_WIDTH = 18  # 2号 characters on a 156 mm line (442 pt / 22 pt = 20), less a margin for the digits


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def title_lines(title: str) -> list[str]:
    """A title too long for one line, broken where the words allow (回行时词意完整): after a 和/及/与/暨 that
    joins two dated parts — "…2023年工作总结和" / "2024年工作计划" rather than a lone "划" on the second line.
    Any other title is left to the line breaker: after 和 inside "加强和改进" would split a phrase."""
    if _width(title) <= TITLE_WIDTH:
        return [title]
    for at in range(len(title) - 2, 0, -1):
        head, tail = title[: at + 1], title[at + 1 :]
        if title[at] in TITLE_BREAKS and tail[0].isdigit() and max(_width(head), _width(tail)) <= TITLE_WIDTH:
            return [head, tail]
    return [title]


def write_docx(report: Report) -> bytes:
    buffer = io.BytesIO()
    build_document(report).save(buffer)
    return buffer.getvalue()
