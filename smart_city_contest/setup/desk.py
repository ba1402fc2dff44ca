"""The workspace 智慧泉城创新应用大赛 with its number cards, charts and the 时间节点 block.

Frappe syncs workspaces from module files but not number cards or charts, so all three are built
here, idempotently, on install and migrate. Every card and chart counts through Frappe's permission
layer, so each role sees its own scope: a district reviewer counts their district, an expert their
assignments, the city bureau everything. And every one counts one edition: a dynamic filter on
`contest` that the desk evaluates to the session's edition — the one the user picked under Session
Defaults (默认大赛届次), else the current one (contest_setup/editions.py); a chart's own filter button
changes it for that chart.
"""

import copy
import hashlib
import json

import frappe

from smart_city_contest.contest_setup import editions

WORKSPACE = "智慧泉城创新应用大赛"
MODULE = "Contest Setup"

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

TIMELINE_BLOCK = "大赛时间节点"
TIMELINE_HTML = """<div class="scc-timeline"><div class="scc-title">时间节点</div><div class="scc-items">加载中…</div></div>"""
TIMELINE_STYLE = """
.scc-timeline { padding: 12px 16px; border: 1px solid var(--border-color); border-radius: 8px; }
.scc-title { font-weight: 600; margin-bottom: 8px; }
.scc-item { display: flex; justify-content: space-between; padding: 4px 0; border-bottom: 1px dashed var(--border-color); }
.scc-left { font-variant-numeric: tabular-nums; }
.scc-overdue { color: var(--red-500); }
.scc-soon { color: var(--orange-500); }
"""
TIMELINE_SCRIPT = """
frappe.call("smart_city_contest.api.desk.my_deadlines").then(({ message }) => {
	const box = root_element.querySelector(".scc-items");
	if (!message.items.length) { box.textContent = "暂无时间节点"; return; }
	box.innerHTML = "";
	for (const item of message.items) {
		const s = item.seconds_left;
		const days = Math.floor(Math.abs(s) / 86400), hours = Math.floor((Math.abs(s) % 86400) / 3600);
		const left = s < 0 ? `已截止（${days}天${hours}小时前）` : `剩余 ${days} 天 ${hours} 小时`;
		const row = document.createElement("div");
		row.className = "scc-item";
		row.innerHTML = `<span>${frappe.utils.escape_html(item.label)}${item.note ? "（" + frappe.utils.escape_html(item.note) + "）" : ""}</span>
			<span class="scc-left ${s < 0 ? "scc-overdue" : s < 3 * 86400 ? "scc-soon" : ""}">${item.deadline.slice(0, 16)}　${left}</span>`;
		box.appendChild(row);
	}
});
"""


def _plain(value):
	"""A field value as compared across saves: empty and zero alike, numbers as floats."""
	if not value:
		return ""
	if isinstance(value, int | float):
		return repr(float(value))
	return str(value)


def _shape(doc, values: dict) -> str:
	"""A digest of what `doc` holds of the fields `values` sets (child tables: the columns `values` gives)."""
	state = {}
	for key, value in values.items():
		if isinstance(value, list):
			# Each row by the columns the definition gives that row (a Card Break has no link type:
			# Frappe fills one on insert and not on update); rows past the definition by all of them.
			every = list(dict.fromkeys(column for row in value for column in row))
			state[key] = [[_plain(row.get(column)) for column in (value[i] if i < len(value) else every)]
				for i, row in enumerate(doc.get(key) or [])]
		else:
			state[key] = _plain(doc.get(key))
	return hashlib.sha256(json.dumps(state, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


# Keys of the definitions added after their first release (a site's digest may predate them).
ADDED_KEYS = ("dynamic_filters_json",)


def _marker(doctype: str, name: str) -> str:
	return f"smart_city_contest_desk::{doctype}::{name}"


def _upsert(doctype: str, name: str, values: dict, name_field: str | None = None):
	"""Create the desk object, or bring it up to this release's definition unless the bureau edited it.

	After each write a digest of the object's shipped fields is kept (a global default); on the next
	install or migrate an object that no longer matches it was changed in the desk and stays as the
	bureau made it. An object without a digest (a site from a release before this rule) counts as
	edited when writing this release's definition would change it (the definitions are as shipped
	then), and the write is rolled back."""
	if not frappe.db.exists(doctype, name):
		doc = frappe.get_doc({"doctype": doctype, **({name_field: name} if name_field else {"name": name}),
			**copy.deepcopy(values)})  # Frappe writes into child rows' dicts
		doc.flags.ignore_permissions = True
		doc.flags.ignore_links = True
		doc.insert()
		frappe.db.set_global(_marker(doctype, name), _shape(frappe.get_doc(doctype, doc.name), values))
		return doc
	doc = frappe.get_doc(doctype, name)
	kept = frappe.db.get_global(_marker(doctype, name))
	before = _shape(doc, values)
	# A digest written before a key joined the definition is of the definition without that key.
	earlier = _shape(doc, {k: v for k, v in values.items() if k not in ADDED_KEYS})
	if kept is not None and kept not in (before, earlier):
		return doc  # edited in the desk since the app last wrote it: theirs
	savepoint = "smart_city_contest_desk"
	frappe.db.savepoint(savepoint)
	doc.update(copy.deepcopy(values))
	doc.flags.ignore_permissions = True
	doc.flags.ignore_links = True
	doc.save()
	after = _shape(frappe.get_doc(doctype, name), values)
	if kept is None and after != before:
		frappe.db.rollback(save_point=savepoint)  # edited in the desk before this release: theirs
		frappe.clear_document_cache(doctype, name)
		return frappe.get_doc(doctype, name)
	frappe.db.set_global(_marker(doctype, name), after)
	return doc


def _edition_filter(doctype: str) -> str:
	"""dynamic_filters_json: the session's edition (every card's and chart's DocType has `contest`)."""
	return json.dumps([[doctype, "contest", "=", editions.DESK_EXPRESSION]], ensure_ascii=False)


def sync_desk():
	for name, doctype, filters, color in NUMBER_CARDS:
		_upsert("Number Card", name, {
			"label": name, "type": "Document Type", "document_type": doctype, "function": "Count",
			"filters_json": json.dumps([[doctype, *f, False] for f in filters], ensure_ascii=False), "color": color, "is_public": 1,
			"is_standard": 0, "module": MODULE, "show_percentage_stats": 0,
			"dynamic_filters_json": _edition_filter(doctype),
		})
	for name, doctype, group_by, chart_type, filters in CHARTS:
		_upsert("Dashboard Chart", name, {
			"chart_type": "Group By", "document_type": doctype, "group_by_based_on": group_by, "group_by_type": "Count",
			"type": chart_type, "filters_json": json.dumps([[doctype, *f, False] for f in filters], ensure_ascii=False),
			"is_public": 1,
			"is_standard": 0, "module": MODULE, "timeseries": 0, "number_of_groups": 15,
			"dynamic_filters_json": _edition_filter(doctype),
		}, name_field="chart_name")
	sync_session_default()
	_upsert("Custom HTML Block", TIMELINE_BLOCK, {
		"html": TIMELINE_HTML, "script": TIMELINE_SCRIPT, "style": TIMELINE_STYLE, "private": 0,
	})
	sync_workspace()


def sync_session_default():
	"""Session Defaults offer 默认大赛届次 (Frappe clears it at logout)."""
	settings = frappe.get_single("Session Default Settings")
	if not any(row.ref_doctype == editions.EDITION for row in settings.session_defaults):
		settings.append("session_defaults", {"ref_doctype": editions.EDITION})
		settings.flags.ignore_permissions = True
		settings.save()


def sync_workspace():
	content = [{"id": "h1", "type": "header", "data": {"text": f'<span class="h4"><b>{WORKSPACE}</b></span>', "col": 12}}]
	content.append({"id": "cb", "type": "custom_block", "data": {"custom_block_name": TIMELINE_BLOCK, "col": 12}})
	content += [{"id": f"n{i}", "type": "number_card", "data": {"number_card_name": n[0], "col": 3}} for i, n in enumerate(NUMBER_CARDS)]
	content.append({"id": "h2", "type": "header", "data": {"text": '<span class="h4"><b>常用功能</b></span>', "col": 12}})
	content += [{"id": f"s{i}", "type": "shortcut", "data": {"shortcut_name": s[0], "col": 3}} for i, s in enumerate(SHORTCUTS)]
	content.append({"id": "h4", "type": "header", "data": {"text": '<span class="h4"><b>进度统计</b></span>', "col": 12}})
	content += [{"id": f"c{i}", "type": "chart", "data": {"chart_name": c[0], "col": 6}} for i, c in enumerate(CHARTS)]
	content.append({"id": "h3", "type": "header", "data": {"text": '<span class="h4"><b>全部功能</b></span>', "col": 12}})
	content += [{"id": f"k{i}", "type": "card", "data": {"card_name": c[0], "col": 4}} for i, c in enumerate(CARDS)]

	links = []
	for card, items in CARDS:
		links.append({"type": "Card Break", "label": card, "link_count": len(items)})
		for link_type, target in items:
			links.append({"type": "Link", "label": frappe._(target), "link_type": link_type, "link_to": target,
				"is_query_report": 1 if link_type == "Report" else 0})
	values = {
		"label": WORKSPACE, "title": WORKSPACE, "module": MODULE, "public": 1, "icon": "education",
		"sequence_id": 0.5, "content": json.dumps(content, ensure_ascii=False),
		"shortcuts": [
			{"label": label, "type": kind, **({"url": target} if kind == "URL" else {"link_to": target}), "color": color,
			 "doc_view": "List" if kind == "DocType" else ""}
			for label, kind, target, color in SHORTCUTS
		],
		"number_cards": [{"number_card_name": n[0], "label": n[0]} for n in NUMBER_CARDS],
		"charts": [{"chart_name": c[0], "label": c[0]} for c in CHARTS],
		"custom_blocks": [{"custom_block_name": TIMELINE_BLOCK, "label": TIMELINE_BLOCK}],
		"links": links,
	}
	_upsert("Workspace", WORKSPACE, values)
