import pytest

from tests.conftest import PASSWORD, build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base_url, username):
    page.goto(f"{base_url}/")
    assert "工作人员登录" in page.content()
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")


def test_a_community_worker_logs_in_and_sees_their_community_only(browser, live_server, tmp_path):
    build_world()
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    log_in(page, live_server.url, "worker_a")
    roles = page.locator("#my-roles").inner_text()
    assert "社区工作者" in roles and "社区A" in roles
    assert "社区B" not in page.locator("#my-scope").inner_text()
    assert page.locator("#my-modules").get_by_text("区域管理").count() == 1
    assert page.locator("#my-modules").get_by_text("审计日志").count() == 0
    page.screenshot(path=str(tmp_path / "workbench.png"), full_page=True)
    context.close()


def test_the_workbench_is_usable_on_a_phone(browser, live_server, tmp_path):
    build_world()
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-CN", is_mobile=True)
    page = context.new_page()
    log_in(page, live_server.url, "leader")
    # Nothing wider than the screen: no horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert "街道领导" in page.locator("#my-roles").inner_text()
    page.screenshot(path=str(tmp_path / "workbench-phone.png"), full_page=True)
    context.close()
