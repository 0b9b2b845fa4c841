"""The 2023-vs-seed table: compare() on the small world, the page (filters, export, permission) and the
`jiedao indicators-vs-seed` command."""

import io
import json

from django.core.management import call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.reports.seed_compare import MATCH, MISMATCH, MISSING, compare, summary
from tests.conftest import PASSWORD


def by_code(rows):
    return {r.code: r for r in rows}


def test_every_seed_figure_gets_a_row_and_a_verdict(world):
    rows = compare(2023)
    assert len(rows) == 139
    rows = by_code(rows)
    # the small world: 2 urban communities (the seed: 8), no village-converted one (3)
    assert (rows["org.communities_urban"].value, rows["org.communities_urban"].verdict) == (2, MISMATCH)
    assert rows["org.communities_urban"].reason == "计算值2，报告为8"
    assert rows["org.communities_village"].verdict == MISMATCH
    counts = summary(list(rows.values()))
    assert counts["合计"] == 139 and sum(v for k, v in counts.items() if k != "合计") == 139
    assert counts[MISSING] >= 1  # codes no app registers yet
    missing = [r for r in rows.values() if r.verdict == MISSING]
    assert all(r.value is None and r.value_text == "—（未登记指标）" for r in missing)


def test_a_scoped_comparison_counts_only_the_users_areas(world):
    rows = by_code(compare(2023, area=world.community_a))
    assert rows["org.communities_urban"].value == 1


def test_the_page_filters_and_exports(client, world):
    assert client.login(username="leader", password=PASSWORD)
    response = client.get(reverse("seed_compare"))
    assert response.status_code == 200
    assert response.context["year"] == 2023
    assert len(response.context["rows"]) == 139
    assert response.context["total"] == 139
    page = response.content.decode()
    assert 'data-code="org.communities_urban" data-verdict="不一致"' in page
    response = client.get(reverse("seed_compare"), {"show": "mismatch"})
    assert {r.verdict for r in response.context["rows"]} == {MISMATCH}
    response = client.get(reverse("seed_compare"), {"show": "missing", "q": "hotline"})
    assert all(r.verdict == MISSING and "hotline" in r.code for r in response.context["rows"])
    response = client.get(reverse("seed_compare"), {"q": "城市社区", "year": "2022"})
    assert [r.code for r in response.context["rows"]] == ["org.communities_urban"]
    assert response.context["year"] == 2022
    response = client.get(reverse("seed_compare"), {"year": "abc"})  # invalid: the default year
    assert response.context["year"] == 2023
    response = client.get(reverse("seed_compare_export"), {"show": "mismatch"})
    assert response.status_code == 200
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    assert sheet[0][:7] == ["指标代码", "名称", "单位", "报告数字", "比对方式", "计算值", "结论"]
    assert {row[6] for row in sheet[1:]} == {MISMATCH}
    assert AuditLog.objects.filter(event=AuditEvent.EXPORT).exists()


def test_the_page_is_for_readers_of_the_annual_report(client, world):
    assert client.login(username="worker_a", password=PASSWORD)
    assert client.get(reverse("seed_compare")).status_code == 403
    assert client.get(reverse("seed_compare_export")).status_code == 403


def test_the_command_prints_the_table_and_a_summary(world, capsys):
    call_command("indicators_vs_seed")
    out = capsys.readouterr().out
    assert "org.communities_urban" in out and "计算值2，报告为8" in out
    assert out.strip().splitlines()[-1].startswith("合计139项：一致")
    call_command("indicators_vs_seed", "--year", "2023", "--format", "json", "--only", "mismatch")
    payload = json.loads(capsys.readouterr().out)
    assert payload["year"] == 2023 and payload["summary"]["合计"] == 139
    assert {r["verdict"] for r in payload["rows"]} == {MISMATCH}
    assert MATCH in payload["summary"]
