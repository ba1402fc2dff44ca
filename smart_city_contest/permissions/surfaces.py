"""Frappe endpoints that would answer around the app's rules, answered through them instead.

Wired in hooks.py (override_whitelisted_methods); each keeps Frappe's signature and behaviour and
changes only what bypassed the rules:

- link search (`frappe.desk.search.search_link` / `search_widget`): with `ignore_user_permissions=1`
  Frappe drops *every* permission check for a user holding the role, so it would list every unit and
  project of the city. For the app's DocTypes (their child tables and File included) the flag is
  ignored: search answers with exactly what the user may list.
- dashboard charts (`frappe.desk.doctype.dashboard_chart.dashboard_chart.get`): Frappe caches a
  chart's figures under its name for everybody (a reviewer would see the city's totals) and computes
  a Heatmap with `get_all` (no permissions at all), even for a chart definition sent by the client.
  Here a saved chart needs read permission on it, every chart is computed for the user through the
  permission layer, and nothing is shared between users.
- form load and docinfo (`frappe.desk.form.load.getdoc` / `get_docinfo`): the version history
  lists changes of fields above the user's permission level (a reviewer's notes, seen by an
  expert); those entries are removed.
"""

import json

import frappe
from frappe import _

from smart_city_contest.permissions import child_rows, visibility

GOVERNED = frozenset((*visibility.QUERY_CONDITIONS, *child_rows.CHILD_PARENTS, "File", "Notice Objection", "Version"))


# Link search -----------------------------------------------------------------------------------


def _ignore_user_permissions(doctype: str, requested) -> bool:
	return False if doctype in GOVERNED else bool(frappe.utils.cint(requested))


@frappe.whitelist()
def search_link(doctype: str, txt: str, query=None, filters=None, page_length: int = 10, searchfield=None,
	reference_doctype=None, ignore_user_permissions: bool = False):
	from frappe.desk import search

	return search.search_link(
		doctype, txt, query=query, filters=filters, page_length=page_length, searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=_ignore_user_permissions(doctype, ignore_user_permissions),
	)


@frappe.whitelist()
def search_widget(doctype: str, txt: str, query=None, searchfield=None, start: int = 0, page_length: int = 10,
	filters=None, filter_fields=None, as_dict: bool = False, reference_doctype=None,
	ignore_user_permissions: bool = False):
	from frappe.desk import search

	return search.search_widget(
		doctype, txt, query=query, searchfield=searchfield, start=start, page_length=page_length,
		filters=filters, filter_fields=filter_fields, as_dict=as_dict, reference_doctype=reference_doctype,
		ignore_user_permissions=_ignore_user_permissions(doctype, ignore_user_permissions),
	)


# Dashboard charts ------------------------------------------------------------------------------


def _heatmap(chart, filters, heatmap_year):
	"""Frappe's heatmap, through frappe.get_list (permission query conditions, User Permissions)."""
	import datetime

	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get_aggregate_function
	from frappe.utils import cint, getdate, nowdate

	value_field = chart.value_based_on or "1"
	datefield = chart.based_on
	year = cint(heatmap_year) if heatmap_year else getdate(nowdate()).year
	filters.append([chart.document_type, datefield, ">", str(datetime.date(year, 1, 1)), False])
	filters.append([chart.document_type, datefield, "<", str(datetime.date(year + 1, 1, 1)), False])
	rows = frappe.get_list(
		chart.document_type,
		fields=[f"unix_timestamp({datefield})", f"{get_aggregate_function(chart.chart_type)}({value_field})"],
		filters=filters, group_by=f"date({datefield})", as_list=1, order_by=f"{datefield} asc", ignore_ifnull=True,
	)
	return {"labels": [], "dataPoints": dict(rows)}


@frappe.whitelist()
def dashboard_chart(chart_name=None, chart=None, no_cache=None, filters=None, from_date=None, to_date=None,
	timespan=None, time_interval=None, heatmap_year=None, refresh=None):
	from frappe.desk.doctype.dashboard_chart import dashboard_chart as core
	from frappe.utils import get_datetime

	if chart_name:
		definition = frappe.get_doc("Dashboard Chart", chart_name)
		definition.check_permission("read")
	else:
		definition = frappe._dict(frappe.parse_json(chart) or {})
	if not definition.get("document_type") or not frappe.has_permission(definition.document_type, "read"):
		frappe.throw(_("您没有查看“{0}”统计图的权限").format(_(definition.get("document_type") or "")), frappe.PermissionError)

	timespan = timespan or definition.timespan
	if timespan == "Select Date Range":
		from_date = get_datetime(from_date) if from_date else definition.from_date
		to_date = get_datetime(to_date) if to_date else get_datetime(definition.to_date)
	filters = frappe.parse_json(filters) or frappe.parse_json(definition.filters_json) or []
	filters.append([definition.document_type, "docstatus", "<", 2, False])

	if definition.chart_type == "Group By":
		return core.get_group_by_chart_config(definition, filters)
	if definition.type == "Heatmap":
		return _heatmap(definition, filters, heatmap_year or definition.heatmap_year)
	return core.get_chart_config(definition, filters, timespan, time_interval or definition.time_interval, from_date, to_date)


# Form load: version history within the user's permission levels --------------------------------


def _hidden_fields(doctype: str) -> set[str]:
	meta = frappe.get_meta(doctype)
	levels = set(meta.get_permlevel_access("read"))
	return {df.fieldname for df in meta.fields if df.permlevel and df.permlevel not in levels}


def redact_versions(doctype: str, versions: list) -> list:
	hidden = _hidden_fields(doctype)
	if not hidden:
		return versions
	kept = []
	for version in versions or []:
		try:
			data = json.loads(version.get("data") or "{}")
		except ValueError:
			continue
		removed = 0
		for key in ("changed", "added", "removed", "row_changed"):
			rows = data.get(key) or []
			data[key] = [r for r in rows if r and r[0] not in hidden]
			removed += len(rows) - len(data[key])
		if removed and not any(data.get(k) for k in ("changed", "added", "removed", "row_changed")):
			continue  # the whole entry was about fields the user may not see
		version["data"] = json.dumps(data, ensure_ascii=False)
		kept.append(version)
	return kept


def _redact_response_docinfo():
	docinfo = frappe.response.get("docinfo")
	if docinfo and docinfo.get("doctype"):
		docinfo["versions"] = redact_versions(docinfo["doctype"], docinfo.get("versions"))


@frappe.whitelist()
def getdoc(doctype, name, user=None):
	from frappe.desk.form import load

	result = load.getdoc(doctype, name, user)
	_redact_response_docinfo()
	return result


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	from frappe.desk.form import load

	if doc is not None and not hasattr(doc, "doctype"):
		doc = None  # only a document object from the server, never a client's value
	load.get_docinfo(doc, doctype, name)
	_redact_response_docinfo()


# Endpoints that read or touch a named record without asking whether the user may read it -------


def _require_read(doctype: str, name: str) -> None:
	"""The named record exists and the user may read it (the app's rules included); else PermissionError."""
	if not (doctype and name) or not frappe.db.exists(doctype, name):
		frappe.throw(_("{0} {1} 不存在").format(_(doctype or ""), name or ""), frappe.DoesNotExistError)
	if not frappe.get_doc(doctype, name).has_permission("read"):
		frappe.throw(_("您没有查看{0} {1}的权限").format(_(doctype), name), frappe.PermissionError)


@frappe.whitelist()
def get_link_title(doctype, docname):
	"""Frappe reads the title of any record; a record the user may not read keeps its name only."""
	from frappe.desk import search

	if doctype in GOVERNED and docname and frappe.db.exists(doctype, docname):
		if not frappe.get_doc(doctype, docname).has_permission("read"):
			return docname
	return search.get_link_title(doctype, docname)


@frappe.whitelist()
def toggle_like(doctype, name, add=False):
	from frappe.desk import like

	_require_read(doctype, name)
	return like.toggle_like(doctype, name, add)


@frappe.whitelist()
def follow_document(doctype, doc_name, user):
	"""Only oneself, only a record one may read (the digest would show its changes)."""
	from frappe.desk.form import document_follow

	if user != frappe.session.user and not visibility.user_scope().everything:
		frappe.throw(_("只能为自己关注文档"), frappe.PermissionError)
	_require_read(doctype, doc_name)
	return document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist()
def update_follow(doctype: str, doc_name: str, following: bool):
	from frappe.desk.form import document_follow

	if frappe.utils.cint(following):
		_require_read(doctype, doc_name)
	return document_follow.update_follow(doctype, doc_name, following)


@frappe.whitelist(allow_guest=True)
def add_website_comment(comment, comment_email, comment_by, reference_doctype, reference_name, route):
	"""Website comments belong to web pages and blog posts, never to the contest's records."""
	from frappe.templates.includes.comments import comments

	if reference_doctype in GOVERNED:
		frappe.throw(_("不能对该类记录发表网页评论"), frappe.PermissionError)
	return comments.add_comment(comment, comment_email, comment_by, reference_doctype, reference_name, route)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The sidebar's "assigned to" counts: Frappe's sub-query ignores permissions; ours is the user's list."""
	from frappe.desk import listview

	if field != "assigned_to" or doctype not in GOVERNED:
		return listview.get_group_by_count(doctype, current_filters, field)
	visible = frappe.get_list(doctype, filters=frappe.parse_json(current_filters), pluck="name", limit_page_length=0)
	if not visible:
		return []
	return frappe.get_all(
		"ToDo",
		filters={"status": ("!=", "Cancelled"), "reference_type": doctype, "reference_name": ("in", visible)},
		fields=["allocated_to as name", "count(*) as count"],
		group_by="allocated_to",
		order_by="count desc",
		limit=50,
	)


@frappe.whitelist()
def get_workflow_state_count(doctype, workflow_state_field, states):
	"""Counts per workflow state over what the user may list (Frappe counts every record)."""
	frappe.has_permission(doctype=doctype, ptype="read", throw=True)
	states = frappe.parse_json(states)
	if workflow_state_field not in frappe.get_meta(doctype).get_valid_columns():
		return []
	rows = frappe.get_list(
		doctype,
		fields=[workflow_state_field, "count(*) as count"],
		filters={workflow_state_field: ["not in", states]},
		group_by=workflow_state_field,
		order_by=None,
	)
	return [r for r in rows if r[workflow_state_field]]


@frappe.whitelist()
def get_submitted_linked_docs(doctype: str, name: str, ignore_doctypes_on_cancel_all=None):
	from frappe.desk.form import linked_with

	_require_read(doctype, name)
	return linked_with.get_submitted_linked_docs(doctype, name, ignore_doctypes_on_cancel_all)


@frappe.whitelist()
def get_next(doctype, value, prev, filters=None, sort_order="desc", sort_field="modified"):
	"""Next/previous record: the pivot must be a record the user may read (its sort value is compared)."""
	from frappe.desk.form import utils

	if doctype in GOVERNED:
		_require_read(doctype, value)
	return utils.get_next(doctype, value, prev, filters, sort_order, sort_field)


@frappe.whitelist()
def get_user_permissions(user=None):
	"""One's own User Permissions; another user's only for the city bureau."""
	from frappe.core.doctype.user_permission import user_permission

	if user and user != frappe.session.user and not visibility.user_scope().everything:
		user = frappe.session.user
	return user_permission.get_user_permissions(user or frappe.session.user)


# Administrative endpoints Frappe leaves open to any user: the city bureau's only ------------------


def _city_only(name: str, target: str):
	def call(*args, **kwargs):
		if not visibility.user_scope().everything:
			frappe.throw(_("只有市局管理员可以执行此操作"), frappe.PermissionError)
		kwargs.pop("cmd", None)
		return frappe.get_attr(target)(*args, **kwargs)

	call.__name__ = call.__qualname__ = name
	call.__doc__ = f"{target}, for the city bureau (System Manager, Contest Admin) only."
	return frappe.whitelist()(call)


relink_communication = _city_only("relink_communication", "frappe.email.relink")
unlock_document = _city_only("unlock_document", "frappe.model.document.unlock_document")
set_email_password = _city_only("set_email_password", "frappe.email.doctype.email_account.email_account.set_email_password")
data_import_preview = _city_only("data_import_preview", "frappe.core.doctype.data_import.data_import.get_preview_from_template")
data_import_start = _city_only("data_import_start", "frappe.core.doctype.data_import.data_import.form_start_import")
data_import_errored_template = _city_only(
	"data_import_errored_template", "frappe.core.doctype.data_import.data_import.download_errored_template"
)
data_import_log = _city_only("data_import_log", "frappe.core.doctype.data_import.data_import.download_import_log")


@frappe.whitelist()
def get_tagged_docs(doctype, tag):
	"""Records of a DocType carrying a tag: through the user's list (Frappe reads every record's tags)."""
	from frappe.desk.doctype.tag import tag as tags

	if doctype not in GOVERNED:
		return tags.get_tagged_docs(doctype, tag)
	frappe.has_permission(doctype, throw=True)
	return frappe.get_list(doctype, filters={"_user_tags": ("like", tag)}, fields=["name"], as_list=True)


@frappe.whitelist()
def get_follow_users(doctype, doc_name):
	from frappe.desk.form import document_follow

	_require_read(doctype, doc_name)
	return document_follow.get_follow_users(doctype, doc_name)
