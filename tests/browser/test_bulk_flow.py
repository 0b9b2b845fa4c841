"""批量派单 in a browser: tick the cases, choose the area, htmx fills the 承办人 select, submit; then 工单统计's
chart is drawn."""

import os

import pytest

from jiedao.cases.models import Case, Category, State
from jiedao.cases.services import case_create
from jiedao.workcalendar.services import calendar_load_from_package
from tests.browser.test_login_flow import log_in
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("JIEDAO_SCREENSHOTS")  # a directory to keep the screenshots in, when set


def shot(page, tmp_path, name):
    page.screenshot(path=os.path.join(SHOTS or str(tmp_path), name), full_page=True)


def test_a_leader_dispatches_two_cases_to_a_person(browser, live_server, tmp_path):
    calendar_load_from_package()  # a transactional test starts from an emptied database
    world = build_world()
    category = Category.objects.create(code="city", name="城市管理", path="/city/")
    cases = [
        case_create(
            source="hotline", category=category, title=f"路灯不亮{n}", area=world.grid_a1, accepted=True
        )
        for n in (1, 2)
    ]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/cases/all/")
    page.check("#bulk-all")
    assert page.locator("#bulk-count").inner_text() == "2"
    page.select_option("#id_bulk_area", label="社区A")
    page.wait_for_function("document.querySelectorAll('#id_bulk_assignee option').length > 1")
    page.select_option("#id_bulk_assignee", label="张网格（网格员·网格A1）")
    shot(page, tmp_path, "bulk-bar.png")
    page.click("#bulk-dispatch")
    page.wait_for_selector("#bulk-summary")
    assert page.locator("#bulk-summary").inner_text().strip() == "已派单 2 件"
    shot(page, tmp_path, "bulk-result.png")
    for case in Case.objects.filter(pk__in=[c.pk for c in cases]):
        assert (case.state, case.assignee_id) == (State.DISPATCHED, world.grid_a1_worker.pk)

    page.goto(f"{live_server.url}/cases/kpis/")
    page.wait_for_selector(".kpi-chart canvas")
    assert "合计" in page.locator(".kpi-total").inner_text()
    shot(page, tmp_path, "kpis.png")
    context.close()
