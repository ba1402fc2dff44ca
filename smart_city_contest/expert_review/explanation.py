"""评审结果说明: how one project's rank came about — each expert's dimension scores and total, the
highest and lowest dropped by the trimmed mean, the statistics, the disagreement, the rank by the
edition's statistic and by the calibrated score (校准分) — as data and as a PDF for the file.

Who may read it: the city bureau, always, with the experts' names. The project's own unit and its
district's reviewers once the edition's results are published (公布结果), the experts anonymised as
专家A, 专家B, … (in the order of the reviews' numbers, not of their scores). Nobody else; experts do
not read other experts' scores. Recused reviews are listed as 回避 and count for nothing.
"""

import frappe
from frappe import _

from smart_city_contest.expert_review.report.project_ranking import project_ranking
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.public_notice.results import is_published
from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.review_calibration import CALIBRATION_RULE
from smart_city_contest.rules.review_statistics import (
	STDEV_RULE,
	TRIM_RULE,
	disagreement_rule,
	review_statistics,
)

PROJECT = "Contest Project"
REVIEW = "Expert Review"
COUNTED = review_statuses.SUBMITTED
RECUSED = review_statuses.RECUSED


def _reader(project) -> bool:
	"""True: the city (names shown); False: the unit or its district after 公布结果 (anonymised)."""
	scope = user_scope()
	if scope.everything:
		return True
	own = project.unit in scope.units or project.district in scope.districts
	if own and is_published(project.contest):
		return False
	frappe.throw(
		_("评审结果说明仅市局可随时查看；参赛单位和所在区县在公布结果后可查看本单位（本区县）项目的说明"),
		frappe.PermissionError,
	)


def explain(project_name: str) -> dict:
	if not frappe.db.exists(PROJECT, project_name):
		frappe.throw(_("参赛项目{0}不存在").format(project_name), frappe.DoesNotExistError)
	project = frappe.get_doc(PROJECT, project_name)
	city = _reader(project)
	edition = frappe.db.get_value(
		"Contest Edition", project.contest, ["ranking_statistic", "disagreement_threshold"], as_dict=True
	)
	reviews = frappe.get_all(
		REVIEW,
		filters={"project": project.name, "docstatus": 1},
		fields=["name", "expert", "status", "total_score"],
		order_by="name asc",
	)
	names = dict(frappe.get_all("Review Expert", filters={"name": ("in", [r.expert for r in reviews] or [""])},
		fields=["name", "expert_name"], as_list=True))
	scores = {}
	for row in frappe.get_all("Expert Review Score", filters={"parent": ("in", [r.name for r in reviews] or [""]),
			"parenttype": REVIEW}, fields=["parent", "dimension", "score", "weight", "max_score"], order_by="idx asc"):
		scores.setdefault(row.parent, []).append(row)
	counted = [r for r in reviews if r.status == COUNTED]
	stats = review_statistics([r.total_score for r in counted], edition.disagreement_threshold or None)
	dropped = set()
	if stats.trimmed:
		ordered = sorted(counted, key=lambda r: (r.total_score, r.name))
		dropped = {ordered[0].name, ordered[-1].name}
	label = edition.ranking_statistic or "去极值平均分"
	rows = project_ranking.ranking(
		project.contest, project_ranking.STATISTIC_BY_LABEL[label], edition.disagreement_threshold or None
	)
	mine = next((r for r in rows if r["project"] == project.name), {})
	experts = []
	for k, review in enumerate(reviews):
		experts.append(
			{
				"label": f"专家{chr(ord('A') + k)}" if k < 26 else f"专家{k + 1}",  # nosemgrep: scc-text-composed-outside-translate — the 评审结果说明's wording, a document
				"name": names.get(review.expert, "") if city else "",
				"status": review.status,
				"dimensions": [
					{"dimension": s.dimension, "score": s.score, "max_score": s.max_score, "weight": s.weight}
					for s in scores.get(review.name, [])
				],
				"total": review.total_score if review.status == COUNTED else None,
				"dropped": review.name in dropped,
			}
		)
	return {
		"project": project.name,
		"project_name": project.project_name,
		"unit_name": project.unit_name,
		"district": project.district,
		"contest": project.contest,
		"award_level": project.award_level or "",
		"experts": experts,
		"statistics": {
			"reviews": stats.count, "mean": stats.mean, "median": stats.median, "trimmed_mean": stats.trimmed_mean,
			"stdev": stats.stdev, "spread": stats.spread, "disagreement": stats.disagreement,
			"minimum": stats.minimum, "maximum": stats.maximum,
		},
		"ranking_statistic": label,
		"rank": mine.get("rank"),
		"ranked": len([r for r in rows if r.get("rank")]),
		"calibrated": mine.get("calibrated"),
		"calibrated_rank": mine.get("calibrated_rank"),
		"rank_shift": mine.get("rank_shift"),
		"rules": [TRIM_RULE, STDEV_RULE, CALIBRATION_RULE]
		+ ([disagreement_rule(edition.disagreement_threshold)] if edition.disagreement_threshold else []),
		"names_shown": city,
	}


def explanation_pdf(project_name: str) -> bytes:
	from smart_city_contest.documents import fonts, render, templates

	ctx = explain(project_name)
	body = templates.render("result_explanation.html", ctx)
	return render.html_to_pdf(templates.html_document(f"{ctx['project_name']}评审结果说明", body, fonts.font_face_css()))  # nosemgrep: scc-text-composed-outside-translate — the document's title
