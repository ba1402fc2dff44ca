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

	from frappe.utils import cint, getdate, nowdate

	from frappe.desk.doctype.dashboard_chart.dashboard_chart import get_aggregate_function

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
