"""大赛统计: projects by state (申报, 已提交, 区县已推荐, 获奖) and investment totals by 区县, 涉及领域 or
企业性质, for one edition and, side by side, another one to compare with.

Counts go through Frappe's permission layer (frappe.get_list: the app's permission query conditions
and User Permissions), so the city bureau counts every district and a district reviewer only their
own (permissions/visibility.py); nobody else may run the report (its roles).
"""

import frappe
from frappe import _
from frappe.utils import flt

from smart_city_contest.contest_setup.editions import chosen_edition
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules.domains import DOMAINS

PROJECT, UNIT = "Contest Project", "Participant Unit"
GROUPINGS = {"区县": "district", "涉及领域": "domain", "企业性质": "nature"}
# The states a project has reached: submitted (any but 草稿), recommended by its district, awarded.
SUBMITTED_STATES = frozenset(wf.STATE_NAMES) - {wf.DRAFT}
RECOMMENDED_STATES = frozenset({wf.RECOMMENDED, wf.ACCEPTED, wf.IN_REVIEW, wf.REVIEWED, wf.AWARDED, wf.NOT_AWARDED})
MEASURES = (
	# (key, label, fieldtype)
	("projects", "申报项目数", "Int"),
	("submitted", "已提交", "Int"),
	("recommended", "区县已推荐", "Int"),
	("awarded", "获奖", "Int"),
	("investment", "已提交项目投资额（万元）", "Float"),
)
TOTAL = "合计"


def execute(filters=None):
	filters = frappe._dict(filters or {})
	contest = filters.contest or chosen_edition()
	if not contest:
		return [], []
	if not frappe.db.exists("Contest Edition", contest):
		frappe.throw(_("大赛届次“{0}”不存在").format(contest), title=_("大赛统计"))
	compare = filters.compare_with if filters.compare_with and filters.compare_with != contest else None
	if compare and not frappe.db.exists("Contest Edition", compare):
		frappe.throw(_("对比届次“{0}”不存在").format(compare), title=_("大赛统计"))
	grouping = GROUPINGS.get(filters.group_by or "区县")
	if not grouping:
		frappe.throw(_("统计维度只能是{0}").format("、".join(GROUPINGS)), title=_("大赛统计"))

	editions = [contest, *([compare] if compare else [])]
	projects = _projects(editions)
	tables = {edition: _tally([p for p in projects if p.contest == edition], grouping) for edition in editions}
	groups = _ordered_groups(grouping, set().union(*(t.keys() for t in tables.values())) - {TOTAL})
	rows = []
	for group in [*groups, TOTAL]:
		row = {"group": group}
		for i, edition in enumerate(editions):
			counts = tables[edition].get(group, {})
			for key, _label, _type in MEASURES:
				row[f"{key}_{i}"] = counts.get(key, 0)
		if compare:
			row["submitted_change"] = row["submitted_0"] - row["submitted_1"]
			row["investment_change"] = flt(row["investment_0"] - row["investment_1"], 2)
		rows.append(row)
	return _columns(grouping, editions), rows, None, _chart(rows[:-1], editions)


def _projects(editions: list[str]) -> list:
	projects = frappe.get_list(
		PROJECT,
		filters={"contest": ("in", editions)},
		fields=["name", "contest", "district", "unit", "workflow_state", "investment_amount",
			*(f for f, _l in DOMAINS)],
		limit_page_length=0,
	)
	units = {p.unit for p in projects if p.unit}
	natures = {
		u.name: u
		for u in frappe.get_list(
			UNIT, filters={"name": ("in", list(units))}, fields=["name", "enterprise_nature", "unit_category"],
			limit_page_length=0,
		)
	} if units else {}
	for p in projects:
		unit = natures.get(p.unit)
		if unit and unit.enterprise_nature:
			p.nature = unit.enterprise_nature
		elif unit and unit.unit_category and unit.unit_category != "企业":
			p.nature = _("非企业（{0}）").format(unit.unit_category)
		else:
			p.nature = _("未填写")
	return projects


def _groups_of(project, grouping: str) -> list[str]:
	if grouping == "district":
		return [project.district or _("未填写")]
	if grouping == "nature":
		return [project.nature]
	return [label for fieldname, label in DOMAINS if project.get(fieldname)] or [_("未填写")]


def _tally(projects: list, grouping: str) -> dict[str, dict]:
	"""{group: {measure: value}}, with TOTAL counting each project once (a project may be in several 领域)."""
	table: dict[str, dict] = {}
	for project in projects:
		state = project.workflow_state
		values = {
			"projects": 1,
			"submitted": int(state in SUBMITTED_STATES),
			"recommended": int(state in RECOMMENDED_STATES),
			"awarded": int(state == wf.AWARDED),
			"investment": flt(project.investment_amount) if state in SUBMITTED_STATES else 0.0,
		}
		for group in [*_groups_of(project, grouping), TOTAL]:
			counts = table.setdefault(group, {})
			for key, value in values.items():
				counts[key] = counts.get(key, 0) + value
	for counts in table.values():
		counts["investment"] = flt(counts.get("investment", 0), 2)
	return table


def _ordered_groups(grouping: str, present: set[str]) -> list[str]:
	if grouping == "district":
		scope = user_scope()
		districts = frappe.get_all("Contest District", filters={"enabled": 1}, order_by="sort_order asc, name asc",
			pluck="name")
		shown = districts if scope.everything else [d for d in districts if d in scope.districts]
		return shown + sorted(present - set(shown))
	if grouping == "domain":
		order = [label for _f, label in DOMAINS]
	else:
		order = ["国有", "民营", "三资"]
	return [g for g in order if g in present] + sorted(present - set(order))


def _columns(grouping: str, editions: list[str]) -> list[dict]:
	label = {v: k for k, v in GROUPINGS.items()}[grouping]
	columns = [{"fieldname": "group", "label": _(label), "fieldtype": "Data", "width": 150}]
	for i, edition in enumerate(editions):
		for key, measure, fieldtype in MEASURES:
			columns.append({
				"fieldname": f"{key}_{i}",
				"label": f"{edition}·{_(measure)}" if len(editions) > 1 else _(measure),
				"fieldtype": fieldtype,
				"precision": 2 if fieldtype == "Float" else None,
				"width": 170 if fieldtype == "Float" else 110,
			})
	if len(editions) > 1:
		columns.append({"fieldname": "submitted_change", "label": _("已提交增减"), "fieldtype": "Int", "width": 110})
		columns.append({"fieldname": "investment_change", "label": _("投资额增减（万元）"), "fieldtype": "Float",
			"precision": 2, "width": 150})
	return columns


def _chart(rows: list[dict], editions: list[str]) -> dict:
	return {
		"data": {
			"labels": [row["group"] for row in rows],
			"datasets": [{"name": f"{edition}·{_('已提交')}", "values": [row[f"submitted_{i}"] for row in rows]}
				for i, edition in enumerate(editions)],
		},
		"type": "bar",
	}
