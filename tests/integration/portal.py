"""Helpers for the applicant portal's tests: a browser-like session (cookies, no API key), a
registration as the /register page posts it, and the verification link read from the Email Queue."""

import email
import re
import uuid
from email import policy

import frappe
import requests

from tests.conftest import SITE
from tests.factories import OPEN_EDITION, random_uscc
from tests.integration.client import ApiClient, ApiResponse

REGISTER = "smart_city_contest.api.registration.register"
UPDATE_PASSWORD = "frappe.core.doctype.user.user.update_password"
PASSWORD = "Qc-portal-2026!x"


class Session(ApiClient):
	"""A client with cookies only, as a browser (guest until it logs in). `ip` goes in
	X-Forwarded-For, which Frappe takes as the client's address (rate limits count per address)."""

	def __init__(self, base_url: str, ip: str | None = None, timeout: int = 60):
		self.base_url = base_url
		self.timeout = timeout
		self.session = requests.Session()
		self.session.headers.update({"X-Frappe-Site-Name": SITE, "Accept": "application/json"})
		if ip:
			self.session.headers["X-Forwarded-For"] = ip

	def request(self, method: str, path: str, **kwargs) -> ApiResponse:
		return ApiResponse(self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs))

	def login(self, user: str, password: str):
		r = self.request("POST", "/api/method/login", json={"usr": user, "pwd": password})
		if r.ok:
			self.take_csrf_token()
		return r

	def take_csrf_token(self):
		"""The session's CSRF token, as a page gives it to its scripts (needed for a logged-in POST)."""
		page = self.session.get(self.base_url + "/contest-notice", timeout=60).text
		match = re.search(r'frappe.csrf_token = "([^"]+)"', page)
		assert match, "no CSRF token on the page"
		self.session.headers["X-Frappe-CSRF-Token"] = match.group(1)


def fresh_ip() -> str:
	"""An address no earlier request came from (a fresh rate-limit counter)."""
	b = uuid.uuid4().bytes
	return f"10.{b[0]}.{b[1]}.{max(b[2], 1)}"


def registration(**overrides) -> dict:
	tag = uuid.uuid4().hex[:8]
	values = {
		"edition": OPEN_EDITION,
		"uscc": random_uscc(),
		"unit_name": f"济南门户注册测试有限公司{tag}",
		"unit_category": "企业",
		"enterprise_nature": "民营",
		"district": "历下区",
		"contact_name": "李四",
		"email": f"portal-{tag}@test.example.com",
		"mobile": "13800000000",
	}
	values.update(overrides)
	return values


def register(server_url: str, ip: str | None = None, **overrides):
	values = registration(**overrides)
	return values, Session(server_url, ip or fresh_ip()).call(REGISTER, **values)


def verification_link(address: str) -> str:
	"""The set-password link of the newest mail queued for `address` (Frappe's welcome mail)."""
	frappe.db.rollback()
	queued = frappe.get_all(
		"Email Queue Recipient", filters={"recipient": address}, pluck="parent", order_by="creation desc", limit=1
	)
	assert queued, f"no mail queued for {address}"
	raw = frappe.db.get_value("Email Queue", queued[0], "message")
	mail = email.message_from_string(raw, policy=policy.default)
	body = "\n".join(
		part.get_content() for part in mail.walk() if part.get_content_type() in ("text/plain", "text/html")
	)
	match = re.search(r"https?://[^\s\"'<>]+/update-password\?key=([A-Za-z0-9]+)", body)
	assert match, body[:2000]
	return match.group(0)


def verify(server_url: str, address: str, password: str = PASSWORD) -> Session:
	"""Open the mailed link's key with a new password, as /update-password does: a logged-in session."""
	key = verification_link(address).rsplit("key=", 1)[1]
	session = Session(server_url, fresh_ip())
	r = session.call(UPDATE_PASSWORD, new_password=password, key=key)
	assert r.ok, r
	session.take_csrf_token()
	return session
