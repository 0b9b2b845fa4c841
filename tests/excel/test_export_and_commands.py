import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.excel.registry import get_ledger
from jiedao.excel.writing import neutralise, template_bytes
from jiedao.registry.services.people import household_get_or_create, resident_register
from tests.registry.helpers import RESIDENT_HEADER, make_id, resident_row, xlsx


def rows_of(data: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def test_the_template_names_every_importable_column_and_marks_required_ones(db):
    header = rows_of(template_bytes(get_ledger("residents")))[0]
    assert header[:3] == ["姓名*", "身份证号码*", "联系电话"]
    assert "性别" not in header  # written by exports only


@pytest.mark.parametrize("value", ["=1+1", "+86", "-2", "@SUM(A1)", "\tx"])
def test_formulas_are_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.fixture
def resident(places, world):
    home = household_get_or_create(building=places["sunny_1"], unit="1", room="101")
    return resident_register(
        name='=HYPERLINK("x")', id_number=make_id(seq=1), phone="13812345678", household=home
    )


def test_an_export_is_masked_scoped_audited_and_formula_safe(client, resident, world):
    client.force_login(world.leader)
    response = client.get(reverse("excel_export", args=["residents"]))
    rows = rows_of(response.content)
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][1] == resident.id_number_masked and rows[1][2] == "138****5678"
    log = AuditLog.objects.get(event=AuditEvent.EXPORT)
    assert (log.username, log.detail["rows"], log.detail["full"]) == ("leader", 1, False)
    client.force_login(world.worker_b)
    assert len(rows_of(client.get(reverse("excel_export", args=["residents"])).content)) == 1  # header only


def test_a_full_export_needs_the_permission(client, resident, world):
    client.force_login(world.leader)
    assert client.get(reverse("excel_export", args=["residents"]), {"full": "1"}).status_code == 403
    client.force_login(world.worker_a)
    rows = rows_of(client.get(reverse("excel_export", args=["residents"]), {"full": "1"}).content)
    assert rows[1][1] == make_id(seq=1) and rows[1][2] == "13812345678"
    assert AuditLog.objects.filter(event=AuditEvent.EXPORT, detail__full=True).count() == 1


def test_an_exported_file_can_be_corrected_and_reimported(client, resident, world):
    client.force_login(world.worker_a)
    exported = client.get(reverse("excel_export", args=["residents"]), {"full": "1"}).content
    rows = rows_of(exported)
    rows[1][0] = "张三"
    response = client.post(reverse("excel_import", args=["residents"]), {"file": _upload(xlsx(rows))})
    job_page = client.get(response.url)
    assert "更新 1 条" in job_page.content.decode()
    resident.refresh_from_db()
    assert resident.name == "张三"


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("居民.xlsx", data)


def test_the_import_page_reports_errors_and_offers_the_report(client, places, world):
    client.force_login(world.worker_a)
    data = xlsx([RESIDENT_HEADER, resident_row("张三", make_id(seq=1), building="无此楼")])
    response = client.post(reverse("excel_import", args=["residents"]), {"file": _upload(data)}, follow=True)
    page = response.content.decode()
    assert "未导入任何数据" in page and "无此楼" in page
    job = response.context["job"]
    report = client.get(reverse("excel_job_report", args=[job.pk]))
    assert rows_of(report.content)[1][:2] == [2.0, "楼栋"]


def test_the_import_page_requires_a_file(client, world):
    client.force_login(world.worker_a)
    response = client.post(reverse("excel_import", args=["residents"]), {})
    assert "请选择要导入的文件" in response.content.decode()


def test_the_commands_list_write_templates_import_and_export(places, world, tmp_path: Path):
    out = io.StringIO()
    call_command("import", "--list", stdout=out)
    assert "residents" in out.getvalue() and "居民" in out.getvalue()
    call_command("template", "residents", str(tmp_path / "t.xlsx"), stdout=io.StringIO())
    assert rows_of((tmp_path / "t.xlsx").read_bytes())[0][0] == "姓名*"
    good = tmp_path / "good.xlsx"
    good.write_bytes(xlsx([RESIDENT_HEADER, resident_row("张三", make_id(seq=1))]))
    out = io.StringIO()
    call_command("import", "residents", str(good), "--no-progress", stdout=out)
    assert "新增1" in out.getvalue()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(xlsx([RESIDENT_HEADER, resident_row("李四", "123")]))
    with pytest.raises(CommandError, match="有1处错误，未导入任何数据"):
        call_command("import", "residents", str(bad), "--no-progress", stderr=io.StringIO())
    call_command("export", "residents", str(tmp_path / "out.xlsx"), stdout=io.StringIO())
    assert len(rows_of((tmp_path / "out.xlsx").read_bytes())) == 2
    with pytest.raises(CommandError, match="没有名为“nope”的台账"):
        call_command("template", "nope", str(tmp_path / "x.xlsx"))
