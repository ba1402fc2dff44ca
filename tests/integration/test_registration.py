"""Self-registration through the portal (issue #13): a unit registers its applicant account itself,
verifies its e-mail with Frappe's welcome mail, and works as a Website User, never in the desk.

Everything goes through HTTP as the /register page posts it (guests, cookies only); the site is read
in-process. Each registration comes from its own X-Forwarded-For address (Frappe counts rate limits
per client address) unless the test is about the limit."""

import json
import time

import frappe
import pytest

from smart_city_contest.api.registration import registrations_per_ip_hour
from smart_city_contest.rules.project_workflow import APPLICANT
from tests.factories import random_uscc
from tests.integration.portal import PASSWORD, REGISTER, Session, fresh_ip, register, registration, verify
from tests.integration.test_concurrent_submissions import no_account_throttle, run_together  # noqa: F401
from tests.integration.world import make_edition, move_edition

BURST = 50
# The suite makes more accounts in an hour than Frappe's default throttle (60) allows.
pytestmark = pytest.mark.usefixtures("no_account_throttle")


def text(r) -> str:
	return json.dumps(r.json, ensure_ascii=False) + r.message


def test_unit_registers_verifies_and_works_in_the_portal_only(server_url):
	values, r = register(server_url)
	assert r.ok, r
	assert "验证邮件已发送" in r.data["message"]
	frappe.db.rollback()
	user = frappe.get_doc("User", values["email"])
	assert user.user_type == "Website User"
	assert [row.role for row in user.roles] == [APPLICANT]
	unit = frappe.get_doc("Participant Unit", {"uscc": values["uscc"]})
	assert (unit.user, unit.unit_name, unit.district, unit.contact_mobile) == (
		values["email"], values["unit_name"], values["district"], values["mobile"]
	)
	assert frappe.get_all(
		"User Permission", filters={"user": values["email"], "allow": "Participant Unit"}, pluck="for_value"
	) == [unit.name]

	# Before the mailed link is opened the account has no password: nobody can log in.
	guest = Session(server_url, fresh_ip())
	assert guest.login(values["email"], PASSWORD).status == 401

	applicant = verify(server_url, values["email"])
	r = applicant.request("GET", "/api/method/frappe.auth.get_logged_user")
	assert r.data == values["email"]
	assert applicant.get("Participant Unit", unit.name).ok
	# Another unit's record stays out of reach.
	other_values, r = register(server_url)
	assert r.ok, r
	frappe.db.rollback()
	other = frappe.db.get_value("Participant Unit", {"uscc": other_values["uscc"]})
	assert applicant.get("Participant Unit", other).status == 403

	# Logging in (as the login page does) leads to the portal, whose page shows the unit.
	again = Session(server_url, fresh_ip())
	r = again.login(values["email"], PASSWORD)
	assert r.ok and r.json.get("message") == "No App" and r.json.get("home_page") == "/my-application", r.json
	page = again.session.get(server_url + "/my-application", timeout=60)
	assert page.status_code == 200 and values["unit_name"] in page.text and "我的申报" in page.text
	guest_page = Session(server_url).session.get(server_url + "/my-application", timeout=60, allow_redirects=False)
	assert guest_page.status_code in (301, 302) and "/login" in guest_page.headers["Location"]

	# The desk turns the applicant away (Frappe's own rule for Website Users).
	desk = applicant.session.get(server_url + "/app", timeout=60)
	assert desk.status_code == 403, desk.status_code
	# Saving the account again (as the bureau might) keeps it off the desk.
	frappe.set_user("Administrator")
	user = frappe.get_doc("User", values["email"])
	user.first_name = "李四（已核实）"
	user.save()
	frappe.db.commit()
	assert frappe.db.get_value("User", values["email"], "user_type") == "Website User"

	# A second registration for the same unit or address is refused, naming the field.
	_v, r = register(server_url, uscc=values["uscc"])
	assert not r.ok and "“统一社会信用代码”" in text(r) and "已经注册" in text(r), r
	_v, r = register(server_url, email=values["email"])
	assert not r.ok and "“联系人邮箱”" in text(r) and "已经注册" in text(r), r


@pytest.mark.parametrize(
	"overrides, field, problem",
	[
		({"uscc": ""}, "统一社会信用代码", "不能为空"),
		({"uscc": "91370100MA3C4F5X8"}, "统一社会信用代码", "应为18位"),
		({"uscc": random_uscc()[:-1] + "I"}, "统一社会信用代码", "不允许的字符"),
		({"unit_name": " "}, "参赛单位名称", "不能为空"),
		({"district": "不存在区"}, "所在区县", "不是本市的区县"),
		({"contact_name": ""}, "联系人姓名", "不能为空"),
		({"email": "not-an-address"}, "联系人邮箱", "不是有效的邮箱地址"),
		({"mobile": "12345"}, "联系人手机号", "不是有效的手机号"),
		({"edition": "不存在的届次"}, "申报届次", "不存在"),
		({"unit_category": "企业", "enterprise_nature": ""}, "企业性质", "须选择"),
		({"unit_name": "<img src=x onerror=alert(1)>科技公司"}, "参赛单位名称", "不能"),
		({"contact_name": "<script>alert(1)</script>"}, "联系人姓名", "不能"),
	],
)
def test_every_refusal_names_the_field_and_saves_nothing(server_url, overrides, field, problem):
	values, r = register(server_url, **overrides)
	assert not r.ok, r
	assert field in text(r) and problem in text(r), r
	frappe.db.rollback()
	assert not frappe.db.exists("User", values["email"])
	if values["uscc"]:
		assert not frappe.db.exists("Participant Unit", {"uscc": values["uscc"]})


def test_a_check_digit_error_says_which_digit(server_url):
	good = random_uscc()
	wrong = "0" if good[-1] != "0" else "1"
	_v, r = register(server_url, uscc=good[:-1] + wrong)
	assert not r.ok and "校验位（第18位）错误" in text(r), r


def test_the_city_switches_registration_off_per_edition(server_url):
	edition = make_edition(f"门户注册关闭届次{frappe.generate_hash(length=6)}")
	_v, r = register(server_url, edition=edition)
	assert r.ok, r
	move_edition(edition, allow_self_registration=0)
	values, r = register(server_url, edition=edition)
	assert not r.ok and "“申报届次”" in text(r) and "未开放自主注册" in text(r), r
	assert not frappe.db.exists("User", values["email"])
	# The /register page says so when no edition is open (this one is not offered any more).
	page = Session(server_url).session.get(server_url + "/register", timeout=60).text
	assert edition not in page


def test_registration_closes_with_the_application_window(server_url):
	from tests.factories import edition_windows

	edition = make_edition(f"门户注册截止届次{frappe.generate_hash(length=6)}")
	move_edition(edition, **edition_windows(application_opened_days_ago=30, application_closes_in_days=-1))
	_v, r = register(server_url, edition=edition)
	assert not r.ok and "“申报届次”" in text(r) and "申报已于" in text(r) and "截止" in text(r), r


def test_guests_are_rate_limited_per_address(server_url):
	ip = fresh_ip()
	client = Session(server_url, ip)
	limit = registrations_per_ip_hour()
	for _ in range(limit):  # refused registrations count too: a guest cannot probe USCCs endlessly
		r = client.call(REGISTER, **registration(mobile="1"))
		assert not r.ok and r.status != 429, r
	r = client.call(REGISTER, **registration())
	assert r.status == 429 and "注册次数过多" in text(r), r
	# Another address is not affected.
	_v, r = register(server_url)
	assert r.ok, r


def test_a_burst_of_registrations_all_succeed(server_url):
	"""50 units register at the same moment (Frappe's User insert deadlocks when raced): every one
	gets its account, its unit and its verification mail, once."""
	payloads = [registration() for _ in range(BURST)]
	ips = [fresh_ip() for _ in range(BURST)]

	def go(i):
		started = time.monotonic()
		r = Session(server_url, ips[i], timeout=300).call(REGISTER, **payloads[i])
		r.seconds = time.monotonic() - started
		return r

	results = run_together(BURST, go)
	failed = [r for r in results if isinstance(r, Exception) or not r.ok]
	assert not failed, f"{len(failed)} of {BURST} failed: {failed[:3]}"
	slowest = max(r.seconds for r in results)
	print(f"{BURST} registrations at once: all succeeded, the slowest answered in {slowest:.1f} s")

	frappe.db.rollback()
	for values in payloads:
		assert frappe.db.count("User", {"name": values["email"]}) == 1
		assert frappe.db.get_value("User", values["email"], "user_type") == "Website User"
		assert frappe.db.count("Participant Unit", {"uscc": values["uscc"], "user": values["email"]}) == 1
		assert frappe.db.count("Email Queue Recipient", {"recipient": values["email"]}) >= 1


def test_the_same_unit_registering_twice_at_once_gets_one_account(server_url):
	uscc = random_uscc()
	payloads = [registration(uscc=uscc) for _ in range(6)]

	results = run_together(len(payloads), lambda i: Session(server_url, fresh_ip()).call(REGISTER, **payloads[i]))
	assert sum(1 for r in results if r.ok) == 1, results
	for r in results:
		if not r.ok:
			assert r.status < 500 and "“统一社会信用代码”" in text(r), r
	frappe.db.rollback()
	assert frappe.db.count("Participant Unit", {"uscc": uscc}) == 1
	assert sum(1 for p in payloads if frappe.db.exists("User", p["email"])) == 1
