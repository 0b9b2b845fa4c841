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
    assert grid.get(W + "type") == "linesAndChars"
    assert grid.get(W + "linePitch") == "579"
    assert -860 <= int(grid.get(W + "charSpace")) <= -840


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
