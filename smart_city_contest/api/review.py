"""Expert review and awards, for the city bureau and the experts. POST /api/method/smart_city_contest.api.review.<name>"""

import frappe

from smart_city_contest.expert_review import assignment, award_quota
from smart_city_contest.expert_review.doctype.expert_review import expert_review
from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.project_workflow import CONTEST_ADMIN, FINISH_REVIEW, IN_REVIEW

CITY = ("System Manager", CONTEST_ADMIN)


@frappe.whitelist(methods=["POST"])
def assign_experts(contest: str, per_project: int | None = None):
	"""Assign experts to every accepted project of the edition: conflicts excluded first, caps respected,
	load balanced. Returns what was assigned and which projects could not be fully staffed, and why."""
	frappe.only_for(CITY)
	return assignment.auto_assign(contest, frappe.utils.cint(per_project) or None)


@frappe.whitelist()
def expert_loads(contest: str):
	"""Each expert's number of assigned and submitted reviews in the edition."""
	frappe.only_for(CITY)
	return assignment.expert_loads(contest)


@frappe.whitelist(methods=["POST"])
def recuse(review: str, reason: str):
	"""The assigned expert steps aside (回避), with a reason; the record stays and counts for nothing."""
	return expert_review.recuse(review, reason).as_dict()


@frappe.whitelist(methods=["POST"])
def amend_review(review: str, scores, reason: str):
	"""Change a submitted review's scores {dimension: score}; recorded with who, when, old and new values."""
	scores = frappe.parse_json(scores) if isinstance(scores, str) else scores
	out = expert_review.amend(review, scores, reason).as_dict()
	for row in out.get("amendments", []):
		row.pop("__unsaved", None)
	return out


@frappe.whitelist(methods=["POST"])
def finish_review(contest: str):
	"""Close the review of every project of the edition whose experts have all submitted or recused."""
	from smart_city_contest.district_review.project_flow import apply_action

	frappe.only_for(CITY)
	counts = {}
	for project, status, n in frappe.db.sql(
		"""select r.project, r.status, count(*) from `tabExpert Review` r
		join `tabContest Project` p on p.name = r.project
		where p.contest = %s and p.workflow_state = %s group by r.project, r.status""",
		(contest, IN_REVIEW),
	):
		counts.setdefault(project, {})[status] = n
	done, waiting = [], []
	for project in frappe.get_all(
		"Contest Project", filters={"contest": contest, "workflow_state": IN_REVIEW}, pluck="name", order_by="name"
	):
		c = counts.get(project, {})
		if c.get(review_statuses.PENDING) or not c.get(review_statuses.SUBMITTED):
			waiting.append({"project": project, "pending": c.get(review_statuses.PENDING, 0), "submitted": c.get(review_statuses.SUBMITTED, 0)})
			continue
		apply_action(project, FINISH_REVIEW)
		done.append(project)
	return {"finished": done, "waiting": waiting}


@frappe.whitelist()
def preview_awards(contest: str, decisions):
	"""What {project: level or null} does to each level's quota; nothing is saved."""
	frappe.only_for(CITY)
	return award_quota.preview(contest, decisions)


@frappe.whitelist(methods=["POST"])
def commit_awards(contest: str, decisions):
	"""Award {project: level} (null: 未获奖) — all or nothing, quotas held under concurrency."""
	frappe.only_for(CITY)
	return award_quota.commit(contest, decisions)


@frappe.whitelist()
def result_explanation(project: str):
	"""评审结果说明 of a project: each expert's scores (named for the city; 专家A… for the unit and its district
	after 公布结果), the dropped highest and lowest, the statistics, the rank and the calibrated rank."""
	from smart_city_contest.expert_review import explanation

	return explanation.explain(project)


@frappe.whitelist()
def result_explanation_pdf(project: str):
	"""The same as a PDF, for the file."""
	from smart_city_contest.expert_review import explanation

	pdf = explanation.explanation_pdf(project)
	name = frappe.db.get_value("Contest Project", project, "project_name") or project
	frappe.local.response.update(filename=f"{name}评审结果说明.pdf", filecontent=pdf, type="pdf")  # nosemgrep: scc-text-composed-outside-translate — a document's file name, its official title
