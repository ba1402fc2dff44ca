"""Which expert reviews which project: by hand (one Expert Review at a time) or automatically for an edition.

The decisions (conflicts, caps, balance) are smart_city_contest.rules.expert_assignment; this module
feeds it the site's data and writes the result as Expert Review records.
"""

import frappe
from frappe import _

from smart_city_contest.rules import expert_assignment as rules
from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.project_workflow import ACCEPTED, IN_REVIEW

ASSIGNABLE_STATES = (ACCEPTED, IN_REVIEW)
RECUSED = review_statuses.RECUSED


def project_for_rules(name: str) -> rules.Project:
	from smart_city_contest.rules.domains import DOMAINS

	p = frappe.db.get_value(
		"Contest Project", name, ["name", "unit", "unit_name", "district", *(f for f, _l in DOMAINS)], as_dict=True
	)
	return rules.Project(
		id=p.name, unit=p.unit, unit_name=p.unit_name or "", district=p.district or "",
		domains=tuple(label for f, label in DOMAINS if p.get(f)),
	)


def expert_for_rules(name: str, contest: str, load: int | None = None) -> rules.Expert:
	doc = frappe.get_cached_doc("Review Expert", name)
	return rules.Expert(
		id=doc.name,
		organisation=doc.organisation or "",
		expertise=doc.expertise,
		conflict_units=frozenset(row.unit for row in doc.conflicts),
		cap=expert_cap(doc, contest),
		load=expert_load(name, contest) if load is None else load,
	)


def expert_cap(expert, contest: str) -> int | None:
	"""The expert's own limit, else the edition's; 0 means no limit."""
	cap = expert.max_projects or frappe.db.get_value("Contest Edition", contest, "max_projects_per_expert") or 0
	return cap or None


def expert_load(expert: str, contest: str, for_update: bool = False) -> int:
	"""Projects the expert reviews in this edition (recusals do not count). A locking read when
	`for_update`, so two assignments racing for an expert's last place are serialised."""
	lock = " for update" if for_update else ""
	return frappe.db.sql(
		f"select count(*) from `tabExpert Review` where expert=%s and contest=%s and status != %s{lock}",
		(expert, contest, RECUSED),
	)[0][0]


def expert_loads(contest: str) -> list[dict]:
	"""Every enabled expert's load in the edition (assigned, submitted), for the admin's overview."""
	counts = {}
	for expert, status, n in frappe.db.sql(
		"""select expert, status, count(*) from `tabExpert Review` where contest=%s group by expert, status""",
		contest,
	):
		counts.setdefault(expert, {})[status] = n
	out = []
	for e in frappe.get_all("Review Expert", filters={"enabled": 1}, fields=["name", "expert_name", "organisation", "max_projects"]):
		c = counts.get(e.name, {})
		out.append(
			{
				"expert": e.name,
				"expert_name": e.expert_name,
				"organisation": e.organisation,
				"assigned": sum(n for status, n in c.items() if status != RECUSED),
				"submitted": c.get(review_statuses.SUBMITTED, 0),
				"cap": expert_cap(e, contest),
			}
		)
	return out


def auto_assign(contest: str, per_project: int | None = None) -> dict:
	"""Give every assignable project of the edition `per_project` experts (the edition's number by default)."""
	per_project = per_project or frappe.db.get_value("Contest Edition", contest, "experts_per_project") or 5
	projects = frappe.get_all(
		"Contest Project", filters={"contest": contest, "workflow_state": ("in", ASSIGNABLE_STATES)}, pluck="name"
	)
	reviews = frappe.get_all(
		"Expert Review", filters={"contest": contest}, fields=["project", "expert", "status"]
	)
	existing = [(r.project, r.expert) for r in reviews if r.status != RECUSED]
	blocked = [(r.project, r.expert) for r in reviews if r.status == RECUSED]
	experts = [
		expert_for_rules(name, contest)
		for name in frappe.get_all("Review Expert", filters={"enabled": 1}, pluck="name", order_by="name asc")
	]
	result = rules.assign_experts(
		[project_for_rules(p) for p in projects], experts, per_project, existing=existing, blocked=blocked
	)
	for project, expert in result.pairs:
		frappe.get_doc({"doctype": "Expert Review", "contest": contest, "project": project, "expert": expert}).insert()
	return {
		"assigned": len(result.pairs),
		"projects": len(projects),
		"per_project": per_project,
		"shortfalls": [
			{"project": s.project, "required": s.required, "assigned": s.assigned, "reason": s.reason}
			for s in result.shortfalls
		],
		"loads": result.loads,
	}


def check_assignment(contest: str, project: str, expert: str):
	"""Refuse, in Chinese, an assignment the rules do not allow; lock the expert's load while checking."""
	from smart_city_contest.errors import ConflictOfInterest, QuotaExceeded

	state, project_contest = frappe.db.get_value("Contest Project", project, ["workflow_state", "contest"])
	if project_contest != contest:
		frappe.throw(_("项目{0}不属于{1}").format(project, contest))
	if state not in ASSIGNABLE_STATES:
		frappe.throw(_("项目{0}当前为“{1}”，只有市局已受理或评审中的项目可以分配专家").format(project, state))
	if not frappe.db.get_value("Review Expert", expert, "enabled"):
		frappe.throw(_("专家{0}已停用，不能分配").format(expert))
	frappe.db.get_value("Review Expert", expert, "name", for_update=True)  # serialise assignments of this expert
	rules_expert = expert_for_rules(expert, contest, load=expert_load(expert, contest, for_update=True))
	if reason := rules.conflict_reason(project_for_rules(project), rules_expert):
		frappe.throw(_("不能分配：{0}（专家{1}，项目{2}）").format(reason, expert, project), ConflictOfInterest, title=_("利益冲突"))
	if rules_expert.cap is not None and rules_expert.load >= rules_expert.cap:
		frappe.throw(
			_("专家{0}本届已分配{1}个项目，达到上限{2}个").format(expert, rules_expert.load, rules_expert.cap), QuotaExceeded
		)
	recused = frappe.db.exists("Expert Review", {"project": project, "expert": expert, "status": RECUSED})
	if recused:
		frappe.throw(_("专家{0}已对项目{1}申请回避，不能再次分配").format(expert, project), ConflictOfInterest)
