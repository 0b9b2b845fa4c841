"""The annual report as a .docx in the GB/T 9704-2012 layout (shared/DESIGN.md, "The official document format").

python-docx has no API for the page grid, east-Asian fonts or page-number fields, so those are set on the XML:
`w:docGrid` (22 lines × 28 characters), `w:rFonts w:eastAsia` on styles and runs, and a PAGE field in odd
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
CHAR_SPACE = -850  # (156 mm / 28 − 16 pt) × 4096, see DESIGN.md
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
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.size = SIZE_3
    set_fonts(normal.element, BODY_FONT)
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
        run = paragraph.add_run(block.text)
        run.font.size = size
        set_fonts(run._r, font)
    return document


def write_docx(report: Report) -> bytes:
    buffer = io.BytesIO()
    build_document(report).save(buffer)
    return buffer.getvalue()
