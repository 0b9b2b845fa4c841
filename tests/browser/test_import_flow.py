import pytest

from jiedao.registry.services.places import building_create, compound_create
from tests.browser.test_login_flow import log_in
from tests.conftest import build_world
from tests.registry.helpers import RESIDENT_HEADER, make_id, resident_row, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_community_worker_imports_corrects_and_reimports_a_residents_file(browser, live_server, tmp_path):
    world = build_world()
    sunny = compound_create(name="阳光小区", community=world.community_a)
    building_create(compound=sunny, name="1号楼", grid=world.grid_a1)
    bad = tmp_path / "居民.xlsx"
    bad.write_bytes(
        xlsx([RESIDENT_HEADER, resident_row("张三", make_id(seq=1)), resident_row("李四", "123")])
    )
    good = tmp_path / "居民-改.xlsx"
    good.write_bytes(
        xlsx([RESIDENT_HEADER, resident_row("张三", make_id(seq=1)), resident_row("李四", make_id(seq=3))])
    )

    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "worker_a")
    page.goto(f"{live_server.url}/excel/residents/import/")
    page.set_input_files("input[type=file]", str(bad))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-result")
    assert "未导入任何数据" in page.inner_text("#import-result")
    assert "身份证号码" in page.inner_text("#import-errors")

    page.goto(f"{live_server.url}/excel/residents/import/")
    page.set_input_files("input[type=file]", str(good))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-result")
    assert "新增 2 条" in page.inner_text("#import-result")

    page.goto(f"{live_server.url}/excel/residents/import/")
    page.set_input_files("input[type=file]", str(good))
    page.click("#import-form button[type=submit]")
    page.wait_for_selector("#import-result")
    assert "新增 0 条" in page.inner_text("#import-result") and "未变 2 条" in page.inner_text(
        "#import-result"
    )

    page.goto(f"{live_server.url}/registry/residents/?q=zs")
    assert "张三" in page.inner_text("table")
    page.screenshot(path=str(tmp_path / "residents.png"), full_page=True)
    context.close()
