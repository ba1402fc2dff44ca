"""Which fields of a Contest Project a request may change, given the project's state and the user's role."""

import frappe
from frappe import _
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
	"stamped_application_on",  # when the stamped 申报书 scan was last uploaded
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
# Records of the paper trail, each with its own rule (record_edit_problem): the stamped 申报书 scan
# (the unit, in any state: the stamp comes after the PDF, which for a submitted project is its
# archive) and the receipt of the paper copy at 信息化与数字经济处 (the city bureau only).
STAMP_FIELD = "stamped_application"
PAPER_FIELDS = ("paper_received_on", "paper_received_by")
RECORD_FIELDS = (STAMP_FIELD, *PAPER_FIELDS)
NOT_CONTENT = frozenset((*SERVER_FIELDS, *REVIEWER_FIELDS, *DERIVED_FIELDS, *RECORD_FIELDS))


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
	return "、".join(_("“{0}”").format(_(doc.meta.get_label(f))) for f in fieldnames)


def content_edit_problem(doc, changed: list[str], roles: set[str]) -> str | None:
	content = [f for f in changed if f not in NOT_CONTENT]
	if not content:
		return None
	if doc.workflow_state not in APPLICANT_EDITABLE:
		return _("项目处于“{0}”状态，申报内容不能修改（{1}）；如需修改，须由区县审核员退回").format(
			doc.workflow_state, labels(doc, content)
		)
	from smart_city_contest.permissions.visibility import user_scope

	if not (user_scope().everything or "Contest Applicant" in roles):
		return _("申报内容只能由参赛单位填写，不能修改{0}").format(labels(doc, content))
	return None


def checklist_edit_problem(doc, changed: list[str]) -> str | None:
	reviewer = [f for f in changed if f in REVIEWER_FIELDS]
	if reviewer and doc.workflow_state != SUBMITTED:
		return _("审核清单只能在“{0}”状态填写（{1}）").format(SUBMITTED, labels(doc, reviewer))
	return None


def record_edit_problem(doc, changed: list[str], scope, today) -> tuple[str, str, bool] | None:
	"""(fieldname, Chinese problem, whether it is the user who may not) when this request may not change
	a paper-trail record, else None.

	The stamped 申报书 scan: the project's own unit (or the city bureau), in any state; once the
	project is submitted it can be replaced but not removed. The paper copy's receipt: the city
	bureau only, once the project has been submitted, never dated in the future."""
	if STAMP_FIELD in changed:
		if not (scope.everything or doc.unit in scope.units):
			return STAMP_FIELD, _("盖章申报书扫描件只能由本项目的参赛单位上传"), True
		if not doc.get(STAMP_FIELD) and doc.workflow_state not in APPLICANT_EDITABLE:
			return STAMP_FIELD, _("项目处于“{0}”状态，盖章申报书扫描件只能替换，不能删除").format(doc.workflow_state), False
	paper = [f for f in PAPER_FIELDS if f in changed]
	if paper:
		if not scope.everything:
			return paper[0], _("纸质材料接收情况只能由市工业和信息化局登记"), True
		if doc.workflow_state in (None, "", *APPLICANT_EDITABLE):
			return paper[0], _("项目处于“{0}”状态，尚未提交，不能登记纸质材料接收").format(doc.workflow_state or "草稿"), False
		if doc.get("paper_received_by") and not doc.get("paper_received_on"):
			return "paper_received_on", _("登记接收人时须填写接收日期"), False
		if doc.get("paper_received_on") and getdate(doc.paper_received_on) > getdate(today):
			return "paper_received_on", _("接收日期不能晚于今天（{0}）").format(getdate(today)), False
	return None


def validate_record_fields(doc, method=None):
	"""doc_events validate of Contest Project: the paper-trail records' own rule (above); the server
	notes when the stamped scan was uploaded and, for a receipt without a name, who recorded it.
	Every change is kept in the project's version history (track_changes)."""
	from smart_city_contest.district_review.project_flow import edition_now
	from smart_city_contest.errors import throw_for_field
	from smart_city_contest.permissions.visibility import user_scope

	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is None:
		changed = [f for f in RECORD_FIELDS if doc.get(f)]
	else:
		changed = [f for f in RECORD_FIELDS if cstr(doc.get(f)).strip() != cstr(before.get(f)).strip()]
	if not changed:
		return
	now = edition_now(doc.contest) if doc.contest else frappe.utils.now_datetime()
	if problem := record_edit_problem(doc, changed, user_scope(), now.date()):
		fieldname, message, forbidden = problem
		throw_for_field(doc, fieldname, message, frappe.PermissionError if forbidden else frappe.ValidationError)
	if STAMP_FIELD in changed:
		doc.stamped_application_on = now if doc.get(STAMP_FIELD) else None
	if doc.get("paper_received_on") and not doc.get("paper_received_by"):
		doc.paper_received_by = frappe.utils.get_fullname(frappe.session.user)


# Participant Unit --------------------------------------------------------------------------------
# The unit's data is part (一) of every 申报书 and the columns of the 推荐汇总表: once one of its
# projects is past 草稿/退回修改, what was submitted stays as submitted. A return unlocks it; the city
# bureau may still correct it (Frappe's Version of the unit and a timeline comment record the change).
UNIT_NOT_CONTENT = frozenset(("user",))


def locking_project(unit: str) -> dict | None:
	"""The unit's first project past 草稿/退回修改 (name, workflow_state) in an edition whose results are
	not published yet, which locks the unit; or None. Once an edition's results are published (公布结果)
	its documents are settled (the archived 申报书, the filed 推荐汇总表 items, the certificates), so the
	unit can bring its data up to date for the next edition."""
	rows = frappe.db.sql(
		"""select p.name, p.workflow_state from `tabContest Project` p
		join `tabContest Edition` e on e.name = p.contest
		where p.unit = %(unit)s and p.workflow_state not in %(editable)s and ifnull(e.results_published, 0) = 0
		order by p.creation asc limit 1""",
		{"unit": unit, "editable": tuple(APPLICANT_EDITABLE)},
		as_dict=True,
	)
	return rows[0] if rows else None


def unit_content_changes(doc, before) -> list[str]:
	return [f for f in changed_fields(doc, before) if f not in UNIT_NOT_CONTENT]


def unit_edit_problem(doc, changed: list[str], locking: dict | None, city: bool) -> str | None:
	"""None when the change may be saved; otherwise why not, naming the locked fields."""
	if not changed or not locking or city:
		return None
	return _(
		"本单位的项目{0}处于“{1}”状态，参赛单位信息已随申报书锁定，不能修改{2}；如需修改，须由区县审核员退回修改，或请市工业和信息化局更正"
	).format(locking["name"], locking["workflow_state"], labels(doc, changed))
