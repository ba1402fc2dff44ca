"""A thin page object for the Frappe desk, so the flow test reads like what a clerk does."""

import os
import time

from selenium.common.exceptions import (
	ElementClickInterceptedException,
	StaleElementReferenceException,
	TimeoutException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


class Desk:
	def __init__(self, driver, base_url: str, screenshot_dir: str):
		self.driver = driver
		self.base_url = base_url
		self.screenshot_dir = screenshot_dir

	# --- navigation -------------------------------------------------------------------------------

	def login(self, user: str, password: str, lands_on: str = "/app"):
		"""Log in through the login page; staff land in the desk, an applicant on `/my-application`."""
		self.driver.delete_all_cookies()
		self.open("/login")
		self.wait_css("#login_email").send_keys(user)
		self.driver.find_element(By.CSS_SELECTOR, "#login_password").send_keys(password)
		self.driver.find_element(By.CSS_SELECTOR, ".btn-login").click()
		self.wait(lambda d: lands_on in d.current_url, 30)
		if lands_on.startswith("/app"):
			self.wait_idle()
		else:
			self.wait(lambda d: d.execute_script("return document.readyState === 'complete'"), 30)

	def open(self, path: str):
		self.driver.get(self.base_url + path)
		if path.startswith("/app"):
			self.wait_idle()

	def wait(self, condition, timeout=20):
		return WebDriverWait(self.driver, timeout).until(condition)

	def wait_css(self, css: str, timeout=20):
		return self.wait(EC.visibility_of_element_located((By.CSS_SELECTOR, css)), timeout)

	def wait_text(self, text: str, timeout=20, css="body"):
		try:
			self.wait(lambda d: text in d.find_element(By.CSS_SELECTOR, css).text, timeout)
		except TimeoutException as e:
			self.shot("failed-wait-text")
			raise AssertionError(f"“{text}” did not appear in {css}; page shows: {self.text(css)[:600]}") from e

	def wait_idle(self, timeout=30):
		"""Until the desk has booted and no request is in flight."""
		self.wait(lambda d: d.execute_script("return !!(window.frappe && frappe.boot && document.readyState === 'complete')"), timeout)
		self.wait(lambda d: d.execute_script("return !window.frappe || !frappe.request || !frappe.request.ajax_count"), timeout)
		time.sleep(0.4)

	def text(self, css="body") -> str:
		return self.driver.find_element(By.CSS_SELECTOR, css).text

	def shot(self, name: str) -> str:
		path = os.path.join(self.screenshot_dir, f"{name}.png")
		self.driver.save_screenshot(path)
		return path

	# --- forms ------------------------------------------------------------------------------------

	def new_form(self, route: str):
		self.open(f"/app/{route}/new")
		self.wait(lambda d: d.execute_script("return !!(window.cur_frm && cur_frm.doc && cur_frm.doc.__islocal)"))
		self.wait_idle()

	def open_form(self, route: str, name: str):
		self.open(f"/app/{route}/{name}")
		self.wait(lambda d: d.execute_script("return !!(window.cur_frm && cur_frm.doc && cur_frm.doc.name === arguments[0])", name))
		self.wait_idle()

	def type_into(self, fieldname: str, value: str):
		"""Type into a Data/Text field as a person would."""
		el = self.wait_css(f'.frappe-control[data-fieldname="{fieldname}"] input, .frappe-control[data-fieldname="{fieldname}"] textarea')
		el.clear()
		el.send_keys(value)
		el.send_keys(Keys.TAB)
		self.wait_idle()

	def set_value(self, fieldname: str, value):
		"""Set a Link/Select/Check/Date field through the form (runs the form's triggers and fetches)."""
		self.driver.execute_script("return cur_frm.set_value(arguments[0], arguments[1])", fieldname, value)
		self.wait_idle()

	def tick(self, label: str):
		"""Click a checkbox by its (Chinese) label."""
		box = self.wait(EC.element_to_be_clickable((By.XPATH, f'//label[.//span[normalize-space()="{label}"]]//input[@type="checkbox"]')))
		if not box.is_selected():
			box.click()
		self.wait_idle()

	def tab(self, label: str):
		self.wait(EC.element_to_be_clickable((By.XPATH, f'//ul[contains(@class,"form-tabs")]//a[normalize-space()="{label}"]'))).click()
		time.sleep(0.3)

	def save(self):
		self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.CONTROL, "s")
		try:
			self.wait(lambda d: d.execute_script("return !!(cur_frm && !cur_frm.is_dirty() && !cur_frm.doc.__islocal)"), 30)
		except TimeoutException as e:
			self.shot("failed-save")
			dialogs = " | ".join(m.text for m in self.driver.find_elements(By.CSS_SELECTOR, ".modal.show, .msgprint"))
			raise AssertionError(f"the form did not save: {dialogs}") from e
		self.wait_idle()
		return self.driver.execute_script("return cur_frm.doc.name")

	def doc_value(self, fieldname: str):
		return self.driver.execute_script("return cur_frm.doc[arguments[0]]", fieldname)

	def workflow_action(self, action: str):
		"""Actions (操作) menu → `action`, as on the form's toolbar."""
		for _ in range(3):
			try:
				# at the top of the page: scrolled down (a tab's fields), the sticky page head covers the button
				self.driver.execute_script("window.scrollTo(0, 0)")
				self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, ".actions-btn-group > button"))).click()
				self.wait(EC.element_to_be_clickable(
					(By.XPATH, f'//ul[contains(@class,"dropdown-menu") and contains(@class,"show")]//span[normalize-space()="{action}"]/ancestor::a')
				)).click()
				break
			except (StaleElementReferenceException, ElementClickInterceptedException):
				time.sleep(0.5)
		self.wait_idle()

	def primary(self, label: str | None = None):
		"""Click the page's primary button (提交 for a submittable document)."""
		button = self.wait(EC.element_to_be_clickable((By.CSS_SELECTOR, ".page-head .primary-action")))
		if label:
			assert label in button.text, button.text
		button.click()
		self.wait_idle()

	def confirm(self):
		"""Answer yes in the top-most dialog (a confirmation may open over another dialog)."""

		def top_primary(d):
			modals = [m for m in d.find_elements(By.CSS_SELECTOR, ".modal.show") if m.is_displayed()]
			buttons = modals[-1].find_elements(By.CSS_SELECTOR, ".btn-primary") if modals else []
			return buttons[0] if buttons and buttons[0].is_displayed() and buttons[0].is_enabled() else False

		time.sleep(0.5)  # the dialog's fade-in
		self.wait(top_primary).click()
		self.wait_idle()

	def modal_button(self, text: str):
		self.wait(EC.element_to_be_clickable((By.XPATH, f'//div[contains(@class,"modal") and contains(@class,"show")]//button[normalize-space()="{text}"]'))).click()
		self.wait_idle()

	def modal_button_or_inner(self, text: str):
		"""A page's inner toolbar button (e.g. on a query report) by its label."""
		self.wait(EC.element_to_be_clickable(
			(By.XPATH, f'//div[contains(@class,"page-actions") or contains(@class,"inner-group-button") or contains(@class,"custom-actions")]//button[normalize-space()="{text}"]')
		)).click()
		self.wait_idle()

	def close_modal(self):
		self.driver.find_element(By.CSS_SELECTOR, ".modal.show .btn-modal-close").click()
		self.wait(lambda d: not d.find_elements(By.CSS_SELECTOR, ".modal.show"))
