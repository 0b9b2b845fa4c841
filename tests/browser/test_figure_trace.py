"""Every figure opens its records: from the annual summary's preview and from a target's monthly chart, a click
lands on 指标明细 listing exactly the cases counted."""

import pytest

from jiedao.targets.services import target_create
from jiedao.workcalendar.services import calendar_load_from_package
from tests.browser.test_login_flow import log_in
from tests.cases.helpers import local, make_case
from tests.conftest import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_follows_figures_to_their_records(browser, live_server, categories):
    from decimal import Decimal

    calendar_load_from_package()  # a transactional test starts from an emptied database
    world = build_world()
    for area, month in ((world.grid_a1, 3), (world.grid_a1, 9), (world.grid_b1, 9)):
        make_case(world, categories, area=area, received_at=local(2024, month, 10, 10, 0))
    target = target_create(code="hotline.received", area=world.street, year=2024, value=Decimal("4"))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "leader")

    page.goto(f"{live_server.url}/reports/annual/2024/")
    page.locator('mark.jd-figure[data-code="hotline.received"]').first.click()
    page.wait_for_url("**/reports/indicators/hotline.received/**")
    assert page.locator("#indicator-value").inner_text() == "3"
    assert page.locator("#records-table tbody tr").count() == 3

    page.goto(f"{live_server.url}/targets/{target.pk}/")
    assert page.locator("#target-rate").inner_text() == "75.00%"
    chart = page.locator('[data-chart="target-chart"]')
    chart.scroll_into_view_if_needed()
    page.wait_for_selector('[data-chart="target-chart"] canvas')
    page.wait_for_timeout(1200)  # the lines' draw-in animation
    box = chart.bounding_box()
    # The March point (1 case so far this year): click it.
    x, y = page.evaluate(
        """() => {
            const chart = echarts.getInstanceByDom(document.querySelector('[data-chart="target-chart"]'));
            return chart.convertToPixel({seriesIndex: 0}, [2, 1]);
        }"""
    )
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("**/reports/indicators/hotline.received/**")
    assert page.locator("#indicator-value").inner_text() == "1"
    assert page.locator("#records-table tbody tr").count() == 1
    context.close()
