"""The applicant portal in a real browser (issue #13), at phone (375 px) and desktop (1280 px) width:
a unit registers itself at /register, opens the verification link from its mail (read from the
Email Queue), sets its password, fills the whole application at /my-application (unit, project,
report sections, 绩效评价表, uploads with progress, declarations), checks completeness, submits; the
district returns it with a reason (over REST, in-process); the applicant sees the reason, corrects
and resubmits. The account is turned away from the desk (/app).

Screenshots of each step go to $SCC_SCREENSHOT_DIR/portal/<width>-<step>.png (the README's come
from docs/screenshots/portal/)."""

import os
import time
from urllib.parse import urlsplit

import frappe
import pytest
import requests
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from smart_city_contest.rules.project_workflow import RETURN, RETURNED, SUBMITTED
from tests.conftest import SITE
from tests.factories import OPEN_EDITION
from tests.integration.portal import PASSWORD, registration, verification_link
from tests.integration.test_concurrent_submissions import no_account_throttle  # noqa: F401
from tests.integration.world import REVIEWER, act, tiny_pdf

REPORT_SECTIONS = (
	"overview", "innovation", "replicability", "background_and_goals",
	"construction_content", "completion_status", "outcomes", "promotion_plan",
)
INDICATORS = (
	("产出指标", "数量指标", "接入社区网格数量"),
	("效益指标", "社会效益指标", "群众诉求平均办结时间缩短"),
	("社会公众或服务对象满意度指标", "具体指标", "居民满意度"),
)
RETURN_REASON = "承诺书未加盖公章，请重新上传盖章扫描件"


@pytest.fixture
def phone_or_desktop(request, browser):
	width = request.param
	if width < 500:  # a phone: Chromium's own device emulation (the window cannot be that narrow)
		browser.driver.execute_cdp_cmd(
			"Emulation.setDeviceMetricsOverride", {"width": width, "height": 812, "deviceScaleFactor": 2, "mobile": True}
		)
	else:
		browser.driver.set_window_size(width, 1000)
	return browser, width


def shot(desk, width: int, name: str):
	folder = os.path.join(desk.screenshot_dir, "portal")
	os.makedirs(folder, exist_ok=True)
	desk.driver.save_screenshot(os.path.join(folder, f"{width}-{name}.png"))


def fill(desk, css: str, value: str):
	field = desk.wait_css(css)
	field.clear()
	field.send_keys(value)


def click(desk, css: str):
	button = desk.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))
	desk.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
	button.click()


def upload_into(desk, css: str, path: str):
	desk.driver.find_element(By.CSS_SELECTOR, css).send_keys(path)
	desk.wait(lambda d: d.execute_script(
		"const i = document.querySelector(arguments[0]); const p = i && i.parentNode.querySelector('.progress');"
		"return !!(p && p.dataset.done === '1');", css), 60)


def wait_for(desk, condition, width: int, name: str, error_css: str = "#form-error, .scc-error", timeout=60):
	"""Wait for `condition`; on timeout, a screenshot and the page's error message in the failure."""
	try:
		desk.wait(condition, timeout)
	except TimeoutException as e:
		shot(desk, width, f"failed-{name}")
		errors = " | ".join(n.text for n in desk.driver.find_elements(By.CSS_SELECTOR, error_css) if n.text)
		raise AssertionError(f"{name}: {errors or desk.text()[:500]}") from e


def wait_idle_page(desk):
	desk.wait(lambda d: d.execute_script("return document.readyState === 'complete'"), 30)
	time.sleep(0.3)


@pytest.mark.parametrize("phone_or_desktop", [375, 1280], indirect=True)
def test_a_unit_registers_applies_and_resubmits_in_the_portal(phone_or_desktop, server_url, make_api_user, no_account_throttle, tmp_path):  # noqa: F811
	desk, width = phone_or_desktop
	driver = desk.driver
	values = registration(unit_name=f"济南泉城智慧门户科技有限公司{frappe.generate_hash(length=4)}")
	files = {}
	for name in ("completion-proof.pdf", "pledge.pdf", "patent.pdf"):
		path = tmp_path / name
		path.write_bytes(tiny_pdf(f"{name} {values['uscc']}"))
		os.chmod(tmp_path, 0o755)
		os.chmod(path, 0o644)
		files[name] = str(path)

	# 1. Registration.
	driver.delete_all_cookies()
	desk.open("/register")
	Select(desk.wait_css("#edition")).select_by_value(OPEN_EDITION)
	for field in ("uscc", "unit_name", "contact_name", "email", "mobile"):
		fill(desk, f"#{field}", values[field])
	Select(driver.find_element(By.CSS_SELECTOR, "#unit_category")).select_by_visible_text(values["unit_category"])
	Select(driver.find_element(By.CSS_SELECTOR, "#enterprise_nature")).select_by_visible_text(values["enterprise_nature"])
	Select(driver.find_element(By.CSS_SELECTOR, "#district")).select_by_visible_text(values["district"])
	shot(desk, width, "01-register")
	click(desk, "#register-submit")
	desk.wait_text("注册成功", css="#register-done", timeout=120)
	shot(desk, width, "02-registered")

	# 2. Verification: the mailed link sets the password; before it, the account cannot log in.
	link = verification_link(values["email"])
	desk.open(link[link.index("/update-password"):])
	fill(desk, "#new_password", PASSWORD)
	fill(desk, "#confirm_password", PASSWORD)
	desk.wait(lambda d: d.find_element(By.CSS_SELECTOR, "#update").is_enabled())
	click(desk, "#update")
	desk.wait(lambda d: "/update-password" not in d.current_url, 30)

	# 3. The dashboard: start the application for the open edition.
	desk.open("/my-application")
	form = desk.wait_css(f'.scc-new-form[data-contest="{OPEN_EDITION}"]')
	form.find_element(By.NAME, "project_name").send_keys("泉城社区网格智慧治理平台")
	Select(form.find_element(By.NAME, "city_funded")).select_by_visible_text("否")
	form.find_element(By.NAME, "investor_name").send_keys(values["unit_name"])
	box = form.find_element(By.NAME, "domain_social_governance")
	driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
	box.click()
	shot(desk, width, "03-dashboard-start")
	driver.execute_script("arguments[0].requestSubmit()", form)
	wait_for(desk, lambda d: "project=" in d.current_url, width, "start")
	desk.wait_css("#part-unit")
	project = driver.find_element(By.CSS_SELECTOR, "#application").get_attribute("data-project")

	# 4. The whole application.
	fill(desk, "#f-unit_profile", "本单位专注城市治理数字化，服务济南市多个区县。")
	for declaration in ("decl_local_entity", "decl_independent_legal_person", "decl_no_environmental_violation",
						"decl_no_safety_accident", "decl_not_dishonest",
						"decl_implemented_in_city", "decl_completed"):
		box = desk.wait(EC.presence_of_element_located((By.CSS_SELECTOR, f"#f-{declaration}")))
		driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
		if not box.is_selected():
			box.click()
	fill(desk, "#f-project_summary", "以社区网格为单元汇聚多源数据，实现群众诉求一网受理、闭环处置。")
	for section in REPORT_SECTIONS:
		editor = desk.wait_css(f"#f-{section}")
		driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", editor)
		editor.click()
		editor.send_keys(f"{section}：项目在历下区12个街道落地运行，效果良好。")
	for i, (level_1, level_2, content) in enumerate(INDICATORS, start=1):
		click(desk, '[data-table="indicators"] .scc-add-row')
		row = desk.wait_css(f'.scc-indicator[data-idx="{i}"]')
		Select(row.find_element(By.CSS_SELECTOR, '[data-row-field="level_1"]')).select_by_visible_text(level_1)
		row = desk.wait_css(f'.scc-indicator[data-idx="{i}"]')  # redrawn with the 二级指标 of this 一级指标
		Select(row.find_element(By.CSS_SELECTOR, '[data-row-field="level_2"]')).select_by_visible_text(level_2)
		row = desk.wait_css(f'.scc-indicator[data-idx="{i}"]')
		row.find_element(By.CSS_SELECTOR, '[data-row-field="indicator_content"]').send_keys(content)
		row.find_element(By.CSS_SELECTOR, '[data-row-field="indicator_value"]').send_keys("达到预期")
	shot(desk, width, "04-indicators")
	upload_into(desk, "#f-completion_proof", files["completion-proof.pdf"])
	upload_into(desk, "#f-signed_pledge", files["pledge.pdf"])
	click(desk, '[data-table="attachments"] .scc-add-row')
	row = desk.wait_css('.scc-attachment[data-idx="1"]')
	Select(row.find_element(By.CSS_SELECTOR, '[data-row-field="attachment_type"]')).select_by_index(1)
	row.find_element(By.CSS_SELECTOR, '[data-row-field="description"]').send_keys("发明专利证书")
	upload_into(desk, "#f-attachment-1", files["patent.pdf"])
	shot(desk, width, "05-uploads")

	# 5. Completeness, then 提交.
	click(desk, "#btn-check")
	wait_for(desk, lambda d: "申报内容已齐全" in d.find_element(By.CSS_SELECTOR, "#completeness").text, width, "check",
			 error_css="#form-error, #missing-list")
	shot(desk, width, "06-complete")
	click(desk, "#btn-submit")
	desk.wait(EC.alert_is_present()).accept()
	wait_for(desk, lambda d: "done=1" in d.current_url, width, "submit")
	desk.wait_text(SUBMITTED, css=f'.scc-project[data-project="{project}"]')
	frappe.db.rollback()
	stored = frappe.get_doc("Contest Project", project)
	assert stored.workflow_state == SUBMITTED
	assert len(stored.indicators) == 3 and stored.completion_proof and stored.signed_pledge
	assert [row.description for row in stored.attachments] == ["发明专利证书"]
	assert "历下区12个街道" in stored.overview
	assert frappe.db.get_value("Participant Unit", stored.unit, "decl_not_dishonest") == 1
	shot(desk, width, "07-submitted")

	# 6. The district returns it with a reason.
	reviewer = make_api_user([REVIEWER], districts=[values["district"]])
	r = act(reviewer, project, RETURN, RETURN_REASON)
	assert r.ok, r
	desk.open("/my-application")
	desk.wait_text(RETURN_REASON, css=f'.scc-project[data-project="{project}"] .scc-return-reason')
	desk.wait_text("剩余", css=f'.scc-project[data-project="{project}"] .scc-countdown')
	shot(desk, width, "08-returned")

	# 7. Correct and 重新提交.
	desk.open(f"/my-application?project={project}")
	desk.wait_css("#f-signed_pledge")
	upload_into(desk, "#f-signed_pledge", files["pledge.pdf"])
	click(desk, "#btn-submit")
	desk.wait(EC.alert_is_present()).accept()
	wait_for(desk, lambda d: "done=1" in d.current_url, width, "resubmit")
	desk.wait_text(SUBMITTED, css=f'.scc-project[data-project="{project}"]')
	frappe.db.rollback()
	assert frappe.db.get_value("Contest Project", project, "workflow_state") == SUBMITTED
	assert [row.to_state for row in frappe.get_doc("Contest Project", project).state_log][-2:] == [RETURNED, SUBMITTED]
	shot(desk, width, "09-resubmitted")

	# 8. The downloads: the 申报书 PDF and the 承诺书 to stamp, with the applicant's own session.
	desk.open(f"/my-application?project={project}")
	session = requests.Session()
	for cookie in driver.get_cookies():
		session.cookies.set(cookie["name"], cookie["value"])
	for button in ("#btn-pdf", "#btn-pledge"):
		href = urlsplit(desk.wait_css(button).get_attribute("href"))
		r = session.get(f"{server_url}{href.path}?{href.query}", headers={"X-Frappe-Site-Name": SITE}, timeout=120)
		assert r.status_code == 200 and r.content.startswith(b"%PDF"), (button, r.status_code, r.text[:300])

	# 9. The desk turns the applicant away.
	desk.open("/app")
	wait_idle_page(desk)
	assert session.get(f"{server_url}/app", headers={"X-Frappe-Site-Name": SITE}, timeout=60).status_code == 403
	assert "无权访问" in desk.text() or "没有权限" in desk.text(), desk.text()[:300]
	assert not driver.execute_script("return !!(window.frappe && frappe.boot && frappe.boot.user)")
	shot(desk, width, "10-desk-refused")
