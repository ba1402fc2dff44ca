"""The public notice (公示): which edition is on notice now, and objections from the public."""

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from smart_city_contest.district_review.project_flow import edition_now
from smart_city_contest.rules.project_workflow import AWARDED

NOTICE_FIELDS = ["name", "title", "notice_start", "notice_end", "organiser", "organiser_department",
	"contact_persons", "contact_phone", "contact_email", "results_published", "results_published_on"]


def editions_on_notice() -> list[frappe._dict]:
	"""The editions whose public-notice window is open on the server clock (usually one), results not
	yet published."""
	out = []
	for edition in frappe.get_all("Contest Edition", fields=NOTICE_FIELDS, order_by="notice_start desc"):
		if edition.results_published:
			continue
		now = edition_now(edition.name)
		if edition.notice_start and edition.notice_end and edition.notice_start <= now <= edition.notice_end:
			out.append(edition)
	return out


def editions_with_final_results() -> list[frappe._dict]:
	"""The editions whose final results have been published (公布结果), newest first."""
	return frappe.get_all(
		"Contest Edition", filters={"results_published": 1}, fields=NOTICE_FIELDS, order_by="results_published_on desc"
	)


def awarded_projects(contest: str) -> list[dict]:
	"""Winners, by level in rank order: project, unit, district. Nothing else (no scores, no experts,
	no contacts) is public."""
	ranks = {
		r.award_level: r.rank for r in frappe.get_doc("Contest Edition", contest).award_levels
	}
	rows = frappe.get_all(
		"Contest Project",
		filters={"contest": contest, "workflow_state": AWARDED},
		fields=["name", "project_name", "unit_name", "district", "award_level"],
		order_by="name asc",
	)
	return sorted(rows, key=lambda r: (ranks.get(r.award_level, 99), r.name))


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=5, seconds=60 * 60)
def submit_objection(project: str, reason: str, contact_name: str, contact_phone: str, contact_email: str | None = None):
	"""File an objection (异议) to an awarded project during the notice period. At most 5 per hour per address."""
	contest = frappe.db.get_value("Contest Project", project, "contest") if isinstance(project, str) else None
	edition = next((e for e in editions_on_notice() if e.name == contest), None)
	if not edition:
		frappe.throw(_("该项目不在公示期内，不受理异议"), title=_("不在公示期"))
	if project not in {p.name for p in awarded_projects(edition.name)}:
		frappe.throw(_("只能对本次公示的获奖项目提出异议"), title=_("填写有误"))
	for label, value in ((_("异议理由"), reason), (_("异议人（单位）"), contact_name), (_("联系电话"), contact_phone)):
		if not (value or "").strip():
			frappe.throw(_("请填写“{0}”").format(label), title=_("填写有误"))
	if len(reason) > 2000:
		frappe.throw(_("“异议理由”限2000字"), title=_("填写有误"))
	doc = frappe.get_doc(
		{
			"doctype": "Notice Objection",
			"contest": edition.name,
			"project": project,
			"reason": reason.strip(),
			"contact_name": contact_name.strip(),
			"contact_phone": contact_phone.strip(),
			"contact_email": (contact_email or "").strip() or None,
			"submitted_on": edition_now(edition.name),
			"ip_address": frappe.local.request_ip,
			"status": "待处理",
		}
	)
	doc.insert(ignore_permissions=True)
	return {"received": True, "message": _("异议已收到，市工业和信息化局将依规核查处理")}
