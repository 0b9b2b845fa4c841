"""`jiedao report brief --year Y (--month M | --quarter Q) --out DIR [--area CODE]`."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from jiedao.cases.models import Source
from tests.cases.helpers import local, make_case


def _run(*args):
    out, err = StringIO(), StringIO()
    call_command("report", "brief", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_writes_the_docx_and_the_md_of_a_month(world, categories, tmp_path):
    make_case(world, categories, source=Source.HOTLINE, received_at=local(2023, 9, 1, 9, 0))
    make_case(world, categories, source=Source.HOTLINE, received_at=local(2023, 10, 1, 9, 0))
    out, err = _run("--year", "2023", "--month", "9", "--out", str(tmp_path / "out"))
    stem = tmp_path / "out" / "测试街道2023年9月工作简报"
    assert out.splitlines() == [f"{stem}.docx", f"{stem}.md"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "测试街道2023年9月工作简报.docx",
        "测试街道2023年9月工作简报.md",
    ]
    assert stem.with_suffix(".docx").read_bytes()[:2] == b"PK"
    markdown = stem.with_suffix(".md").read_text()
    assert markdown.startswith("# 测试街道工作简报（2023年9月）\n")
    assert "本期受理12345工单1件" in markdown
    assert "数据缺失的指标" in err and "hotline.resolution_rate" in err


def test_it_writes_a_quarter_within_an_area(world, categories, tmp_path):
    make_case(world, categories, source=Source.HOTLINE, received_at=local(2023, 8, 1, 9, 0))
    _run("--year", "2023", "--quarter", "3", "--out", str(tmp_path), "--area", world.community_b.code)
    markdown = (tmp_path / "社区B2023年第3季度工作简报.md").read_text()
    assert markdown.startswith("# 社区B工作简报（2023年第3季度）")
    assert "本期受理12345工单0件" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "1899", "--month", "1"], "年度无效：1899"),
        (["--year", "2023", "--month", "13"], "月份无效：13（应在1至12之间）"),
        (["--year", "2023", "--quarter", "0"], "季度无效：0（应在1至4之间）"),
        (["--year", "2023"], "请用 --month（1至12）或 --quarter（1至4）二者之一"),
        (["--year", "2023", "--month", "1", "--quarter", "1"], "二者之一"),
        (["--year", "2023", "--month", "1", "--area", "000"], "区划代码不存在：000"),
    ],
)
def test_it_refuses_a_bad_period_or_area(world, tmp_path, args, message):
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        _run(*args, "--out", str(tmp_path / "out"))
    assert not (tmp_path / "out").exists()
