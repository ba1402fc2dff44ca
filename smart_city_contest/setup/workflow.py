"""Roles and the Contest Project workflow, created or brought up to date on install and migrate.

The Frappe Workflow has no module, so it cannot ship as a standard file; it is built here from
smart_city_contest.rules.project_workflow, the single description of the application's path.
"""

import frappe

from smart_city_contest.rules import project_workflow as wf

WORKFLOW_NAME = "Contest Project Workflow"

ROLES = {
	wf.APPLICANT: "参赛单位用户：登记本单位，填报并提交本单位的申报书",
	wf.DISTRICT_REVIEWER: "区县审核员：审核本区县参赛单位的资格和材料，推荐项目并报送推荐汇总表",
	wf.CONTEST_ADMIN: "市局管理员：管理大赛届次、区县、专家、延期，受理推荐并组织评审",
	wf.EXPERT: "评审专家：对分配的项目评分",
}


# Applicants work in the portal (/my-application), never in the desk: without desk access, Frappe makes
# every account whose only contest role is Contest Applicant a Website User (User.set_system_user), and
# turns it away from /app (frappe/www/app.py). Staff keep the desk.
DESK_ACCESS = {wf.APPLICANT: 0, wf.DISTRICT_REVIEWER: 1, wf.CONTEST_ADMIN: 1, wf.EXPERT: 1}


def sync_roles():
	for role, description in ROLES.items():
		if not frappe.db.exists("Role", role):
			frappe.get_doc(
				{"doctype": "Role", "role_name": role, "desk_access": DESK_ACCESS[role], "description": description}
			).insert(ignore_permissions=True)
	apply_desk_access()


def apply_desk_access():
	"""Give each contest role the desk access DESK_ACCESS says. Frappe creates the roles its DocTypes'
	permissions name, with desk access, before this app's install code runs; and sites of earlier
	releases gave applicants the desk. Saving a role whose desk access changes makes Frappe re-evaluate
	every account holding it (Role.update_user_type_on_change): an applicant becomes a Website User."""
	for role, desk_access in DESK_ACCESS.items():
		if frappe.db.get_value("Role", role, "desk_access") not in (None, desk_access):
			doc = frappe.get_doc("Role", role)
			doc.desk_access = desk_access
			doc.save(ignore_permissions=True)


def sync_workflow():
	for state, style, _role in wf.STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state, "style": style}).insert(
				ignore_permissions=True
			)
	for action in dict.fromkeys(t.action for t in wf.MANUAL_TRANSITIONS):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)

	doc = (
		frappe.get_doc("Workflow", WORKFLOW_NAME)
		if frappe.db.exists("Workflow", WORKFLOW_NAME)
		else frappe.new_doc("Workflow")
	)
	doc.update(
		{
			"workflow_name": WORKFLOW_NAME,
			"document_type": "Contest Project",
			"workflow_state_field": "workflow_state",
			"is_active": 1,
			"override_status": 0,  # show the workflow state as the document's status pill
			"send_email_alert": 0,
		}
	)
	doc.set("states", [{"state": s, "doc_status": "0", "allow_edit": role} for s, _style, role in wf.STATES])
	doc.set(
		"transitions",
		[
			{"state": t.state, "action": t.action, "next_state": t.next_state, "allowed": t.role, "allow_self_approval": 1}
			for t in wf.MANUAL_TRANSITIONS
		],
	)
	doc.flags.ignore_permissions = True
	doc.save()
