"""A grid worker reports a problem from a phone: 375 px wide, location from the phone, a photo from the camera."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from jiedao.cases.models import Case
from jiedao.workcalendar.services import calendar_load_from_package
from tests.browser.conftest import CHROMIUM
from tests.browser.test_login_flow import log_in
from tests.conftest import build_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not Path(CHROMIUM).exists() and os.environ.get("JIEDAO_REQUIRE_BROWSER") != "1",
        reason=f"{CHROMIUM} 不存在（安装 Debian 的 chromium 后运行浏览器测试）",
    ),
]
PHONE = {"width": 375, "height": 740}


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_grid_worker_reports_from_a_phone_with_location_and_photo(
    browser,
    live_server,
    categories,
    tmp_path,
):
    calendar_load_from_package()  # a transactional test starts from an emptied database
    build_world()
    photo = tmp_path / "现场.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(buffer, "JPEG")
    photo.write_bytes(buffer.getvalue())
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        locale="zh-CN",
        geolocation={"latitude": 40.8123456, "longitude": 111.6543219},
        permissions=["geolocation"],
    )
    page = context.new_page()
    log_in(page, live_server.url, "grid_a1")
    page.goto(f"{live_server.url}/cases/new/")
    assert _fits_the_screen(page)
    photo_input = page.locator("#id_photos")
    assert photo_input.get_attribute("accept") == "image/*"
    assert photo_input.get_attribute("multiple") is not None
    assert photo_input.get_attribute("capture") is None  # camera and gallery both offered

    page.get_by_role("button", name="获取当前位置").click()
    page.wait_for_function("document.getElementById('id_latitude').value !== ''")
    assert page.input_value("#id_latitude") == "40.812346"
    assert page.input_value("#id_longitude") == "111.654322"
    assert "已获取位置" in page.inner_text("#locate-status")

    assert page.locator("#id_area option:checked").inner_text() == "社区A网格A1"  # their only grid
    page.select_option("#id_category", label="　环境卫生")
    page.fill("#id_title", "路边垃圾堆积")
    page.set_input_files("#id_photos", str(photo))
    page.screenshot(path=str(tmp_path / "report-phone.png"), full_page=True)
    page.click("#case-form button[type=submit]")
    page.wait_for_selector("#photos img")

    case = Case.objects.get(title="路边垃圾堆积")
    assert page.url == f"{live_server.url}/cases/{case.pk}/"
    assert (str(case.latitude), str(case.longitude), case.attachments.count()) == (
        "40.812346",
        "111.654322",
        1,
    )
    # The thumbnail came through the scoped view, with the session: the browser decoded a real picture.
    page.wait_for_function("document.querySelector('#photos img').complete")
    assert page.evaluate("document.querySelector('#photos img').naturalWidth") == 64
    assert _fits_the_screen(page)
    page.screenshot(path=str(tmp_path / "case-phone.png"), full_page=True)
    context.close()
