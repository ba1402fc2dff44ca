"""Award quotas, enforced: a preview of a batch of award decisions against the edition's quotas, and the
commit that holds the quotas under concurrency (the edition row is locked and awarded counts are read with locking
reads, so two admins committing at once are serialised and cannot exceed a quota together)."""

import frappe
from frappe import _

from smart_city_contest.district_review.project_flow import apply_system_transition, edition_now
from smart_city_contest.errors import InvalidTransition, QuotaExceeded
from smart_city_contest.rules import award_quota as arithmetic  # the pure arithmetic of the quotas
from smart_city_contest.rules.project_workflow import AWARD, AWARDED, NO_AWARD, REVIEWED


def edition_levels(contest: str) -> list[dict]:
	return [
		{"award_level": r.award_level, "rank": r.rank, "quota": r.quota, "is_unlimited": r.is_unlimited}
		for r in frappe.get_doc("Contest Edition", contest).award_levels
	]


def awarded_counts(contest: str, excluding: list[str], for_update: bool = False) -> dict[str, int]:
	lock = " for update" if for_update else ""
	rows = frappe.db.sql(
		f"""select award_level, count(*) from `tabContest Project`
		where contest=%(contest)s and workflow_state=%(awarded)s and name not in %(excluding)s
		group by award_level{lock}""",
		{"contest": contest, "awarded": AWARDED, "excluding": tuple(excluding) or ("",)},
	)
	return {level: n for level, n in rows}


def _normalise(decisions) -> dict[str, str | None]:
	decisions = frappe.parse_json(decisions) if isinstance(decisions, str) else decisions
	return {project: (level or None) for project, level in (decisions or {}).items()}


def preview(contest: str, decisions) -> dict:
	decisions = _normalise(decisions)
	result = arithmetic.preview(decisions, awarded_counts(contest, list(decisions)), edition_levels(contest))
	return {"levels": result.levels, "problems": result.problems, "ok": result.ok}


def commit(contest: str, decisions) -> dict:
	"""Award (or not) each project of `decisions` {project: level or None}; all or nothing."""
	decisions = _normalise(decisions)
	if not decisions:
		frappe.throw(_("没有评奖决定"))
	published = frappe.db.sql("select results_published from `tabContest Edition` where name=%s for update", contest)
	if published and published[0][0]:
		frappe.throw(_("本届评审结果已公布，获奖结果为最终结果，不能再评奖"), InvalidTransition, title=_("不能评奖"))
	states = dict(
		frappe.db.sql(
			"select name, workflow_state from `tabContest Project` where contest=%s and name in %s for update",
			(contest, tuple(decisions)),
		)
	)
	not_found = [p for p in decisions if p not in states]
	if not_found:
		frappe.throw(_("以下项目不属于{0}：{1}").format(contest, "、".join(not_found)))
	not_reviewed = [f"{p}（{states[p]}）" for p in decisions if states[p] != REVIEWED]
	if not_reviewed:
		frappe.throw(
			_("只有“{0}”的项目可以评奖：{1}").format(REVIEWED, "、".join(not_reviewed)), InvalidTransition, title=_("不能评奖")
		)
	result = arithmetic.preview(decisions, awarded_counts(contest, list(decisions), for_update=True), edition_levels(contest))
	if not result.ok:
		frappe.throw("；".join(result.problems), QuotaExceeded, title=_("超出奖项名额"))
	now = edition_now(contest)
	for project, level in decisions.items():
		apply_system_transition(
			project,
			AWARD if level else NO_AWARD,
			reason=_("获{0}").format(level) if level else _("未获奖"),
			values={"award_level": level, "awarded_on": now},
		)
	return {"levels": result.levels, "committed": len(decisions)}
