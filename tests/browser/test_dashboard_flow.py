"""The dashboard on a phone: 375 px wide, its charts drawn, and a click on a bar opens the cases behind it."""

import os

import pytest

from jiedao.workcalendar.services import calendar_load_from_package
from tests.browser.test_login_flow import log_in
from tests.cases.helpers import local, make_case
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def test_a_leader_opens_the_dashboard_on_a_phone_and_clicks_through(
    browser, live_server, categories, tmp_path
):
    calendar_load_from_package()  # a transactional test starts from an emptied database
    world = build_world()
    for area in (world.grid_a1, world.grid_a1, world.grid_b1):
        make_case(world, categories, area=area, received_at=local(2024, 9, 30, 10, 0))
    context = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "leader")
    page.goto(f"{live_server.url}/dashboard/?period=year&year=2024")
    page.wait_for_selector("#dash-cases-category-box canvas")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(tmp_path / "dashboard.png"), full_page=True)
    if os.environ.get("JIEDAO_SCREENSHOTS"):
        page.screenshot(path=os.environ["JIEDAO_SCREENSHOTS"] + "/dashboard-375.png", full_page=True)
    page.wait_for_timeout(1500)  # the bars' grow-in animation
    # The one category bar (3 cases): click the middle of it.
    chart = page.locator("#dash-cases-category-box")
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    x, y = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.getElementById("dash-cases-category-box"));
            const [x0, y0] = chart.convertToPixel({seriesIndex: 0}, [0, 0]);
            const [x1] = chart.convertToPixel({seriesIndex: 0}, [3, 0]);
            return [(x0 + x1) / 2, y0];
        }"""
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/dashboard/cases/**")
    assert page.locator("#case-table tbody tr").count() == 3
    context.close()
