"""项目评审排名: per project the number of reviews, mean, median, trimmed mean, standard deviation and a
disagreement flag, ranked by the edition's chosen statistic. One SQL query, one pass in Python."""

import frappe
from frappe import _

from smart_city_contest.application.doctype.contest_project.contest_project import DOMAIN_FIELDS
from smart_city_contest.rules.review_statistics import STDEV_RULE, TRIM_RULE, disagreement_rule, rank_projects

STATISTIC_BY_LABEL = {"去极值平均分": "trimmed_mean", "平均分": "mean", "中位数": "median"}
RANKED_STATES = ("评审中", "已评审", "获奖", "未获奖")


def execute(filters=None):
	filters = frappe._dict(filters or {})
	contest = filters.contest or frappe.db.get_value("Contest Edition", {}, "name", order_by="year desc")
	if not contest:
		return columns(), [], None
	edition = frappe.db.get_value(
		"Contest Edition", contest, ["ranking_statistic", "disagreement_threshold"], as_dict=True
	)
	label = filters.statistic or edition.ranking_statistic or "去极值平均分"
	threshold = edition.disagreement_threshold or None
	rows = ranking(contest, STATISTIC_BY_LABEL[label], threshold, filters.district, filters.domain)
	message = "；".join(
		[_("排名依据：{0}").format(label), TRIM_RULE, STDEV_RULE] + ([disagreement_rule(threshold)] if threshold else [])
	)
	return columns(), rows, message


def columns():
	return [
		{"fieldname": "rank", "label": _("排名"), "fieldtype": "Int", "width": 60},
		{"fieldname": "project", "label": _("项目编号"), "fieldtype": "Link", "options": "Contest Project", "width": 110},
		{"fieldname": "project_name", "label": _("项目名称"), "fieldtype": "Data", "width": 220},
		{"fieldname": "unit_name", "label": _("参赛单位"), "fieldtype": "Data", "width": 200},
		{"fieldname": "district", "label": _("区县"), "fieldtype": "Link", "options": "Contest District", "width": 90},
		{"fieldname": "domains", "label": _("涉及领域"), "fieldtype": "Data", "width": 150},
		{"fieldname": "reviews", "label": _("评审数"), "fieldtype": "Int", "width": 70},
		{"fieldname": "mean", "label": _("平均分"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "median", "label": _("中位数"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "trimmed_mean", "label": _("去极值平均分"), "fieldtype": "Float", "precision": 2, "width": 110},
		{"fieldname": "stdev", "label": _("标准差"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "spread", "label": _("极差"), "fieldtype": "Float", "precision": 2, "width": 70},
		{"fieldname": "disagreement", "label": _("评分分歧"), "fieldtype": "Data", "width": 80},
		{"fieldname": "workflow_state", "label": _("状态"), "fieldtype": "Data", "width": 90},
		{"fieldname": "award_level", "label": _("获奖等次"), "fieldtype": "Data", "width": 80},
	]


def ranking(contest: str, statistic: str, threshold, district=None, domain=None) -> list[dict]:
	conditions, values = ["p.contest = %(contest)s", "p.workflow_state in %(states)s"], {
		"contest": contest, "states": RANKED_STATES
	}
	if district:
		conditions.append("p.district = %(district)s")
		values["district"] = district
	domain_field = dict((label, f) for f, label in DOMAIN_FIELDS).get(domain)
	if domain_field:
		conditions.append(f"p.`{domain_field}` = 1")
	domain_columns = ", ".join(f"p.`{f}`" for f, _l in DOMAIN_FIELDS)
	rows = frappe.db.sql(
		f"""
		select p.name as project, p.project_name, p.unit_name, p.district, p.workflow_state, p.award_level,
			p.other_domain_name, {domain_columns},
			group_concat(r.total_score order by r.total_score separator ',') as totals
		from `tabContest Project` p
		left join `tabExpert Review` r
			on r.project = p.name and r.docstatus = 1 and r.status = '已提交'
		where {' and '.join(conditions)}
		group by p.name
		""",
		values,
		as_dict=True,
	)
	for row in rows:
		row["totals"] = [float(t) for t in row.totals.split(",")] if row.totals else []
	out = []
	for ranked in rank_projects(rows, statistic, disagreement_threshold=threshold):
		row, stats = ranked.row, ranked.statistics
		out.append(
			{
				"rank": ranked.rank,
				"project": row.project,
				"project_name": row.project_name,
				"unit_name": row.unit_name,
				"district": row.district,
				"domains": "、".join(
					(f"{label}（{row.other_domain_name}）" if f == "domain_other" else label)
					for f, label in DOMAIN_FIELDS
					if row.get(f)
				),
				"reviews": stats.count,
				"mean": stats.mean,
				"median": stats.median,
				"trimmed_mean": stats.trimmed_mean,
				"stdev": stats.stdev,
				"spread": stats.spread,
				"disagreement": _("是") if stats.disagreement else "",
				"workflow_state": row.workflow_state,
				"award_level": row.award_level,
			}
		)
	return out
