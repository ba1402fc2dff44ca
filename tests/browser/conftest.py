"""Browser tests: headless Chromium (Debian's chromium + chromedriver, driven by selenium) on the desk
served by the integration tests' gunicorn. Screenshots of each step go to $SCC_SCREENSHOT_DIR
(default <bench>/logs/screenshots)."""

import os

import pytest

from tests.conftest import BENCH_DIR, SITE

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture(scope="session", autouse=True)
def _on_the_site(frappe_site):
	yield frappe_site


@pytest.fixture(scope="session")
def screenshot_dir():
	path = os.environ.get("SCC_SCREENSHOT_DIR") or os.path.join(BENCH_DIR, "logs", "screenshots")
	os.makedirs(path, exist_ok=True)
	return path


@pytest.fixture
def browser(server_url, screenshot_dir):
	if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
		pytest.fail("Debian's chromium and chromium-driver are required (scripts/test installs them as root)")
	from selenium import webdriver
	from selenium.webdriver.chrome.service import Service

	from tests.browser.desk import Desk

	options = webdriver.ChromeOptions()
	options.binary_location = CHROMIUM
	for arg in (
		"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--window-size=1400,1000", "--lang=zh-CN", "--disable-dev-shm-usage",
	):
		options.add_argument(arg)
	options.add_argument(f"--user-data-dir=/tmp/scc-chromium-{os.getpid()}-{id(options)}")
	driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
	driver.set_page_load_timeout(60)
	port = server_url.rsplit(":", 1)[1]
	desk = Desk(driver, f"http://{SITE}:{port}", screenshot_dir)
	yield desk
	driver.quit()
