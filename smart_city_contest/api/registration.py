"""Self-registration through the portal (/register): a unit's applicant account, checked and made in
one transaction.

The account is a Website User with the Contest Applicant role (a role without desk access, setup/workflow.py),
without a password: Frappe's welcome mail carries its own set-password link (the reset password
key), so nobody can log in until the owner of the e-mail address has opened it. The unit is
registered as the applicant registers it at the desk (Participant Unit, saved as the new account:
its after_insert ties the unit to the account and gives the User Permission), so every rule of the
unit (USCC per GB 32100 and unique, district, category) is the unit's own.

Guests are rate-limited per IP address (`scc_registrations_per_ip_hour`, 10 an hour unless the site
config says otherwise); Frappe's own throttle on new accounts an hour (`throttle_user_limit`) also
applies. Concurrent registrations queue on one lock (concurrency.serialise_account_saves) and a
deadlock victim is retried whole (concurrency.retry_transaction)."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import validate_email_address

from smart_city_contest.concurrency import retry_transaction
from smart_city_contest.permissions.visibility import UNIT
from smart_city_contest.rules.deadlines import now_in
from smart_city_contest.rules.project_workflow import APPLICANT
from smart_city_contest.rules.registration import mobile_problem, registration_closed_problem
from smart_city_contest.rules.text_safety import markup_problem
from smart_city_contest.rules.uscc import normalise, uscc_problem

LABELS = {
	"edition": "申报届次",
	"uscc": "统一社会信用代码",
	"unit_name": "参赛单位名称",
	"unit_category": "单位类型",
	"enterprise_nature": "企业性质",
	"district": "所在区县",
	"contact_name": "联系人姓名",
	"email": "联系人邮箱",
	"mobile": "联系人手机号",
}
REQUIRED = ("edition", "uscc", "unit_name", "unit_category", "district", "contact_name", "email", "mobile")


class RegistrationRefused(frappe.ValidationError):
	pass


def registrations_per_ip_hour() -> int:
	return int(frappe.conf.get("scc_registrations_per_ip_hour") or 10)


def refuse(field: str, problem: str, exc=RegistrationRefused):
	frappe.throw(_("“{0}”：{1}").format(LABELS[field], problem), exc=exc, title=_("注册未成功"))


def open_editions() -> list[dict]:
	"""The editions a unit may register for now (their application not yet closed), newest first."""
	editions = frappe.get_all(
		"Contest Edition",
		filters={"allow_self_registration": 1},
		fields=["name", "title", "application_start", "application_end", "time_zone"],
		order_by="application_end desc",
	)
	return [
		e for e in editions
		if not registration_closed_problem(True, e.application_end, now_in(e.time_zone or "Asia/Shanghai"))
	]


@frappe.whitelist(allow_guest=True, methods=["POST"])
def register(
	edition: str | None = None,
	uscc: str | None = None,
	unit_name: str | None = None,
	unit_category: str | None = None,
	enterprise_nature: str | None = None,
	district: str | None = None,
	contact_name: str | None = None,
	email: str | None = None,
	mobile: str | None = None,
) -> dict:
	"""Register a unit and its applicant account; a verification mail goes to `email`."""
	try:
		return _limited(
			edition=edition, uscc=uscc, unit_name=unit_name, unit_category=unit_category,
			enterprise_nature=enterprise_nature, district=district, contact_name=contact_name,
			email=email, mobile=mobile,
		)
	except frappe.RateLimitExceededError:
		frappe.local.message_log = []
		frappe.throw(
			_("同一网络地址一小时内注册次数过多，请稍后再试"), frappe.RateLimitExceededError, title=_("注册未成功")
		)


@rate_limit(limit=registrations_per_ip_hour, seconds=60 * 60)
def _limited(**values) -> dict:
	if frappe.session.user != "Guest":
		frappe.throw(_("您已登录，请先退出登录再为其他单位注册"), RegistrationRefused, title=_("注册未成功"))
	values = {k: (v or "").strip() if isinstance(v, str) else v for k, v in values.items()}
	for field in REQUIRED:
		if not values.get(field):
			refuse(field, _("不能为空"))
	_check(values)
	created = _create(values)
	# The account and its unit are committed first: account saves queue on one lock
	# (concurrency.serialise_account_saves), so the welcome mail is rendered and queued after it is
	# released. Should that fail, the account is whole and "忘记密码" on the login page mails a link too.
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — the account first, the mail after (above)
	try:
		_send_verification(created["email"])
	except Exception:
		frappe.db.rollback()
		frappe.local.message_log = []
		frappe.log_error(title=f"Portal registration: verification mail for {created['email']} not queued")
		created["message"] = _(
			"注册成功，但验证邮件未能发送。请稍后在登录页点击“忘记密码”，用 {0} 重新获取验证链接。"
		).format(created["email"])
	return created


def _send_verification(user: str) -> None:
	"""Frappe's welcome mail with its set-password link (User.send_welcome_mail_to_user), queued."""
	doc = frappe.get_doc("User", user)
	doc.flags.delay_emails = True  # through the e-mail queue, not inside the request
	doc.send_welcome_mail_to_user()


def _check(values: dict) -> None:
	"""Everything decidable before writing, in the form's order (the unit's own save checks again)."""
	edition = frappe.db.get_value(
		"Contest Edition", values["edition"],
		["name", "allow_self_registration", "application_end", "time_zone"], as_dict=True,
	)
	if not edition:
		refuse("edition", _("“{0}”不存在").format(values["edition"]))
	now = now_in(edition.time_zone or "Asia/Shanghai")
	if problem := registration_closed_problem(bool(edition.allow_self_registration), edition.application_end, now):
		refuse("edition", problem)
	for field in ("unit_name", "contact_name"):
		if problem := markup_problem(values[field]):
			refuse(field, problem)
	values["uscc"] = normalise(values["uscc"])
	if problem := uscc_problem(values["uscc"]):
		refuse("uscc", problem.message)
	if frappe.db.exists(UNIT, {"uscc": values["uscc"]}):
		refuse("uscc", _("{0} 已经注册，同一单位只能注册一个申报账号；如忘记密码，请在登录页找回").format(values["uscc"]),
			   frappe.DuplicateEntryError)
	if not frappe.db.exists("Contest District", values["district"]):
		refuse("district", _("“{0}”不是本市的区县").format(values["district"]))
	email = validate_email_address(values["email"])
	if not email or "," in email:
		refuse("email", _("“{0}”不是有效的邮箱地址").format(values["email"]))
	values["email"] = email.lower()
	if frappe.db.exists("User", values["email"]):
		refuse("email", _("{0} 已经注册过账号，请直接登录或找回密码").format(values["email"]), frappe.DuplicateEntryError)
	if problem := mobile_problem(values["mobile"]):
		refuse("mobile", problem)
	# Frappe refuses more new accounts an hour than `throttle_user_limit` (User.validate, "Throttled").
	if frappe.db.get_creation_count("User", 60) > frappe.local.conf.get("throttle_user_limit", 60):
		frappe.throw(
			_("近一小时内新注册的账号过多，请稍后再试"), frappe.RateLimitExceededError, title=_("注册未成功")
		)


@retry_transaction
def _create(values: dict) -> dict:
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": values["email"],
			"first_name": values["contact_name"],
			"language": "zh",
			"user_type": "Website User",
			"send_welcome_email": 0,  # sent once the account is committed (register)
			"roles": [{"role": APPLICANT}],
		}
	)
	user.flags.ignore_permissions = True
	try:
		user.insert()
	except frappe.DuplicateEntryError:  # the same address registered a moment ago
		frappe.db.rollback()
		frappe.local.message_log = []
		refuse("email", _("{0} 已经注册过账号，请直接登录或找回密码").format(values["email"]), frappe.DuplicateEntryError)

	guest = frappe.session.user
	frappe.set_user(user.name)  # the unit is registered by its own account, as at the desk
	try:
		unit = frappe.get_doc(
			{
				"doctype": UNIT,
				"unit_name": values["unit_name"],
				"uscc": values["uscc"],
				"unit_category": values["unit_category"],
				"enterprise_nature": values.get("enterprise_nature") or None,
				"district": values["district"],
				"contact_name": values["contact_name"],
				"contact_mobile": values["mobile"],
				"contact_email": values["email"],
			}
		)
		try:
			unit.insert()
		except frappe.UniqueValidationError:  # the same USCC registered a moment ago
			frappe.db.rollback()
			frappe.local.message_log = []
			refuse("uscc", _("{0} 已经注册，同一单位只能注册一个申报账号").format(values["uscc"]), frappe.DuplicateEntryError)
	finally:
		frappe.set_user(guest)
	return {
		"unit": unit.name,
		"email": user.name,
		"message": _("注册成功。验证邮件已发送至 {0}，请打开邮件中的链接设置密码，完成验证后即可登录申报。").format(user.name),
	}
