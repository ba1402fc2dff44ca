"""/my-application: the applicant portal (我的申报). A Website User applicant sees their unit and its
applications, fills them in and submits them here; the page reads with the user's own permissions
(frappe.get_list) and its script writes through the same REST paths as every other client
(/api/resource/..., smart_city_contest.api.workflow.*). It decides nothing itself."""

import frappe
from frappe import _, _lt

from smart_city_contest.district_review.project_flow import edition_now, recommendation_deadline
from smart_city_contest.documents.templates import PRINT_FORMATS
from smart_city_contest.portal_translations import script_messages
from smart_city_contest.rules.domains import DOMAINS
from smart_city_contest.rules.indicators import OTHER, TAXONOMY
from smart_city_contest.rules.project_workflow import (
	APPLICANT,
	APPLICANT_EDITABLE,
	DRAFT,
	RESUBMIT,
	RETURNED,
	SUBMIT,
)

no_cache = 1

UNIT = "Participant Unit"
PROJECT = "Contest Project"
LAYOUT_TYPES = ("Section Break", "Column Break", "Tab Break")
# The portal's parts, in the order of the 申报书: (key, title, doctype, first field, last field).
PARTS = (
	("unit", _lt("（一）参赛单位基本信息"), UNIT, "unit_name", "name_change_proof"),
	("project", _lt("（二）参赛项目基本信息"), PROJECT, "project_name", "decl_completed"),
	("report", _lt("三、项目方案及完成情况报告"), PROJECT, "overview", "promotion_plan"),
	("performance", _lt("项目绩效评价表"), PROJECT, "project_type", "other_notes"),
	("attachments", _lt("相关附件"), PROJECT, "completion_proof", "attachments"),
)
# Set by the server, never by the applicant's form.
SERVER_SET = {"user"}
# The print format of the pledge the applicant downloads to stamp.
PLEDGE_FORMAT = next(spec.name for spec in PRINT_FORMATS if spec.part == "pledge")


def get_context(context):
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/my-application"
		raise frappe.Redirect
	context.no_cache = 1
	context.title = _("我的申报")
	context.portal_messages = script_messages(
		"www/my-application.html", "templates/includes/portal_api.html", "templates/includes/portal_form.js"
	)
	context.is_applicant = APPLICANT in frappe.get_roles()
	units = frappe.get_list(UNIT, fields=["name", "unit_name", "uscc", "district"], limit=1) if context.is_applicant else []
	context.unit = units[0] if units else None
	if not context.unit:
		return context
	projects = frappe.get_list(
		PROJECT,
		filters={"unit": context.unit.name},
		fields=["name", "project_name", "contest", "workflow_state", "district", "review_reason", "submitted_on"],
		order_by="creation desc",
	)
	for p in projects:
		p.returned_reason = _returned_reason(p.name) if p.workflow_state == RETURNED else None
		p.editable = p.workflow_state in APPLICANT_EDITABLE
		p.badge = {RETURNED: "badge-danger", DRAFT: "badge-warning"}.get(p.workflow_state, "badge-info")
		p.action = {DRAFT: SUBMIT, RETURNED: RESUBMIT}.get(p.workflow_state)
		p.deadline, p.seconds_left = _deadline(p)
	context.projects = projects
	applied = {p.contest for p in projects}
	context.open_editions = [e for e in _editions_open_for_application() if e.name not in applied]
	current = frappe.form_dict.get("project")
	context.current = next((p for p in projects if p.name == current), None) or (projects[0] if len(projects) == 1 else None)
	context.domains = DOMAINS  # the 申报表's order
	context.parts = _parts()
	context.taxonomy = {**{k: list(v) for k, v in TAXONOMY.items()}, OTHER: [OTHER]}
	context.other = OTHER
	context.city_funded_options = frappe.get_meta(PROJECT).get_field("city_funded").options.split("\n")
	context.pledge_format = PLEDGE_FORMAT
	return context


def _returned_reason(project: str) -> str | None:
	"""The district's reason on the latest 退回修改 (the project's state log)."""
	rows = frappe.get_all(
		"Contest Project State Log",
		filters={"parent": project, "parenttype": PROJECT, "to_state": RETURNED},
		fields=["reason", "at"],
		order_by="idx desc",
		limit=1,
	)
	return rows[0].reason if rows else None


def _deadline(project) -> tuple[str | None, int | None]:
	"""The deadline of the applicant's next step (提交: the application's end; 重新提交: the district's
	recommendation deadline, with any extension), and the seconds left on the server's clock."""
	if project.workflow_state == DRAFT:
		deadline = frappe.utils.get_datetime(frappe.db.get_value("Contest Edition", project.contest, "application_end"))
	elif project.workflow_state == RETURNED:
		deadline = recommendation_deadline(project.contest, project.district)
	else:
		return None, None
	left = int((deadline - edition_now(project.contest)).total_seconds())
	return deadline.strftime("%Y-%m-%d %H:%M"), left


def _editions_open_for_application() -> list:
	editions = frappe.get_all(
		"Contest Edition", fields=["name", "title", "application_start", "application_end", "time_zone"],
		order_by="application_end desc",
	)
	return [e for e in editions if e.application_start <= edition_now(e.name) < e.application_end]


def _parts() -> list[dict]:
	"""Each part's fields with the labels and options of the DocType (the server's own definitions)."""
	parts = []
	for key, title, doctype, first, last in PARTS:
		meta = frappe.get_meta(doctype)
		names = [f.fieldname for f in meta.fields]
		fields = []
		for df in meta.fields[names.index(first) : names.index(last) + 1]:
			if df.fieldname in SERVER_SET or df.read_only or df.hidden:
				continue
			fields.append(
				{
					"fieldname": df.fieldname,
					"fieldtype": df.fieldtype,
					"label": _(df.label) if df.label else "",
					"options": [o for o in (df.options or "").split("\n")] if df.fieldtype == "Select" else df.options,
					"reqd": df.reqd,
					"description": _(df.description) if df.description else "",
					"depends_on": df.depends_on or "",
				}
			)
		parts.append({"key": key, "title": str(title), "doctype": doctype, "fields": fields})
	for doctype in ("Performance Indicator", "Contest Project Attachment"):
		meta = frappe.get_meta(doctype)
		parts.append(
			{
				"key": doctype,
				"doctype": doctype,
				"fields": [
					{
						"fieldname": df.fieldname, "fieldtype": df.fieldtype, "label": _(df.label) if df.label else df.label,
						"reqd": df.reqd,
						"options": (df.options or "").split("\n") if df.fieldtype == "Select" else df.options,
					}
					for df in meta.fields if df.fieldtype not in LAYOUT_TYPES
				],
			}
		)
	return parts
