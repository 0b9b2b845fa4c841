"""The brief's .docx read back as XML: the annual report's GB/T 9704-2012 page setup and styles."""

import io
import zipfile

import pytest
from lxml import etree

from jiedao.reports.brief.periods import QUARTER
from jiedao.reports.brief.services import brief_file, brief_render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture
def parts(world):
    report = brief_render(year=2023, kind=QUARTER, number=3)
    with zipfile.ZipFile(io.BytesIO(brief_file(report, "docx"))) as docx:
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
    assert (grid.get(W + "type"), grid.get(W + "linePitch"), grid.get(W + "charSpace")) == (
        "lines",
        "579",
        None,
    )
    assert parts["word/settings.xml"].find("w:evenAndOddHeaders", NS) is not None


def _paragraphs(parts):
    styles = {
        s.get(W + "styleId"): s.find("w:name", NS).get(W + "val")
        for s in parts["word/styles.xml"].findall("w:style", NS)
    }
    for p in parts["word/document.xml"].find(".//w:body", NS).findall("w:p", NS):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(t.text for t in p.iter(W + "t"))
        fonts = p.find(".//w:rFonts", NS)
        yield styles.get(style.get(W + "val")) if style is not None else None, text, fonts.get(W + "eastAsia")


def test_it_writes_the_title_in_xiaobiaosong_and_sections_in_heiti(parts):
    paragraphs = list(_paragraphs(parts))
    assert paragraphs[0] == ("公文标题", "测试街道工作简报（2023年第3季度）", "方正小标宋简体")
    assert paragraphs[1][0] == "公文正文" and paragraphs[1][2] == "仿宋_GB2312"
    headings = [(text, font) for style, text, font in paragraphs if style == "公文一级标题"]
    assert headings == [("一、工单办理", "黑体"), ("二、台账工作", "黑体"), ("三、项目推进", "黑体")]
    assert ("公文二级标题", "（一）12345热线", "楷体_GB2312") in paragraphs
