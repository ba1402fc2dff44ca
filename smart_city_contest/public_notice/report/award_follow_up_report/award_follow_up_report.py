"""获奖项目跟踪: per winner of an edition, its 获奖证书 and what followed the award (纳入市级试点示范,
奖补 amount / status / date paid, 劳动竞赛推荐), in certificate order, with totals. Exportable (XLSX/CSV)
from the report's menu like every Script Report."""

import frappe
from frappe import _

FIELDS = (
	"certificate_no", "project", "project_name", "unit_name", "district", "award_level", "pilot_included",
	"pilot_date", "subsidy_amount", "subsidy_status", "subsidy_paid_on", "labour_contest_recommended",
	"labour_contest_note",
)


def execute(filters=None):
	filters = frappe._dict(filters or {})
	contest = filters.contest or frappe.db.get_value("Contest Edition", {}, "name", order_by="year desc")
	if not contest:
		return columns(), [], None
	conditions = {"contest": contest}
	for key in ("district", "award_level", "subsidy_status"):
		if filters.get(key):
			conditions[key] = filters.get(key)
	rows = frappe.get_all("Award Follow Up", filters=conditions, fields=list(FIELDS), order_by="certificate_no asc")
	for row in rows:
		row.pilot_included = _("是") if row.pilot_included else _("否")
		row.labour_contest_recommended = _("是") if row.labour_contest_recommended else _("否")
	summary = summarise(rows)
	message = _("获奖项目{0}个；纳入市级试点示范{1}个；奖补合计{2}万元，已拨付{3}万元；推荐劳动竞赛{4}个").format(
		summary["winners"], summary["pilot"], summary["subsidy"], summary["paid"], summary["labour"]
	)
	return columns(), rows, message


def summarise(rows) -> dict:
	return {
		"winners": len(rows),
		"pilot": sum(1 for r in rows if r.pilot_included == _("是")),
		"subsidy": round(sum(r.subsidy_amount or 0 for r in rows), 2),
		"paid": round(sum(r.subsidy_amount or 0 for r in rows if r.subsidy_status == "已拨付"), 2),
		"labour": sum(1 for r in rows if r.labour_contest_recommended == _("是")),
	}


def columns():
	return [
		{"fieldname": "certificate_no", "label": _("证书编号"), "fieldtype": "Data", "width": 100},
		{"fieldname": "project", "label": _("项目编号"), "fieldtype": "Link", "options": "Contest Project", "width": 110},
		{"fieldname": "project_name", "label": _("项目名称"), "fieldtype": "Data", "width": 220},
		{"fieldname": "unit_name", "label": _("参赛单位"), "fieldtype": "Data", "width": 200},
		{"fieldname": "district", "label": _("区县"), "fieldtype": "Link", "options": "Contest District", "width": 90},
		{"fieldname": "award_level", "label": _("获奖等次"), "fieldtype": "Data", "width": 80},
		{"fieldname": "pilot_included", "label": _("纳入市级试点示范"), "fieldtype": "Data", "width": 120},
		{"fieldname": "pilot_date", "label": _("纳入日期"), "fieldtype": "Date", "width": 100},
		{"fieldname": "subsidy_amount", "label": _("奖补金额（万元）"), "fieldtype": "Float", "precision": 2, "width": 120},
		{"fieldname": "subsidy_status", "label": _("拨付状态"), "fieldtype": "Data", "width": 80},
		{"fieldname": "subsidy_paid_on", "label": _("拨付日期"), "fieldtype": "Date", "width": 100},
		{"fieldname": "labour_contest_recommended", "label": _("推荐劳动竞赛"), "fieldtype": "Data", "width": 100},
		{"fieldname": "labour_contest_note", "label": _("推荐说明"), "fieldtype": "Data", "width": 200},
	]
