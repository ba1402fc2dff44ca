"""项目评审排名: per project the number of reviews, mean, median, trimmed mean, standard deviation, a
disagreement flag and the calibrated score (校准分, rules/review_calibration.py), ranked by the edition's
chosen statistic, with the calibrated rank and how many places calibration moves the project (名次变化).
One SQL query (the projects with their reviews, which without a filter are every counted review of the
edition, the experts' scales included; with a district or domain filter a second query reads the whole
edition's reviews for the scales), one pass in Python."""

from decimal import Decimal

import frappe
from frappe import _

from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.domains import DOMAINS
from smart_city_contest.rules.review_calibration import CALIBRATION_RULE, calibrate
from smart_city_contest.rules.review_statistics import STDEV_RULE, TRIM_RULE, disagreement_rule, rank_projects

STATISTIC_BY_LABEL = {"去极值平均分": "trimmed_mean", "平均分": "mean", "中位数": "median", "校准分": "calibrated"}
RANKED_STATES = (wf.IN_REVIEW, wf.REVIEWED, wf.AWARDED, wf.NOT_AWARDED)


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
		[_("排名依据：{0}").format(label), TRIM_RULE, STDEV_RULE, CALIBRATION_RULE]
		+ ([disagreement_rule(threshold)] if threshold else [])
		+ [_("名次变化为按{0}的名次减去按校准分的名次，正数表示校准后名次上升").format(plain_label(label))]
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
		{"fieldname": "calibrated", "label": _("校准分"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "calibrated_rank", "label": _("校准排名"), "fieldtype": "Int", "width": 80},
		{"fieldname": "rank_shift", "label": _("名次变化"), "fieldtype": "Int", "width": 80},
		{"fieldname": "workflow_state", "label": _("状态"), "fieldtype": "Data", "width": 90},
		{"fieldname": "award_level", "label": _("获奖等次"), "fieldtype": "Data", "width": 80},
	]


def ranking(contest: str, statistic: str, threshold, district=None, domain=None) -> list[dict]:
	conditions, values = ["p.contest = %(contest)s", "p.workflow_state in %(states)s"], {
		"contest": contest, "states": RANKED_STATES, "submitted": review_statuses.SUBMITTED
	}
	if district:
		conditions.append("p.district = %(district)s")
		values["district"] = district
	domain_field = dict((label, f) for f, label in DOMAINS).get(domain)
	if domain_field:
		conditions.append(f"p.`{domain_field}` = 1")
	domain_columns = ", ".join(f"p.`{f}`" for f, _l in DOMAINS)
	rows = frappe.db.sql(
		f"""
		select p.name as project, p.project_name, p.unit_name, p.district, p.workflow_state, p.award_level,
			p.other_domain_name, {domain_columns},
			group_concat(concat(r.expert, char(9), r.total_score) separator '\\n') as reviews
		from `tabContest Project` p
		left join `tabExpert Review` r
			on r.project = p.name and r.docstatus = 1 and r.status = %(submitted)s
		where {' and '.join(conditions)}
		group by p.name
		""",
		values,
		as_dict=True,
	)
	reviews = []
	for row in rows:
		mine = [(row.project, expert, Decimal(total)) for expert, total in  # exact, as the column stores it
			(line.split("\t") for line in row.pop("reviews").split("\n"))] if row.reviews else []
		row["totals"] = [total for _p, _e, total in mine]
		reviews += mine
	# Calibration spans the whole edition: without a filter these rows are all of it.
	calibration = calibrate(sorted(reviews)) if not (district or domain_field) else edition_calibration(contest)
	for row in rows:
		row["calibrated"] = calibration.projects.get(row.project)
	plain = "trimmed_mean" if statistic == "calibrated" else statistic  # as plain_label says
	by_plain = rank_projects(rows, plain, disagreement_threshold=threshold)
	by_calibrated = rank_projects(rows, "calibrated", disagreement_threshold=threshold,
		known={r.project: r.statistics for r in by_plain})
	plain_rank = {r.project: r.rank for r in by_plain}
	calibrated_rank = {r.project: r.rank for r in by_calibrated}
	out = []
	for ranked in by_calibrated if statistic == "calibrated" else by_plain:
		row, stats = ranked.row, ranked.statistics
		shift = None
		if plain_rank.get(row.project) and calibrated_rank.get(row.project):
			shift = plain_rank[row.project] - calibrated_rank[row.project]
		out.append(
			{
				"rank": ranked.rank,
				"project": row.project,
				"project_name": row.project_name,
				"unit_name": row.unit_name,
				"district": row.district,
				"domains": "、".join(
					(f"{label}（{row.other_domain_name}）" if f == "domain_other" else label)
					for f, label in DOMAINS
					if row.get(f)
				),
				"reviews": stats.count,
				"mean": stats.mean,
				"median": stats.median,
				"trimmed_mean": stats.trimmed_mean,
				"stdev": stats.stdev,
				"spread": stats.spread,
				"disagreement": _("是") if stats.disagreement else "",
				"calibrated": row.calibrated,
				"calibrated_rank": calibrated_rank.get(row.project),
				"rank_shift": shift,
				"workflow_state": row.workflow_state,
				"award_level": row.award_level,
			}
		)
	return out


def plain_label(label: str) -> str:
	"""The plain statistic calibration is compared with: the edition's, or 去极值平均分 when it ranks by 校准分."""
	return "去极值平均分" if STATISTIC_BY_LABEL.get(label) == "calibrated" else label


def edition_reviews(contest: str) -> list[tuple[str, str, float]]:
	"""Every counted review of the edition: (project, expert, total), submitted and not recused, of the
	projects the ranking lists (whatever the report's district or domain filter)."""
	return [
		(project, expert, float(total))
		for project, expert, total in frappe.db.sql(
			"""
			select r.project, r.expert, r.total_score
			from `tabExpert Review` r
			join `tabContest Project` p on p.name = r.project
			where r.contest = %(contest)s and r.docstatus = 1 and r.status = %(submitted)s
				and p.contest = %(contest)s and p.workflow_state in %(states)s
			""",
			{"contest": contest, "states": RANKED_STATES, "submitted": review_statuses.SUBMITTED},
		)
	]


def edition_calibration(contest: str):
	return calibrate(sorted(edition_reviews(contest)))  # in one order, as ranking() calibrates
