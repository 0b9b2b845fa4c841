"""The document from narrative + indicators: figures in place, missing ones visible, never invented."""

from jiedao.cases.models import Source
from jiedao.reports.annual import rendering
from jiedao.reports.annual.rendering import in_words, render_report
from jiedao.reports.annual.template import DEFAULT_NARRATIVE, SECTION_KEYS
from tests.cases.helpers import local, make_case


def _hotline_cases(world, categories, count=2):
    for day in range(1, count + 1):
        make_case(world, categories, source=Source.HOTLINE, received_at=local(2023, 3, day, 9, 0))
    make_case(world, categories, source=Source.HOTLINE, received_at=local(2024, 1, 2, 9, 0))  # another year


def test_it_fills_placeholders_with_computed_figures(world, categories):
    _hotline_cases(world, categories)
    report = render_report({"work_5": "热线受理{{hotline.received}}件。"}, 2023, "测试街道")
    texts = [block.text for block in report.blocks]
    assert "热线受理2件。" in texts
    assert report.figures["hotline.received"].value == 2
    assert report.figures_json()["hotline.received"] == 2


def test_it_marks_a_figure_without_value_as_missing(world):
    # No callbacks in 2023: the resolution rate has no denominator, so no value.
    report = render_report({"work_5": "解决率{{hotline.resolution_rate}}。"}, 2023, "测试街道")
    assert "解决率【数据缺失：hotline.resolution_rate】。" in [b.text for b in report.blocks]
    assert "hotline.resolution_rate" in report.missing_codes
    assert report.figures_json()["hotline.resolution_rate"] is None


def test_it_marks_an_unregistered_indicator_as_missing(world, monkeypatch):
    monkeypatch.setattr(rendering, "all_indicators", lambda: [])
    report = render_report({}, 2023, "测试街道")
    paragraph = next(b.text for b in report.blocks if "12345" in b.text and "热线" in b.text)
    assert "共受理工单【数据缺失：hotline.received】件" in paragraph
    assert len(report.missing_codes) > 100  # every figure of the default template, none invented


def test_it_follows_the_seed_structure_with_builtins(world):
    report = render_report({}, 2023, "测试街道")
    headings = [b.text for b in report.blocks if b.kind != "p"]
    assert headings[:3] == [
        "测试街道2023年工作总结和2024年工作计划",
        "2023年工作总结",
        "一、切实加强基层自身建设",
    ]
    assert "三、存在问题" in headings and "2024年工作计划" in headings
    assert len([h for h in headings if h.startswith("（")]) == 5 + 6 + 5
    assert report.blocks[1].kind == "part"
    assert report.file_stem == "测试街道2023年工作总结"


def test_it_writes_parts_and_pairs_in_words(world, monkeypatch):
    def fake(codes, year, **kw):
        return {
            "religion.sites": rendering.Figure(
                "religion.sites", "宗教活动场所", "处", {"church": 1, "meeting_point": 3}
            ),
            "health.special_families": rendering.Figure(
                "health.special_families", "特殊家庭帮扶", "户/人", {"households": 70, "people": 100}
            ),
        }

    monkeypatch.setattr(rendering, "compute_figures", fake)
    narrative = {
        "build_1": "教堂{{religion.sites:church|汉字}}处，聚会点{{religion.sites:meeting_point}}处，"
        "场所{{religion.sites:folk_belief}}处。帮扶{{health.special_families}}。"
    }
    text = next(
        b.text for b in render_report(narrative, 2023, "测试街道").blocks if b.text.startswith("教堂")
    )
    assert text == "教堂一处，聚会点3处，场所【数据缺失：religion.sites:folk_belief】处。帮扶70户100人。"
    assert in_words({"church": 1, "meeting_point": 3}, "处") == "church1处、meeting_point3处"


def test_the_default_narrative_covers_every_section():
    assert set(DEFAULT_NARRATIVE) == set(SECTION_KEYS)
