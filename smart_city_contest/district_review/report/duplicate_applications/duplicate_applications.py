"""疑似重复申报: the edition's applications that look like another one of this or an earlier edition
(district_review/duplicates.py: the city sees every pair, a district reviewer those of his district)."""

import frappe
from frappe import _

from smart_city_contest.district_review import duplicates


def execute(filters=None):
	filters = frappe._dict(filters or {})
	contest = filters.contest or frappe.db.get_value("Contest Edition", {}, "name", order_by="year desc")
	if not contest:
		return columns(), [], None
	return columns(), duplicates.visible_pairs(contest), duplicates.duplicates.RULE


def columns():
	return [
		{"fieldname": "project", "label": _("项目编号"), "fieldtype": "Link", "options": "Contest Project", "width": 110},
		{"fieldname": "project_name", "label": _("项目名称"), "fieldtype": "Data", "width": 200},
		{"fieldname": "unit_name", "label": _("参赛单位"), "fieldtype": "Data", "width": 180},
		{"fieldname": "district", "label": _("区县"), "fieldtype": "Data", "width": 80},
		{"fieldname": "similarity", "label": _("文本相似度（%）"), "fieldtype": "Float", "precision": 1, "width": 110},
		{"fieldname": "reasons", "label": _("提示原因"), "fieldtype": "Data", "width": 220},
		{"fieldname": "other_project", "label": _("相似申报编号"), "fieldtype": "Link", "options": "Contest Project", "width": 110},
		{"fieldname": "other_contest", "label": _("相似申报届次"), "fieldtype": "Data", "width": 150},
		{"fieldname": "other_project_name", "label": _("相似申报项目名称"), "fieldtype": "Data", "width": 200},
		{"fieldname": "other_unit_name", "label": _("相似申报单位"), "fieldtype": "Data", "width": 180},
		{"fieldname": "other_district", "label": _("相似申报区县"), "fieldtype": "Data", "width": 90},
	]
