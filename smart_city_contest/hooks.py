app_name = "smart_city_contest"
app_title = "智慧泉城创新应用大赛"
app_publisher = "smart_city_contest developers"
app_description = "智慧泉城创新应用大赛：申报、区县推荐、专家评审、评奖公示与官方文书"
app_email = "szhcsjsbgs@jn.shandong.cn"
app_license = "mit"

# Install and migrate: idempotent set-up (districts, the shipped edition) from fixtures/.
after_install = "smart_city_contest.setup.install.after_install"
after_migrate = "smart_city_contest.setup.install.after_migrate"
before_tests = "smart_city_contest.setup.install.before_tests"

# 属地原则: district isolation, in SQL for lists and per document for everything else.
permission_query_conditions = {
	"Participant Unit": "smart_city_contest.district_review.isolation.unit_query",
	"Contest Project": "smart_city_contest.district_review.isolation.project_query",
	"District Recommendation": "smart_city_contest.district_review.isolation.recommendation_query",
	"District Deadline Extension": "smart_city_contest.district_review.isolation.extension_query",
	"Expert Review": "smart_city_contest.district_review.isolation.review_query",
	"Review Expert": "smart_city_contest.district_review.isolation.expert_profile_query",
}
has_permission = {
	"Participant Unit": "smart_city_contest.district_review.isolation.unit_permission",
	"Contest Project": "smart_city_contest.district_review.isolation.project_permission",
	"District Recommendation": "smart_city_contest.district_review.isolation.recommendation_permission",
	"District Deadline Extension": "smart_city_contest.district_review.isolation.extension_permission",
	"Expert Review": "smart_city_contest.district_review.isolation.review_permission",
	"Review Expert": "smart_city_contest.district_review.isolation.expert_profile_permission",
}

# The desk's workflow buttons on Contest Project go through the app's checks (windows, reasons, log).
override_whitelisted_methods = {
	"frappe.model.workflow.apply_workflow": "smart_city_contest.api.workflow.apply_workflow",
	# Frappe's get_count ignores permissions; ours counts only what the user may list.
	"frappe.client.get_count": "smart_city_contest.api.client.get_count",
}
doctype_js = {"Contest Project": "public/js/contest_project_workflow.js"}
# Token/API-key requests answer in the user's language (see smart_city_contest/api/language.py).
auth_hooks = ["smart_city_contest.api.language.use_the_users_language"]

# Official documents (申报书, 推荐汇总表): print formats whose HTML comes from print_formats/, and
# the Fandol fonts made fast for WeasyPrint; run after the set-up above on install and migrate.
after_install = [
	*([after_install] if isinstance(after_install, str) else after_install),
	"smart_city_contest.setup.documents.after_install",
]
after_migrate = [
	*([after_migrate] if isinstance(after_migrate, str) else after_migrate),
	"smart_city_contest.setup.documents.after_migrate",
]
jinja = {"methods": ["smart_city_contest.documents.sources.scc_print_context"]}

# Daily reminders before the districts' filing deadline and the end of the expert review.
scheduler_events = {"daily": ["smart_city_contest.notifications.send_deadline_reminders"]}

# A submitted 申报书 is locked: no attachments added to or removed from it afterwards.
doc_events = {
	"File": {
		"before_insert": "smart_city_contest.district_review.edit_rights.attachment_guard",
		"on_trash": "smart_city_contest.district_review.edit_rights.attachment_guard",
	}
}

# --- Deadline day (issue #12), kept on its own at the end: every web request's and background job's
# transactions run at READ COMMITTED, so applicants saving different projects at once take no gap
# locks on the child tables and cannot deadlock each other (smart_city_contest/concurrency.py;
# README, "MariaDB settings").
_READ_COMMITTED = "smart_city_contest.concurrency.use_read_committed"


def _and(hook: str, method: str) -> list[str]:
	value = globals().get(hook) or []
	return [*([value] if isinstance(value, str) else value), method]


before_request = _and("before_request", _READ_COMMITTED)
before_job = _and("before_job", _READ_COMMITTED)
