"""区县报送情况: every district of an edition — has it filed its 推荐汇总表, when, with how many projects,
and by which deadline (extensions included). The city bureau's view of who has not submitted."""

import frappe
from frappe import _

from smart_city_contest.district_review.project_flow import edition_now
from smart_city_contest.rules import deadlines
from smart_city_contest.rules.project_workflow import RECOMMENDED, SUBMITTED


def execute(filters=None):
	filters = frappe._dict(filters or {})
	contest = filters.contest or frappe.db.get_value("Contest Edition", {}, "name", order_by="year desc")
	if not contest:
		return columns(), []
	return columns(), rows(contest)


def columns():
	return [
		{"fieldname": "district", "label": _("区县"), "fieldtype": "Link", "options": "Contest District", "width": 110},
		{"fieldname": "bureau_name", "label": _("推荐单位"), "fieldtype": "Data", "width": 220},
		{"fieldname": "status", "label": _("报送状态"), "fieldtype": "Data", "width": 100},
		{"fieldname": "recommendation", "label": _("推荐汇总表"), "fieldtype": "Link", "options": "District Recommendation", "width": 120},
		{"fieldname": "submitted_on", "label": _("报送时间"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "project_count", "label": _("报送项目数"), "fieldtype": "Int", "width": 100},
		{"fieldname": "stamped_summary", "label": _("推荐汇总表盖章扫描件"), "fieldtype": "Data", "width": 150},
		{"fieldname": "stamped_applications", "label": _("已传盖章申报书"), "fieldtype": "Int", "width": 120},
		{"fieldname": "paper_received", "label": _("已收纸质材料"), "fieldtype": "Int", "width": 110},
		{"fieldname": "pending", "label": _("待审核项目数"), "fieldtype": "Int", "width": 110},
		{"fieldname": "recommended", "label": _("已推荐未报送"), "fieldtype": "Int", "width": 110},
		{"fieldname": "deadline", "label": _("报送截止时间（含延期）"), "fieldtype": "Datetime", "width": 170},
		{"fieldname": "extension_reason", "label": _("延期原因"), "fieldtype": "Data", "width": 200},
	]


def rows(contest: str) -> list[dict]:
	edition_deadline = frappe.utils.get_datetime(frappe.db.get_value("Contest Edition", contest, "recommendation_deadline"))
	now = edition_now(contest)
	districts = frappe.get_all(
		"Contest District", filters={"enabled": 1}, fields=["name", "bureau_name"], order_by="sort_order asc"
	)
	recs = {
		r.district: r
		for r in frappe.get_all(
			"District Recommendation",
			filters={"contest": contest, "docstatus": ("<", 2)},
			fields=["name", "district", "docstatus", "submitted_on", "project_count", "stamped_summary"],
		)
	}
	# Of the projects each district filed: how many stamped 申报书 scans are in, how many paper copies received.
	paper_trail = {
		c.district: c
		for c in frappe.db.sql(
			"""select r.district, sum(ifnull(p.stamped_application, '') != '') as stamped,
				sum(p.paper_received_on is not null) as received
			from `tabDistrict Recommendation` r
			join `tabDistrict Recommendation Item` i on i.parent = r.name and i.parenttype = 'District Recommendation'
			join `tabContest Project` p on p.name = i.project
			where r.contest = %s and r.docstatus = 1
			group by r.district""",
			contest,
			as_dict=True,
		)
	}
	extensions = {
		e.district: e
		for e in frappe.get_all(
			"District Deadline Extension", filters={"contest": contest}, fields=["district", "extended_until", "reason"]
		)
	}
	counts = {}
	for c in frappe.get_all(
		"Contest Project",
		filters={"contest": contest, "workflow_state": ("in", [SUBMITTED, RECOMMENDED])},
		fields=["district", "workflow_state", "count(*) as n"],
		group_by="district, workflow_state",
	):
		counts[(c.district, c.workflow_state)] = c.n

	out = []
	for d in districts:
		rec, ext = recs.get(d.name), extensions.get(d.name)
		deadline = deadlines.effective_recommendation_deadline(
			edition_deadline, frappe.utils.get_datetime(ext.extended_until) if ext else None
		)
		if rec and rec.docstatus == 1:
			status = _("已报送")
		elif now > deadline:
			status = _("逾期未报送")
		else:
			status = _("未报送")
		out.append(
			{
				"district": d.name,
				"bureau_name": d.bureau_name,
				"status": status,
				"recommendation": rec.name if rec else None,
				"submitted_on": rec.submitted_on if rec and rec.docstatus == 1 else None,
				"project_count": rec.project_count if rec and rec.docstatus == 1 else 0,
				"stamped_summary": (_("已上传") if rec.stamped_summary else _("未上传")) if rec else None,
				"stamped_applications": int(paper_trail[d.name].stamped or 0) if d.name in paper_trail else 0,
				"paper_received": int(paper_trail[d.name].received or 0) if d.name in paper_trail else 0,
				"pending": counts.get((d.name, SUBMITTED), 0),
				"recommended": counts.get((d.name, RECOMMENDED), 0),
				"deadline": deadline,
				"extension_reason": ext.reason if ext else None,
			}
		)
	# The totals row, labelled in Chinese here (Frappe's own totals row writes an untranslated "Total").
	counted = ("project_count", "stamped_applications", "paper_received", "pending", "recommended")
	filed = sum(1 for row in out if row["submitted_on"])
	out.append(
		{"bureau_name": _("合计"), "status": _("已报送{0}个").format(filed), **{f: sum(row[f] for row in out) for f in counted}}
	)
	return out
