"""Which fields of a Contest Project a request may change, given the project's state and the user's role."""

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.utils import cint, cstr, flt, get_datetime, getdate

from smart_city_contest.rules.project_workflow import APPLICANT_EDITABLE, SUBMITTED

# Filled by the server only: state, dates, the reason given with a move, the log.
SERVER_FIELDS = (
	"workflow_state",
	"application_date",
	"submitted_on",
	"review_reason",
	"state_log",
	"award_level",
	"awarded_on",
	"archived_application",  # the archived 申报书 (documents/archive.py)
	"archived_on",
)
# The district's check list (permlevel 1: only reviewers and the city bureau can write it).
REVIEWER_FIELDS = (
	"check_unit_eligibility",
	"check_project_eligibility",
	"check_completion_proof",
	"check_pledge",
	"check_materials_complete",
	"review_notes",
)
# Derived from the unit (checked on their own).
DERIVED_FIELDS = ("district", "unit_name")
NOT_CONTENT = frozenset((*SERVER_FIELDS, *REVIEWER_FIELDS, *DERIVED_FIELDS))


def _normal(df, value):
	if df.fieldtype in ("Float", "Currency", "Percent"):
		return flt(value, 6)
	if df.fieldtype in ("Int", "Check"):
		return cint(value)
	if df.fieldtype == "Date":
		return str(getdate(value)) if value else ""
	if df.fieldtype == "Datetime":
		return str(get_datetime(value)) if value else ""
	return cstr(value).strip()


def _table_value(rows):
	out = []
	for row in rows or []:
		meta = frappe.get_meta(row.doctype)
		out.append(
			tuple(_normal(df, row.get(df.fieldname)) for df in meta.fields if df.fieldtype not in no_value_fields)
		)
	return out


def changed_fields(doc, before) -> list[str]:
	"""Fieldnames whose value differs between the stored document and this request's."""
	changed = []
	for df in doc.meta.fields:
		if df.fieldtype in table_fields:
			if _table_value(doc.get(df.fieldname)) != _table_value(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif df.fieldtype not in no_value_fields:
			if _normal(df, doc.get(df.fieldname)) != _normal(df, before.get(df.fieldname)):
				changed.append(df.fieldname)
	return changed


def labels(doc, fieldnames) -> str:
	return "、".join(f"“{doc.meta.get_label(f)}”" for f in fieldnames)


def content_edit_problem(doc, changed: list[str], roles: set[str]) -> str | None:
	content = [f for f in changed if f not in NOT_CONTENT]
	if not content:
		return None
	if doc.workflow_state not in APPLICANT_EDITABLE:
		return f"项目处于“{doc.workflow_state}”状态，申报内容不能修改（{labels(doc, content)}）；如需修改，须由区县审核员退回"
	from smart_city_contest.permissions.visibility import user_scope

	if not (user_scope().everything or "Contest Applicant" in roles):
		return f"申报内容只能由参赛单位填写，不能修改{labels(doc, content)}"
	return None


def checklist_edit_problem(doc, changed: list[str]) -> str | None:
	reviewer = [f for f in changed if f in REVIEWER_FIELDS]
	if reviewer and doc.workflow_state != SUBMITTED:
		return f"审核清单只能在“{SUBMITTED}”状态填写（{labels(doc, reviewer)}）"
	return None
