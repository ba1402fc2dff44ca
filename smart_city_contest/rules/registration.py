"""Self-registration (自主注册) of a participant unit's applicant account: when it is open and what
the contact's details must look like. The account and the unit themselves are checked by their own
homes (the User for the e-mail, Participant Unit for the USCC, name, category and district)."""

import re
from datetime import datetime

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def mobile_problem(value: str | None) -> str | None:
	"""None for a mainland mobile number (11 digits, 13x-19x); otherwise what is wrong, in Chinese."""
	number = re.sub(r"[\s-]", "", value or "")
	if not number:
		return "不能为空"
	if not MOBILE.match(number):
		return f"“{value}”不是有效的手机号（应为1开头的11位数字）"
	return None


def registration_closed_problem(allowed: bool, application_end: datetime, now: datetime) -> str | None:
	"""None when units may still register themselves for the edition; otherwise why not."""
	if not allowed:
		return "本届大赛未开放自主注册，请联系所在区县主管部门或市局开通申报账号"
	if now >= application_end:
		return f"本届大赛申报已于{application_end:%Y-%m-%d %H:%M}截止，不再受理注册"
	return None
