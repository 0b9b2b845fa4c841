"""The .docx read back as XML: GB/T 9704-2012 page, grid, fonts and page-number footers."""

import io
import zipfile

import pytest
from lxml import etree

from jiedao.reports.annual.docx_writer import write_docx
from jiedao.reports.annual.rendering import render_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture
def parts(world):
    with zipfile.ZipFile(io.BytesIO(write_docx(render_report({}, 2023, "测试街道")))) as docx:
        return {name: etree.fromstring(docx.read(name)) for name in docx.namelist() if name.endswith(".xml")}


def _mm(twips: str) -> float:
    return int(twips) / 1440 * 25.4


def test_it_lays_out_an_a4_page_with_the_standard_margins_and_grid(parts):
    sect = parts["word/document.xml"].find(".//w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert round(_mm(size.get(W + "w"))) == 210 and round(_mm(size.get(W + "h"))) == 297
    assert {side: round(_mm(margins.get(W + side))) for side in ("top", "bottom", "left", "right")} == {
        "top": 37,
        "bottom": 35,
        "left": 28,
        "right": 26,
    }
    grid = sect.find("w:docGrid", NS)
    assert grid.get(W + "type") == "lines"  # 22 lines of 28.95 pt; the 28 characters come from their width
    assert grid.get(W + "linePitch") == "579"
    assert grid.get(W + "charSpace") is None


def test_28_characters_fill_a_line_and_the_defaults_are_chinese(parts):
    """156 mm holds 28 characters of 3号 condensed by 0.25 pt (28 × 15.75 = 441 pt ≤ 442.2 pt < 29 × 15.75);
    the document defaults are 3号 仿宋 in zh-CN (避头尾), the title is not laid on the grid."""
    text_width_pt = (210 - 28 - 26) / 25.4 * 72
    normal = _style(parts, "Normal")
    condensed = int(normal.find("w:rPr/w:spacing", NS).get(W + "val")) / 20
    advance = 16 + condensed
    assert 28 * advance <= text_width_pt < 29 * advance
    defaults = parts["word/styles.xml"].find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    assert defaults.find("w:sz", NS).get(W + "val") == "32"
    assert defaults.find("w:lang", NS).get(W + "eastAsia") == "zh-CN"
    assert defaults.find("w:rFonts", NS).get(W + "eastAsia") == "仿宋_GB2312"
    title = _style(parts, "公文标题")
    assert title.find("w:pPr/w:snapToGrid", NS).get(W + "val") == "0"


def _style(parts, name):
    for style in parts["word/styles.xml"].findall("w:style", NS):
        if style.find("w:name", NS).get(W + "val") == name:
            return style
    raise AssertionError(name)


@pytest.mark.parametrize(
    ("name", "font", "half_points"),
    [
        ("公文标题", "方正小标宋简体", "44"),
        ("公文一级标题", "黑体", "32"),
        ("公文二级标题", "楷体_GB2312", "32"),
        ("公文正文", "仿宋_GB2312", "32"),
    ],
)
def test_it_names_east_asian_fonts_on_styles(parts, name, font, half_points):
    rpr = _style(parts, name).find("w:rPr", NS)
    assert rpr.find("w:rFonts", NS).get(W + "eastAsia") == font
    assert rpr.find("w:sz", NS).get(W + "val") == half_points


def test_it_sets_fonts_on_runs_too(parts):
    body = parts["word/document.xml"].find(".//w:body", NS)
    first, heading = body.findall("w:p", NS)[0], body.findall("w:p", NS)[3]
    assert first.find(".//w:rFonts", NS).get(W + "eastAsia") == "方正小标宋简体"
    assert heading.find(".//w:t", NS).text == "一、切实加强基层自身建设"
    assert heading.find(".//w:rFonts", NS).get(W + "eastAsia") == "黑体"


def test_it_numbers_pages_outside_in_the_footers(parts):
    assert parts["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None
    sect = parts["word/document.xml"].find(".//w:body/w:sectPr", NS)
    refs = {ref.get(W + "type") for ref in sect.findall("w:footerReference", NS)}
    assert {"default", "even"} <= refs
    footers = [root for name, root in parts.items() if name.startswith("word/footer")]
    alignments = set()
    for footer in footers:
        text = "".join(t.text for t in footer.iter(W + "t"))
        assert text == "— 1 —"
        assert "PAGE" in "".join(t.text for t in footer.iter(W + "instrText"))
        assert footer.find(".//w:rFonts", NS).get(W + "eastAsia") == "宋体"
        assert footer.find(".//w:sz", NS).get(W + "val") == "28"  # 4号
        alignments.add(footer.find(".//w:jc", NS).get(W + "val"))
    assert alignments == {"right", "left"}


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("海西路街道2023年工作总结和2024年工作计划", ["海西路街道2023年工作总结和", "2024年工作计划"]),
        ("海西路街道2023年工作总结", ["海西路街道2023年工作总结"]),
        (
            "关于进一步加强和改进新时代基层治理工作的实施意见稿",
            ["关于进一步加强和改进新时代基层治理工作的实施意见稿"],
        ),
    ],
)
def test_a_long_title_breaks_after_a_conjunction(title, lines):
    from jiedao.reports.annual.docx_writer import title_lines

    assert title_lines(title) == lines
