"""The workflow surface: one whitelisted action endpoint, and the desk's workflow buttons routed to it."""

import frappe
from frappe.model import workflow as frappe_workflow

from smart_city_contest.concurrency import retry_transaction
from smart_city_contest.district_review.project_flow import apply_action


@frappe.whitelist(methods=["POST"])
@retry_transaction
def apply_project_action(project: str, action: str, reason: str | None = None):
	"""POST /api/method/smart_city_contest.api.workflow.apply_project_action
	{"project": "PRJ-00001", "action": "退回修改", "reason": "…"} → the updated project."""
	return apply_action(project, action, reason).as_dict()


@frappe.whitelist(methods=["POST"])
@retry_transaction
def apply_workflow(doc, action):
	"""Overrides frappe.model.workflow.apply_workflow (the desk's workflow buttons): Contest Project goes
	through apply_action (windows, reasons, check list, log); every other DocType is untouched."""
	parsed = frappe.parse_json(doc)
	if parsed.get("doctype") == "Contest Project":
		return apply_action(parsed.get("name"), action, parsed.get("__transition_reason"))
	return frappe_workflow.apply_workflow(doc, action)
