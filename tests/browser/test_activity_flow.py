"""Issue 5's "done when", in a browser: an office worker defines a new activity type with a measure of its own,
records a month of activities from an Excel file, and sees them counted on 活动统计."""

from datetime import date

import pytest

from jiedao.activities.catalogue import seed_activity_types
from jiedao.core.models import Role
from jiedao.core.services.accounts import account_create, role_grant
from jiedao.excel.registry import get_ledger
from tests.browser.test_login_flow import log_in
from tests.conftest import PASSWORD, build_world
from tests.registry.helpers import xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _month_of_planting(header: list[str]) -> bytes:
    rows = [
        {"活动类型": "义务植树", "开始日期": "2023-03-11", "活动名称": "社区A义务植树", "所属区域": "社区A",
         "参与人次": 40, "植树棵数": 120},
        {"活动类型": "义务植树", "开始日期": "2023-03-18", "活动名称": "网格A1补植行道树", "所属区域": "社区A网格A1",
         "参与人次": 12, "植树棵数": 35},
        {"活动类型": "义务植树", "开始日期": "2023-03-25", "活动名称": "社区B河畔植树", "所属区域": "社区B",
         "参与人次": 25, "植树棵数": 60},
    ]  # fmt: skip
    return xlsx([header, *[[row.get(column, "") for column in header] for row in rows]])


def test_an_office_worker_defines_a_type_imports_a_month_and_sees_it_counted(browser, live_server, tmp_path):
    world = build_world()
    seed_activity_types()  # a transactional test starts from an emptied database
    clerk = account_create(username="ks_zzb", full_name="综治办干事", password=PASSWORD)
    role_grant(
        user=clerk,
        role=Role.OFFICE_STAFF,
        area=world.street,
        office=world.office,
        start_date=date(2020, 1, 1),
    )

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "ks_zzb")

    # A measure of its own, then the type counting it and 参与人次.
    page.goto(f"{live_server.url}/activities/types/measures/new/")
    page.fill("input[name=code]", "trees")
    page.fill("input[name=name]", "植树棵数")
    page.fill("input[name=unit]", "棵")
    page.click("#measure-form button[type=submit]")
    page.goto(f"{live_server.url}/activities/types/new/")
    page.fill("input[name=code]", "tree_planting")
    page.fill("input[name=name]", "义务植树")
    page.get_by_label("植树棵数").check()
    page.get_by_label("参与人次").check()
    page.click("#activitytype-form button[type=submit]")
    page.wait_for_url(f"{live_server.url}/activities/types/")
    assert "义务植树" in page.inner_text("main")

    # The ledger now has a 植树棵数 column; a month of activities comes in from Excel.
    header = [column.header for column in get_ledger("activities").columns]
    assert "植树棵数" in header
    upload = tmp_path / "三月活动.xlsx"
    upload.write_bytes(_month_of_planting(header))
    page.goto(f"{live_server.url}/excel/activities/import/")
    page.set_input_files("input[type=file]", str(upload))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-result")
    assert "新增 3 条" in page.inner_text("#import-result"), page.inner_text("main")

    # Counted: 3 sessions, 77 people and 215 trees in March, by community too.
    page.goto(f"{live_server.url}/activities/totals/?year=2023")
    by_month = page.inner_text("#totals-by-month")
    planting = by_month[by_month.index("义务植树") :]
    assert "场次" in planting and "215" in planting and "77" in planting
    by_community = page.inner_text("#totals-by-community")
    assert "义务植树" in by_community
    page.screenshot(path=str(tmp_path / "totals.png"), full_page=True)
    context.close()
