"""From the 公示 to the final results: the city decides each objection (维持 / 撤销奖项 / 调整等次), then
publishes the final results (公布结果), after which the awards are final and each winner has a 获奖证书
number and a follow-up record (Award Follow Up).

Both steps take the lock that deciding the awards takes (expert_review/award_quota.py: the edition row
`for update`, awarded counts read with locking reads), so a change of level during the 公示, an award
commit and the publication are serialised and no quota is exceeded. Every change of an award is a
system move of the project (撤销奖项 / 调整等次) written to its state log (who, when, from, to, why)
and recorded on the objection (level before and after, who, when).
"""

import frappe
from frappe import _

from smart_city_contest.district_review.project_flow import apply_system_transition, edition_now
from smart_city_contest.errors import InvalidTransition, QuotaExceeded
from smart_city_contest.expert_review.award_quota import awarded_counts, edition_levels
from smart_city_contest.rules import award_quota, final_results
from smart_city_contest.rules import project_workflow as wf

FOLLOW_UP = "Award Follow Up"


def lock_edition(contest: str) -> frappe._dict:
	"""The edition row, locked until the end of the transaction (the awards' lock)."""
	rows = frappe.db.sql(
		"""select name, year, notice_end, results_published from `tabContest Edition`
		where name=%s for update""",
		contest,
		as_dict=True,
	)
	if not rows:
		frappe.throw(_("大赛届次“{0}”不存在").format(contest or ""), frappe.DoesNotExistError)
	return rows[0]


def is_published(contest: str) -> bool:
	return bool(frappe.db.get_value("Contest Edition", contest, "results_published"))


def decide_objection(objection: str, decision: str, reason: str, new_level: str | None = None) -> dict:
	"""The city's decision on an objection; a revoked or changed award is applied to the project."""
	contest, project = frappe.db.get_value("Notice Objection", objection, ["contest", "project"]) or (None, None)
	if not contest:
		frappe.throw(_("异议“{0}”不存在").format(objection or ""), frappe.DoesNotExistError)
	edition = lock_edition(contest)
	state, level = frappe.db.sql(
		"select workflow_state, award_level from `tabContest Project` where name=%s for update", project
	)[0]
	doc = frappe.get_doc("Notice Objection", objection, for_update=True)
	new_level = (new_level or "").strip() or None
	levels = edition_levels(contest)
	problem = final_results.decision_problem(
		decision, reason, new_level, state, level,
		[row["award_level"] for row in levels], bool(doc.decision), bool(edition.results_published),
	)
	if problem:
		frappe.throw(problem, InvalidTransition, title=_("不能作出处理决定"))
	reason = reason.strip()
	after = level if state == wf.AWARDED else None
	if decision == final_results.CHANGE_LEVEL:
		counts = awarded_counts(contest, [project], for_update=True)
		if over := award_quota.check_fits(new_level, counts.get(new_level, 0), 1, levels):
			frappe.throw(over, QuotaExceeded, title=_("超出奖项名额"))
		apply_system_transition(
			project, wf.CHANGE_AWARD_LEVEL,
			reason=_("由{0}调整为{1}（异议{2}）：{3}").format(level, new_level, objection, reason),
			values={"award_level": new_level},
		)
		after = new_level
	elif decision == final_results.REVOKE:
		apply_system_transition(
			project, wf.REVOKE_AWARD,
			reason=_("撤销{0}（异议{1}）：{2}").format(level, objection, reason),
			values={"award_level": None},
		)
		after = None
	doc.update(
		{
			"decision": decision,
			"new_award_level": new_level,
			"decision_reason": reason,
			"level_before": level if state == wf.AWARDED else _("未获奖"),
			"level_after": after or _("未获奖"),
			"decided_by": frappe.session.user,
			"decided_on": edition_now(contest),
			"status": final_results.DECIDED_STATUS,
		}
	)
	doc.flags.deciding = True
	doc.save(ignore_permissions=True)
	return {
		"objection": doc.name,
		"project": project,
		"decision": decision,
		"level_before": doc.level_before,
		"level_after": doc.level_after,
	}


def publish(contest: str) -> dict:
	"""公布结果: refused before the 公示期 ends, while an objection is undecided or a project's review or
	award is open, and a second time. Numbers the certificates (by award rank, then project) and
	opens one Award Follow Up per winner."""
	edition = lock_edition(contest)
	now = edition_now(contest)
	undecided = frappe.get_all(
		"Notice Objection", filters={"contest": contest, "decision": ("in", ("", None))}, pluck="name", order_by="name"
	)
	open_projects = frappe.get_all(
		"Contest Project",
		filters={"contest": contest, "workflow_state": ("in", (wf.IN_REVIEW, wf.REVIEWED))},
		pluck="name",
		order_by="name",
	)
	problems = final_results.publication_problems(
		now, frappe.utils.get_datetime(edition.notice_end) if edition.notice_end else None,
		bool(edition.results_published), undecided, open_projects,
	)
	if problems:
		frappe.throw("；".join(problems), InvalidTransition, title=_("不能公布结果"))
	winners = frappe.db.sql(
		"""select name, award_level, project_name, unit, unit_name, district from `tabContest Project`
		where contest=%s and workflow_state=%s for update""",
		(contest, wf.AWARDED),
		as_dict=True,
	)
	ranks = {row["award_level"]: row["rank"] for row in edition_levels(contest)}
	by_name = {w.name: w for w in winners}
	for seq, project in enumerate(final_results.certificate_order(winners, ranks), start=1):
		w = by_name[project]
		follow_up = frappe.get_doc(
			{
				"doctype": FOLLOW_UP,
				"project": w.name,
				"contest": contest,
				"project_name": w.project_name,
				"unit": w.unit,
				"unit_name": w.unit_name,
				"district": w.district,
				"award_level": w.award_level,
				"certificate_no": final_results.certificate_number(edition.year, seq),
				"certificate_date": now.date(),
			}
		)
		follow_up.flags.from_publication = True
		follow_up.insert(ignore_permissions=True)
	doc = frappe.get_doc("Contest Edition", contest)
	doc.results_published = 1
	doc.results_published_on = now
	doc.results_published_by = frappe.session.user
	doc.flags.publishing_results = True
	doc.save(ignore_permissions=True)
	return {"contest": contest, "published_on": str(now), "winners": len(winners)}
