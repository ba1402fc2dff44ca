app_name = "smart_city_contest"
app_title = "智慧泉城创新应用大赛"
app_publisher = "smart_city_contest developers"
app_description = "智慧泉城创新应用大赛：申报、区县推荐、专家评审、评奖公示与官方文书"
app_email = "szhcsjsbgs@jn.shandong.cn"
app_license = "mit"

# Install and migrate: idempotent set-up (districts, the shipped edition) from fixtures/, then the
# official documents (print formats whose HTML comes from print_formats/, the Fandol fonts made fast
# for WeasyPrint).
after_install = [
	"smart_city_contest.setup.install.after_install",
	"smart_city_contest.setup.documents.after_install",
]
after_migrate = [
	"smart_city_contest.setup.install.after_migrate",
	"smart_city_contest.setup.documents.after_migrate",
]
before_tests = "smart_city_contest.setup.install.before_tests"

# 属地原则 and who sees what: smart_city_contest/permissions/ (visibility of the application's
# documents; their child rows answer to the parent; a file answers to the document it is attached to).
_VISIBILITY = "smart_city_contest.permissions.visibility"
permission_query_conditions = {
	"Participant Unit": f"{_VISIBILITY}.unit_query",
	"Contest Project": f"{_VISIBILITY}.project_query",
	"District Recommendation": f"{_VISIBILITY}.recommendation_query",
	"District Deadline Extension": f"{_VISIBILITY}.extension_query",
	"Expert Review": f"{_VISIBILITY}.review_query",
	"Review Expert": f"{_VISIBILITY}.expert_profile_query",
	"File": "smart_city_contest.permissions.files.file_query",
	"Tag Link": f"{_VISIBILITY}.tag_link_query",
	**{
		child: "smart_city_contest.permissions.child_rows.child_query"
		for child in (
			"Performance Indicator", "Contest Project Attachment", "Contest Project State Log",
			"Expert Review Score", "Expert Review Amendment", "District Recommendation Item",
			"Review Expert Conflict", "Contest Award Level", "Contest Scoring Dimension",
		)
	},
}
has_permission = {
	"Participant Unit": f"{_VISIBILITY}.unit_permission",
	"Contest Project": f"{_VISIBILITY}.project_permission",
	"District Recommendation": f"{_VISIBILITY}.recommendation_permission",
	"District Deadline Extension": f"{_VISIBILITY}.extension_permission",
	"Expert Review": f"{_VISIBILITY}.review_permission",
	"Review Expert": f"{_VISIBILITY}.expert_profile_permission",
	"File": "smart_city_contest.permissions.files.file_permission",
	"Tag Link": f"{_VISIBILITY}.tag_link_permission",
}
# Frappe's File with the app's guard: no record minted for another user's file, locked
# applications' files stay put, size/count/type limits (permissions/files.py).
override_doctype_class = {"File": "smart_city_contest.permissions.files.GuardedFile"}

# The desk's workflow buttons on Contest Project go through the app's checks (windows, reasons, log).
override_whitelisted_methods = {
	"frappe.model.workflow.apply_workflow": "smart_city_contest.api.workflow.apply_workflow",
	# Frappe's get_count ignores permissions; ours counts only what the user may list.
	"frappe.client.get_count": "smart_city_contest.api.client.get_count",
	# Endpoints that would answer around the app's rules (permissions/surfaces.py).
	"frappe.desk.search.search_link": "smart_city_contest.permissions.surfaces.search_link",
	"frappe.desk.search.search_widget": "smart_city_contest.permissions.surfaces.search_widget",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "smart_city_contest.permissions.surfaces.dashboard_chart",
	"frappe.desk.form.load.getdoc": "smart_city_contest.permissions.surfaces.getdoc",
	"frappe.desk.form.load.get_docinfo": "smart_city_contest.permissions.surfaces.get_docinfo",
	**{
		f"{frappe_path}.{name}": f"smart_city_contest.permissions.surfaces.{ours or name}"
		for frappe_path, name, ours in (
			("frappe.desk.search", "get_link_title", None),
			("frappe.desk.doctype.tag.tag", "get_tagged_docs", None),
			("frappe.desk.like", "toggle_like", None),
			("frappe.desk.form.document_follow", "follow_document", None),
			("frappe.desk.form.document_follow", "update_follow", None),
			("frappe.desk.form.document_follow", "get_follow_users", None),
			("frappe.templates.includes.comments.comments", "add_comment", "add_website_comment"),
			("frappe.desk.listview", "get_group_by_count", None),
			("frappe.workflow.doctype.workflow.workflow", "get_workflow_state_count", None),
			("frappe.desk.form.linked_with", "get_submitted_linked_docs", None),
			("frappe.desk.form.utils", "get_next", None),
			("frappe.core.doctype.user_permission.user_permission", "get_user_permissions", None),
			("frappe.email", "relink", "relink_communication"),
			("frappe.model.document", "unlock_document", None),
			("frappe.email.doctype.email_account.email_account", "set_email_password", None),
			("frappe.core.doctype.data_import.data_import", "get_preview_from_template", "data_import_preview"),
			("frappe.core.doctype.data_import.data_import", "form_start_import", "data_import_start"),
			("frappe.core.doctype.data_import.data_import", "download_errored_template", "data_import_errored_template"),
			("frappe.core.doctype.data_import.data_import", "download_import_log", "data_import_log"),
		)
	},
}
doctype_js = {"Contest Project": "public/js/contest_project_workflow.js"}
# Token/API-key requests answer in the user's language (see smart_city_contest/api/language.py).
auth_hooks = ["smart_city_contest.api.language.use_the_users_language"]

# What the desk's JavaScript reads from the server: the session's edition, the 涉及领域, the workflow's
# states, the review statuses (setup/boot.py).
boot_session = "smart_city_contest.setup.boot.boot_session"

# The official documents' context for Frappe's print view.
jinja = {"methods": ["smart_city_contest.documents.sources.scc_print_context"]}

# Daily reminders before the districts' filing deadline and the end of the expert review.
scheduler_events = {"daily": ["smart_city_contest.notifications.send_deadline_reminders"]}

# Every document of the app: user text is plain text or sanitised rich text (hostile_input.py);
# the application's Attach fields take only their own files (permissions/files.py).
_TEXT = "smart_city_contest.hostile_input.refuse_hostile_text"
_ATTACH = "smart_city_contest.permissions.files.validate_attach_fields"
_ATTACHED = "smart_city_contest.permissions.files.attach_referenced_files"
doc_events = {
	**{
		doctype: {"validate": _TEXT}
		for doctype in (
			"Contest Edition", "Contest District", "District Deadline Extension",
			"Review Expert", "Expert Review", "Notice Objection",
		)
	},
	# The stamped 推荐汇总表 scan is an Attach field like the application's.
	"District Recommendation": {"validate": [_TEXT, _ATTACH], "on_update": _ATTACHED},
	# The stamped 申报书 scan and the paper copy's receipt: their own rule (permissions/edit_rights.py).
	"Contest Project": {
		"validate": [_TEXT, _ATTACH, "smart_city_contest.permissions.edit_rights.validate_record_fields"],
		"on_update": _ATTACHED,
	},
	"Participant Unit": {"validate": [_TEXT, _ATTACH], "on_update": _ATTACHED},
}

# --- Deadline day (issue #12), kept on its own at the end: every web request's and background job's
# transactions run at READ COMMITTED, so applicants saving different projects at once take no gap
# locks on the child tables and cannot deadlock each other (smart_city_contest/concurrency.py;
# README, "MariaDB settings").
_READ_COMMITTED = "smart_city_contest.concurrency.use_read_committed"


def _and_value(value) -> list[str]:
	return [value] if isinstance(value, str) else list(value or [])


def _and(hook: str, method: str) -> list[str]:
	return [*_and_value(globals().get(hook)), method]


before_request = _and("before_request", _READ_COMMITTED)
# Visitors who have not logged in read the site's language (中文), whatever their browser asks for.
before_request = _and("before_request", "smart_city_contest.setup.site_identity.guests_read_the_site_language")
extend_bootinfo = _and("extend_bootinfo", "smart_city_contest.setup.site_identity.administrator_in_boot")
before_job = _and("before_job", _READ_COMMITTED)

# Frappe's User.validate rewrites a global default under row locks: account saves queue on one lock.
_user_events = dict(doc_events.get("User") or {})
_user_events["before_validate"] = [
	*_and_value(_user_events.get("before_validate")), "smart_city_contest.concurrency.serialise_account_saves"
]
doc_events = {**doc_events, "User": _user_events}
# After login, a Website User applicant lands on their application in the portal.
role_home_page = {"Contest Applicant": "my-application"}
