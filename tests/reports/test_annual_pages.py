"""The annual summary's pages: preview with highlighted figures, downloads, and 党政办's narrative editor."""

import json

from django.urls import reverse

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.reports.models import AnnualReport, ReportStatus
from jiedao.reports.services import annual_report_save
from tests.reports.helpers import office_dzb_user


def _form_data(client, year=2023, **changes):
    """The edit form as the page shows it (every section, status, version), with `changes`."""
    form = client.get(reverse("annual_report_edit", kwargs={"year": year})).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(changes)
    return data


def test_it_previews_figures_with_their_codes(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("annual_report_preview", kwargs={"year": 2023}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "测试街道2023年工作总结和2024年工作计划" in html
    assert 'data-code="hotline.received"' in html
    assert "hotline.received=0" in html  # the code and the value shown beside the figure
    assert "【数据缺失：hotline.resolution_rate】" in html
    assert "默认模板" in html


def test_it_lets_dzb_edit_the_narrative(client, world):
    staff = office_dzb_user(world)
    client.force_login(staff)
    data = _form_data(client, intro="{{year}}年，{{street}}热线受理{{hotline.received}}件。", status="final")
    response = client.post(reverse("annual_report_edit", kwargs={"year": 2023}), data)
    assert response.status_code == 302
    report = AnnualReport.objects.get(year=2023)
    assert report.status == ReportStatus.FINAL and report.updated_by == staff
    html = client.get(response["Location"]).content.decode()
    assert "2023年，测试街道热线受理" in html


def test_it_shows_an_unknown_code_on_its_section(client, world):
    client.force_login(office_dzb_user(world))
    data = _form_data(client, work_5="受理{{hotline.recieved}}件")
    response = client.post(reverse("annual_report_edit", kwargs={"year": 2023}), data)
    assert response.status_code == 200
    assert response.context["form"].errors["work_5"] == ["未知的指标代码“hotline.recieved”"]
    assert not AnnualReport.objects.exists()


def test_it_refuses_a_stale_edit(client, world):
    staff = office_dzb_user(world)
    client.force_login(staff)
    data = _form_data(client, intro="我的修改")
    annual_report_save(
        street=world.street,
        year=2023,
        sections={"intro": "别人的修改"},
        status="draft",
        version=None,
        actor=None,
    )
    response = client.post(reverse("annual_report_edit", kwargs={"year": 2023}), data)
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    assert AnnualReport.objects.get().sections["intro"] == "别人的修改"


def test_it_downloads_the_three_files(client, world):
    client.force_login(world.leader)
    docx = client.get(reverse("annual_report_download", kwargs={"year": 2023, "fmt": "docx"}))
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in docx["Content-Disposition"]
    assert b"".join(docx.streaming_content)[:2] == b"PK"
    md = client.get(reverse("annual_report_download", kwargs={"year": 2023, "fmt": "md"}))
    assert b"".join(md.streaming_content).decode().startswith("# 测试街道2023年工作总结和2024年工作计划")
    figures = json.loads(
        b"".join(client.get(reverse("annual_report_download", args=[2023, "json"])).streaming_content)
    )
    assert figures["hotline.received"] == 0
    downloads = AuditLog.objects.filter(event=AuditEvent.EXPORT, detail__ledger="annual_report")
    assert [d.detail["filters"]["format"] for d in downloads.order_by("pk")] == ["docx", "md", "json"]
    assert {d.user for d in downloads} == {world.leader}


def test_a_leader_reads_but_may_not_edit(client, world):
    client.force_login(world.leader)
    assert client.get(reverse("annual_report")).status_code == 200
    assert client.get(reverse("annual_report_edit", kwargs={"year": 2023})).status_code == 403


def test_dzb_staff_read_and_find_the_edit_link(client, world):
    client.force_login(office_dzb_user(world))
    html = client.get(reverse("annual_report")).content.decode()
    assert "编辑正文" in html
    assert client.get(reverse("annual_report_preview", kwargs={"year": 2023})).status_code == 200


def test_it_redirects_a_year_search_to_its_preview(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("annual_report"), {"year": "2023"})
    assert response["Location"] == reverse("annual_report_preview", kwargs={"year": 2023})
