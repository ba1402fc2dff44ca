"""What the workspace's 时间节点 block shows the session user: their next deadlines and what waits for them."""

import frappe
from frappe import _

from smart_city_contest.district_review.project_flow import edition_now, recommendation_deadline
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.rules import review_statuses


@frappe.whitelist()
def my_deadlines():
	"""[{label, deadline, seconds_left}] for the newest edition, as seen by this user's role."""
	edition = frappe.get_all(
		"Contest Edition",
		fields=["name", "application_start", "application_end", "recommendation_deadline", "review_start",
			"review_end", "notice_start", "notice_end"],
		order_by="application_start desc",
		limit=1,
	)
	if not edition:
		return {"edition": None, "items": []}
	edition = edition[0]
	now = edition_now(edition.name)
	scope = user_scope()
	items = []

	def add(label, deadline, note=None):
		if deadline:
			deadline = frappe.utils.get_datetime(deadline)
			items.append({"label": label, "deadline": str(deadline), "seconds_left": int((deadline - now).total_seconds()),
				"note": note})

	if scope.everything or scope.units:
		add(_("申报截止"), edition.application_end)
	for district in scope.districts:
		filed = frappe.db.exists("District Recommendation", {"contest": edition.name, "district": district, "docstatus": 1})
		add(_("{0}推荐汇总表报送截止").format(district), recommendation_deadline(edition.name, district),
			_("已报送") if filed else _("未报送"))
	if scope.everything:
		add(_("区县推荐截止"), edition.recommendation_deadline)
		add(_("公示开始"), edition.notice_start)
	if scope.everything or scope.expert:
		filters = {"contest": edition.name, "status": review_statuses.PENDING}
		if not scope.everything:
			filters["expert_user"] = scope.expert
		pending = frappe.db.count("Expert Review", filters)
		add(_("专家评审截止"), edition.review_end, _("待评分{0}项").format(pending))
	return {"edition": edition.name, "now": str(now), "items": items}
