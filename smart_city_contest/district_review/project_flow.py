"""Moving a Contest Project along its workflow: who, when (the edition's windows), and the record of it."""

from datetime import datetime

import frappe
from frappe import _

from smart_city_contest.errors import DeadlinePassed, InvalidTransition
from smart_city_contest.rules import deadlines
from smart_city_contest.rules.project_workflow import Transition, find_transition, transition_problem


def edition_now(contest: str) -> datetime:
	"""The server's clock in the edition's time zone (never the client's)."""
	time_zone = frappe.db.get_value("Contest Edition", contest, "time_zone") or "Asia/Shanghai"
	return deadlines.now_in(time_zone)


def extended_until(contest: str, district: str) -> datetime | None:
	value = frappe.db.get_value("District Deadline Extension", {"contest": contest, "district": district}, "extended_until")
	return frappe.utils.get_datetime(value) if value else None


def recommendation_deadline(contest: str, district: str) -> datetime:
	deadline = frappe.utils.get_datetime(frappe.db.get_value("Contest Edition", contest, "recommendation_deadline"))
	return deadlines.effective_recommendation_deadline(deadline, extended_until(contest, district))


def application_window_problem(contest: str) -> str | None:
	start, end = frappe.db.get_value("Contest Edition", contest, ["application_start", "application_end"])
	return deadlines.application_window_problem(
		frappe.utils.get_datetime(start), frappe.utils.get_datetime(end), edition_now(contest)
	)


def recommendation_window_problem(contest: str, district: str) -> str | None:
	opens, deadline = frappe.db.get_value("Contest Edition", contest, ["application_start", "recommendation_deadline"])
	return deadlines.recommendation_window_problem(
		frappe.utils.get_datetime(opens),
		frappe.utils.get_datetime(deadline),
		extended_until(contest, district),
		edition_now(contest),
	)


def window_problem(transition: Transition, contest: str, district: str) -> str | None:
	if transition.window == "application":
		return application_window_problem(contest)
	if transition.window == "recommendation":
		return recommendation_window_problem(contest, district)
	return None


def apply_action(project: str, action: str, reason: str | None = None):
	"""Take a manual workflow `action` on `project` as the session user; the controller checks the rest."""
	doc = frappe.get_doc("Contest Project", project)
	doc.check_permission("read")
	if problem := transition_problem(doc.workflow_state, action, set(frappe.get_roles()), reason):
		frappe.throw(problem, InvalidTransition, title=_("不能办理"))
	transition = find_transition(doc.workflow_state, action)
	if problem := window_problem(transition, doc.contest, doc.district):
		frappe.throw(problem, DeadlinePassed, title=_("不在办理时间内"))
	doc.flags.transition = transition
	doc.flags.transition_reason = (reason or "").strip() or None
	doc.save()
	return doc


def apply_system_transition(project: str, action: str, reason: str | None = None, values: dict | None = None):
	"""A move made by the app itself (推荐汇总表报送, 分配专家, 授奖), setting server-managed `values` with
	it; the caller has checked who and when."""
	doc = frappe.get_doc("Contest Project", project, for_update=True)
	doc.update(values or {})
	transition = find_transition(doc.workflow_state, action, system=True)
	if transition is None:
		frappe.throw(
			_("项目{0}处于“{1}”状态，不能{2}").format(doc.name, doc.workflow_state, action), InvalidTransition
		)
	doc.flags.transition = transition
	doc.flags.transition_reason = reason
	doc.flags.ignore_permissions = True
	doc.save()
	return doc
