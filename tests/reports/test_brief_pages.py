"""The brief-report pages: a year's months and quarters, the preview with highlighted figures, downloads,
and who may read them (the annual report's readers; statuses for the whole cast: url_entries_brief.py)."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from jiedao.cases.models import Source
from jiedao.core.models import AuditEvent, AuditLog
from tests.cases.helpers import local, make_case
from tests.reports.helpers import office_dzb_user


def _preview(kind="month", number=9, year=2023):
    return reverse("brief_report_preview", kwargs={"year": year, "kind": kind, "number": number})


def test_the_index_lists_twelve_months_and_four_quarters_with_links(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("brief_report"), {"year": "2023"})
    html = response.content.decode()
    assert response.context["year"] == 2023
    assert "2023年月报" in html and "2023年季报" in html
    for month in range(1, 13):
        assert f'href="{_preview(number=month)}"' in html
    for quarter in range(1, 5):
        assert f'href="{_preview("quarter", quarter)}"' in html
    assert reverse("brief_report_download", args=[2023, "quarter", 4, "docx"]) in html
    assert reverse("brief_report_download", args=[2023, "month", 1, "md"]) in html


def test_the_index_refuses_a_bad_year_in_chinese(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("brief_report"), {"year": "abc"})
    assert response.status_code == 200
    assert "年度无效：abc" in response.content.decode()


def test_the_preview_highlights_figures_with_their_codes(client, world, categories):
    make_case(world, categories, source=Source.HOTLINE, received_at=local(2023, 9, 3, 9, 0))
    client.force_login(world.leader)
    html = client.get(_preview()).content.decode()
    assert "测试街道工作简报（2023年9月）" in html
    assert 'data-code="hotline.received"' in html and "hotline.received=1" in html
    assert "【数据缺失：hotline.resolution_rate】" in html
    quarter = client.get(_preview("quarter", 3)).content.decode()
    assert "测试街道工作简报（2023年第3季度）" in quarter and "hotline.received=1" in quarter
    # a registered figure opens its records for the brief's period; the brief's own counts do not link
    records = reverse("indicator_records", args=["hotline.received"])
    assert f"{records}?start=2023-09-01&amp;end=2023-09-30" in html
    assert f"{records}?start=2023-07-01&amp;end=2023-09-30" in quarter
    assert reverse("indicator_records", args=["brief.activities"]) not in html


def test_it_downloads_the_docx_and_the_md(client, world):
    client.force_login(world.leader)
    docx = client.get(reverse("brief_report_download", args=[2023, "quarter", 3, "docx"]))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in docx["Content-Disposition"]
    assert b"".join(docx.streaming_content)[:2] == b"PK"
    md = client.get(reverse("brief_report_download", args=[2023, "month", 9, "md"]))
    assert b"".join(md.streaming_content).decode().startswith("# 测试街道工作简报（2023年9月）")
    downloads = AuditLog.objects.filter(event=AuditEvent.EXPORT, detail__ledger="brief_report").order_by("pk")
    assert [d.detail["filters"] for d in downloads] == [
        {"year": 2023, "kind": "quarter", "number": 3, "format": "docx"},
        {"year": 2023, "kind": "month", "number": 9, "format": "md"},
    ]


def test_dzb_staff_read_the_briefs(client, world):
    client.force_login(office_dzb_user(world))
    assert client.get(reverse("brief_report")).status_code == 200
    assert client.get(_preview()).status_code == 200


def test_a_reader_whose_scope_misses_the_street_gets_404(client, world):
    # 社区A's worker given the annual report's read permission directly: the street is outside its scope.
    user = world.worker_a
    user.user_permissions.add(Permission.objects.get(codename="view_annualreport"))
    client.force_login(user)
    assert client.get(reverse("brief_report")).status_code == 404
    assert client.get(_preview()).status_code == 404
