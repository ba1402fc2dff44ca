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


@frappe.whitelist(methods=["GET", "POST"])
def submission_check(project: str):
	"""GET /api/method/smart_city_contest.api.workflow.submission_check?project=PRJ-00001
	→ {"project", "workflow_state", "complete", "missing": [the pieces 提交 would name]}. Read-only;
	needs read permission on the project (the same check list 提交/重新提交 applies)."""
	from frappe import _

	if not frappe.db.exists("Contest Project", project):
		frappe.throw(_("参赛项目{0}不存在").format(project), frappe.DoesNotExistError)
	doc = frappe.get_doc("Contest Project", project)
	if not frappe.has_permission("Contest Project", "read", doc):
		frappe.throw(_("您没有查看参赛项目{0}的权限").format(project), frappe.PermissionError, title=_("没有权限"))
	missing = doc.missing_pieces()
	return {"project": doc.name, "workflow_state": doc.workflow_state, "complete": not missing, "missing": missing}
