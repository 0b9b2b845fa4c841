"""`jiedao report annual --year Y --out DIR [--area CODE]`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jiedao.cases.models import Source
from tests.cases.helpers import local, make_case


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("report", "annual", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_docx_md_and_json(world, categories, tmp_path):
    make_case(world, categories, source=Source.HOTLINE, received_at=local(2023, 5, 1, 9, 0))
    out, err = _run("--year", "2023", "--out", str(tmp_path / "out"))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "测试街道2023年工作总结.docx",
        "测试街道2023年工作总结.json",
        "测试街道2023年工作总结.md",
    ]
    assert out.splitlines() == [
        str(tmp_path / "out" / f"测试街道2023年工作总结.{e}") for e in ("docx", "md", "json")
    ]
    figures = json.loads((tmp_path / "out" / "测试街道2023年工作总结.json").read_text())
    assert figures["hotline.received"] == 1
    markdown = (tmp_path / "out" / "测试街道2023年工作总结.md").read_text()
    assert "“12345”热线共受理工单1件" in markdown
    assert "数据缺失的指标" in err


def test_it_counts_within_an_area(world, categories, tmp_path):
    make_case(
        world, categories, source=Source.HOTLINE, area=world.grid_a1, received_at=local(2023, 5, 1, 9, 0)
    )
    _run("--year", "2023", "--out", str(tmp_path), "--area", world.community_b.code)
    figures = json.loads((tmp_path / "社区B2023年工作总结.json").read_text())
    assert figures["hotline.received"] == 0


def test_it_refuses_a_bad_year_or_area(world, tmp_path):
    with pytest.raises(CommandError, match="年度无效：1899"):
        _run("--year", "1899", "--out", str(tmp_path))
    with pytest.raises(CommandError, match="区划代码不存在：000"):
        _run("--year", "2023", "--out", str(tmp_path), "--area", "000")
    assert not list(tmp_path.iterdir())
