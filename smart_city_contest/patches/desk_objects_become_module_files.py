"""The workspace 智慧泉城创新应用大赛, its number cards and charts become module files (pre_model_sync).

Until this release setup/desk.py wrote them on install and migrate (number cards and charts as
non-standard records) and kept a digest of each write, a global default
`smart_city_contest_desk::<doctype>::<name>`, to leave alone an object the bureau had edited in the desk.
From this release they are files under contest_setup/ (workspace/, number_card/, dashboard_chart/) that
Frappe imports itself later in this migrate (the workspace in the DocType sync, the cards and charts with
the dashboards), replacing a record only when the file's `modified` is newer than the record's. This patch
turns each digest into that rule, once:

- an object the bureau edited gets a `modified` no older than its file (now, unless it is newer
  already), so the import leaves it as the bureau made it: it stays a non-standard record, a chart
  stays editable;
- an object as the app wrote it gets a `modified` older than its file, so the import replaces it with
  the file's (the same definition, now a standard record);
- the digests of these objects are removed. The 时间节点 block keeps its digest (setup/desk.py still
  writes the block, now from contest_setup/desk_blocks/); a block the previous release left without one
  gets it when it is still as every release wrote it, so after_migrate brings it up to the files.

"Edited" is decided as setup/desk.py decided it: with a digest, the object no longer matches it (read by
this definition or by the previous release's, which the code after that release kept a while); without
one (the previous release, fb95b11, kept none), the object is not what either definition writes. The definitions
are frozen below as setup/desk.py had them, the previous release's beside: the same cards and charts
without the edition filter, a workspace with fewer links. An object a release before those wrote counts
as edited and stays as it is. Run again, the patch leaves the files' records alone (a standard card or
chart; a workspace as its file has it counts as unedited, and the import writes the same again).
"""

import copy
import json

import frappe
from frappe.utils import add_to_date, get_datetime, now_datetime

from smart_city_contest.setup.desk import digest_key, shape_of

WORKSPACE = "智慧泉城创新应用大赛"
MODULE = "Contest Setup"
TIMELINE_BLOCK = "大赛时间节点"
# editions.DESK_EXPRESSION when these objects were written by code.
EDITION_EXPRESSION = 'frappe.defaults.get_user_default("contest_edition") || frappe.boot.scc_current_edition || ""'

NUMBER_CARDS = [
	# (name, doctype, filters, color)
	("草稿项目", "Contest Project", [["workflow_state", "=", "草稿"]], "#8D99A6"),
	("区县审核中", "Contest Project", [["workflow_state", "=", "已提交（区县审核中）"]], "#2490EF"),
	("退回修改", "Contest Project", [["workflow_state", "=", "退回修改"]], "#E24C4C"),
	("区县已推荐", "Contest Project", [["workflow_state", "=", "区县已推荐"]], "#29CD42"),
	("市局已受理", "Contest Project", [["workflow_state", "=", "市局已受理"]], "#5E64FF"),
	("评审中项目", "Contest Project", [["workflow_state", "=", "评审中"]], "#FF8C00"),
	("获奖项目", "Contest Project", [["workflow_state", "=", "获奖"]], "#ECAD4B"),
	("待评分", "Expert Review", [["status", "=", "待评分"]], "#E24C4C"),
	("已提交评分", "Expert Review", [["status", "=", "已提交"]], "#29CD42"),
	("已报送汇总表", "District Recommendation", [["docstatus", "=", 1]], "#29CD42"),
]

CHARTS = [
	# (name, doctype, group by, type, filters)
	("各区县申报项目", "Contest Project", "district", "Bar", []),
	("项目状态分布", "Contest Project", "workflow_state", "Donut", []),
	("专家评审进度", "Expert Review", "status", "Pie", []),
	("各区县报送情况", "District Recommendation", "district", "Bar", [["docstatus", "=", 1]]),
]

SHORTCUTS = [
	# (label, type, link_to or url, color)
	("参赛单位", "DocType", "Participant Unit", "Blue"),
	("参赛项目", "DocType", "Contest Project", "Blue"),
	("推荐汇总表", "DocType", "District Recommendation", "Green"),
	("区县报送情况", "Report", "District Submission Status", "Green"),
	("专家评审", "DocType", "Expert Review", "Orange"),
	("项目评审排名", "Report", "Project Ranking", "Orange"),
	("评审专家库", "DocType", "Review Expert", "Grey"),
	("公示异议", "DocType", "Notice Objection", "Red"),
	("公示页面", "URL", "/contest-notice", "Red"),
	("大赛统计", "Report", "Contest Statistics", "Blue"),
]

CARDS = [
	("申报", [("DocType", "Participant Unit"), ("DocType", "Contest Project")]),
	("区县审核推荐", [("DocType", "District Recommendation"), ("DocType", "District Deadline Extension"),
		("Report", "District Submission Status"), ("Report", "Duplicate Applications")]),
	("专家评审与评奖", [("DocType", "Review Expert"), ("DocType", "Expert Review"), ("Report", "Project Ranking"),
		("Report", "Expert Scoring Scale")]),
	("公示与结果", [("DocType", "Notice Objection"), ("DocType", "Award Follow Up"), ("Report", "Award Follow Up Report")]),
	("大赛设置", [("DocType", "Contest Edition"), ("DocType", "Contest District"), ("Report", "Contest Statistics")]),
]

# The previous release (fb95b11): the shortcuts but 大赛统计, and these cards.
PREVIOUS_SHORTCUTS = SHORTCUTS[:-1]
PREVIOUS_CARDS = [
	("申报", [("DocType", "Participant Unit"), ("DocType", "Contest Project")]),
	("区县审核推荐", [("DocType", "District Recommendation"), ("DocType", "District Deadline Extension"),
		("Report", "District Submission Status")]),
	("专家评审与评奖", [("DocType", "Review Expert"), ("DocType", "Expert Review"), ("Report", "Project Ranking")]),
	("公示", [("DocType", "Notice Objection")]),
	("大赛设置", [("DocType", "Contest Edition"), ("DocType", "Contest District")]),
]


def _filters(doctype: str, filters: list) -> str:
	return json.dumps([[doctype, *f, False] for f in filters], ensure_ascii=False)


def _edition_filter(doctype: str) -> str:
	return json.dumps([[doctype, "contest", "=", EDITION_EXPRESSION]], ensure_ascii=False)


def card_values(doctype: str, filters: list, color: str, name: str) -> dict:
	return {
		"label": name, "type": "Document Type", "document_type": doctype, "function": "Count",
		"filters_json": _filters(doctype, filters), "color": color, "is_public": 1,
		"is_standard": 0, "module": MODULE, "show_percentage_stats": 0,
		"dynamic_filters_json": _edition_filter(doctype),
	}


def chart_values(doctype: str, group_by: str, chart_type: str, filters: list) -> dict:
	return {
		"chart_type": "Group By", "document_type": doctype, "group_by_based_on": group_by, "group_by_type": "Count",
		"type": chart_type, "filters_json": _filters(doctype, filters), "is_public": 1,
		"is_standard": 0, "module": MODULE, "timeseries": 0, "number_of_groups": 15,
		"dynamic_filters_json": _edition_filter(doctype),
	}


def workspace_values(shortcuts: list, cards: list) -> dict:
	content = [{"id": "h1", "type": "header", "data": {"text": f'<span class="h4"><b>{WORKSPACE}</b></span>', "col": 12}}]
	content.append({"id": "cb", "type": "custom_block", "data": {"custom_block_name": TIMELINE_BLOCK, "col": 12}})
	content += [{"id": f"n{i}", "type": "number_card", "data": {"number_card_name": n[0], "col": 3}} for i, n in enumerate(NUMBER_CARDS)]
	content.append({"id": "h2", "type": "header", "data": {"text": '<span class="h4"><b>常用功能</b></span>', "col": 12}})
	content += [{"id": f"s{i}", "type": "shortcut", "data": {"shortcut_name": s[0], "col": 3}} for i, s in enumerate(shortcuts)]
	content.append({"id": "h4", "type": "header", "data": {"text": '<span class="h4"><b>进度统计</b></span>', "col": 12}})
	content += [{"id": f"c{i}", "type": "chart", "data": {"chart_name": c[0], "col": 6}} for i, c in enumerate(CHARTS)]
	content.append({"id": "h3", "type": "header", "data": {"text": '<span class="h4"><b>全部功能</b></span>', "col": 12}})
	content += [{"id": f"k{i}", "type": "card", "data": {"card_name": c[0], "col": 4}} for i, c in enumerate(cards)]

	links = []
	for card, items in cards:
		links.append({"type": "Card Break", "label": card, "link_count": len(items)})
		for link_type, target in items:
			# setup/desk.py wrote frappe._(target) in a bench command, i.e. the English name.
			links.append({"type": "Link", "label": target, "link_type": link_type, "link_to": target,
				"is_query_report": 1 if link_type == "Report" else 0})
	return {
		"label": WORKSPACE, "title": WORKSPACE, "module": MODULE, "public": 1, "icon": "education",
		"sequence_id": 0.5, "content": json.dumps(content, ensure_ascii=False),
		"shortcuts": [
			{"label": label, "type": kind, **({"url": target} if kind == "URL" else {"link_to": target}), "color": color,
				"doc_view": "List" if kind == "DocType" else ""}
			for label, kind, target, color in shortcuts
		],
		"number_cards": [{"number_card_name": n[0], "label": n[0]} for n in NUMBER_CARDS],
		"charts": [{"chart_name": c[0], "label": c[0]} for c in CHARTS],
		"custom_blocks": [{"custom_block_name": TIMELINE_BLOCK, "label": TIMELINE_BLOCK}],
		"links": links,
	}


def _without_edition_filter(values: dict) -> dict:
	return {k: v for k, v in values.items() if k != "dynamic_filters_json"}


def definitions() -> dict[tuple[str, str], list[dict]]:
	"""Each object's definitions as code wrote them: this one, then the previous release's."""
	found = {}
	for name, doctype, filters, color in NUMBER_CARDS:
		values = card_values(doctype, filters, color, name)
		found[("Number Card", name)] = [values, _without_edition_filter(values)]
	for name, doctype, group_by, chart_type, filters in CHARTS:
		values = chart_values(doctype, group_by, chart_type, filters)
		found[("Dashboard Chart", name)] = [values, _without_edition_filter(values)]
	found[("Workspace", WORKSPACE)] = [workspace_values(SHORTCUTS, CARDS), workspace_values(PREVIOUS_SHORTCUTS, PREVIOUS_CARDS)]
	return found


def is_edited(doc, candidates: list[dict], kept: str | None) -> bool:
	if kept is not None:
		return kept not in {shape_of(doc, values) for values in candidates}
	# What a definition writes, read as setup/desk.py read a saved object.
	return not any(shape_of(doc, values) == shape_of(frappe._dict(copy.deepcopy(values)), values) for values in candidates)


def file_modified(doctype: str, name: str):
	from frappe.modules.import_file import get_file_path, read_doc_from_file

	return get_datetime(read_doc_from_file(get_file_path(MODULE, doctype, name))["modified"])


# The digest of the 时间节点 block's html, script, style and private as every release before this one
# wrote them (setup/desk.py's shape_of; the value a site with digests holds for an unedited block).
PREVIOUS_BLOCK_DIGEST = "26507dd63e3bd4a39feda0120aae01178c3c072cee2b2b1b4ea30b99c216ce8f"


def adopt_the_previous_block():
	key = digest_key("Custom HTML Block", TIMELINE_BLOCK)
	if not frappe.db.exists("Custom HTML Block", TIMELINE_BLOCK) or frappe.db.get_global(key) is not None:
		return
	block = frappe.get_doc("Custom HTML Block", TIMELINE_BLOCK)
	if shape_of(block, dict.fromkeys(("html", "script", "style", "private"))) == PREVIOUS_BLOCK_DIGEST:
		frappe.db.set_global(key, PREVIOUS_BLOCK_DIGEST)


def execute():
	adopt_the_previous_block()
	for (doctype, name), candidates in definitions().items():
		key = digest_key(doctype, name)
		if frappe.db.exists(doctype, name) and not (doctype != "Workspace" and frappe.db.get_value(doctype, name, "is_standard")):
			doc = frappe.get_doc(doctype, name)
			shipped = file_modified(doctype, name)
			if is_edited(doc, candidates, frappe.db.get_global(key)):
				modified = max(get_datetime(doc.modified), now_datetime(), shipped)
			else:
				modified = min(get_datetime(doc.modified), add_to_date(shipped, seconds=-1))
			if modified != get_datetime(doc.modified):
				frappe.db.set_value(doctype, name, "modified", modified, update_modified=False)
		frappe.defaults.clear_default(key=key, parent="__global")
