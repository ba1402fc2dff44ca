"""Isolation on the surfaces beyond the matrix, tried as a hostile user of each role over HTTP.

The world: two applications that went all the way to expert review, A in 历下区 and B in 市中区;
B carries the markers (its project, unit, files, log rows, recommendation rows, its expert's
review and scores) that must never reach A's reviewer, A's applicant or A's expert. Each surface is
also checked from the side that *may* see the record, so a test cannot pass by showing nothing.
"""

import hashlib
import json
import os

import frappe
import pytest
from openpyxl import load_workbook

from tests.integration.world import (
	REVIEWER,
	act,
	file_recommendation,
	make_edition,
	make_expert,
	open_review_window,
	recommend,
	register_and_apply,
	stored,
	upload,
)

PROJECT, UNIT, REVIEW = "Contest Project", "Participant Unit", "Expert Review"
DIMENSIONS = ("项目基本情况", "项目方案及实施情况", "项目建设成效")


def _file_recommendation(reviewer, contest, district):
	r = reviewer.insert("District Recommendation", {"contest": contest, "district": district})
	assert r.ok, r
	name = r.data["name"]
	r = file_recommendation(reviewer, name)
	assert r.ok, r
	return name


def _application(make_api_user, reviewer, district, contest, with_attachment=False):
	app = register_and_apply(make_api_user, district, contest=contest)
	if with_attachment:
		r = upload(app.applicant, "b-scan.pdf", doctype=PROJECT, docname=app.project)
		assert r.ok, r
		r = app.applicant.update(PROJECT, app.project,
			{"attachments": [{"attachment_type": "其他", "description": "项目截图", "file": r.data["file_url"]}]})
		assert r.ok, r
	assert act(app.applicant, app.project, "提交").ok
	r = reviewer.update(PROJECT, app.project, {"review_notes": f"审核备注 NOTE-{app.project} 仅区县可见"})
	assert r.ok, r
	recommend(reviewer, app.project)
	return app


@pytest.fixture(scope="module")
def w(make_api_user, admin_api):
	contest = make_edition(f"安全测试届次{frappe.generate_hash(length=6)}")
	reviewer_a = make_api_user([REVIEWER], districts=["历下区"])
	reviewer_b = make_api_user([REVIEWER], districts=["市中区"])
	a = _application(make_api_user, reviewer_a, "历下区", contest)
	b = _application(make_api_user, reviewer_b, "市中区", contest, with_attachment=True)
	r = upload(b.applicant, "late.pdf", doctype=PROJECT, docname=b.project)
	assert r.status == 403, r  # locked since 提交: no new files
	frappe.db.rollback()
	b_proof = frappe.db.get_value(PROJECT, b.project, "completion_proof")
	rec_a = _file_recommendation(reviewer_a, contest, "历下区")
	rec_b = _file_recommendation(reviewer_b, contest, "市中区")
	open_review_window(contest)
	expert_a = make_expert(admin_api, make_api_user, organisation="山东大学")
	expert_b = make_expert(admin_api, make_api_user, organisation="济南大学", conflicts=[a.unit])
	reviews = {}
	for expert, app in ((expert_a, a), (expert_b, b)):
		r = admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert})
		assert r.ok, r
		reviews[expert.expert] = r.data["name"]
	r = expert_b.update(REVIEW, reviews[expert_b.expert],
		{"scores": [{"dimension": d, "score": 87} for d in DIMENSIONS], "docstatus": 1})
	assert r.ok, r
	frappe.db.rollback()
	return {
		"contest": contest, "a": a, "b": b, "b_proof": b_proof, "rec_a": rec_a, "rec_b": rec_b,
		"reviewer_a": reviewer_a, "reviewer_b": reviewer_b, "applicant_a": a.applicant, "applicant_b": b.applicant,
		"expert_a": expert_a, "expert_b": expert_b, "review_a": reviews[expert_a.expert],
		"review_b": reviews[expert_b.expert], "city": make_api_user(["Contest Admin"]),
	}


ATTACKERS = ("reviewer_a", "applicant_a", "expert_a")


def text(r) -> str:
	"""The whole answer as text, non-ASCII unescaped (Frappe's JSON escapes it)."""
	return json.dumps(r.json, ensure_ascii=False) if r.json else r.raw.text


# Link search ------------------------------------------------------------------------------------

SEARCHED = {
	PROJECT: lambda w: w["b"].project,
	UNIT: lambda w: w["b"].unit,
	REVIEW: lambda w: w["review_b"],
	"Review Expert": lambda w: w["expert_b"].expert,
}


def _search(client, endpoint, doctype, txt):
	if endpoint == "search_widget":
		return client.call("frappe.desk.search.search_widget", doctype=doctype, txt=txt, ignore_user_permissions=1,
			filter_fields=json.dumps(["name", "modified", "owner"]), page_length=100)
	return client.call("frappe.desk.search.search_link", doctype=doctype, txt=txt, ignore_user_permissions=1, page_length=100)


@pytest.mark.parametrize("endpoint", ["search_widget", "search_link"])
@pytest.mark.parametrize("doctype", list(SEARCHED))
@pytest.mark.parametrize("attacker", ATTACKERS)
def test_link_search_with_ignore_user_permissions_shows_nothing_foreign(w, attacker, doctype, endpoint):
	marker = SEARCHED[doctype](w)
	r = _search(w[attacker], endpoint, doctype, marker)
	assert r.status in (200, 403), r
	assert marker not in text(r), f"{attacker} found {doctype} {marker} via {endpoint}"


@pytest.mark.parametrize("endpoint", ["search_widget", "search_link"])
def test_link_search_still_finds_what_the_user_may_see(w, endpoint):
	r = _search(w["reviewer_a"], endpoint, PROJECT, w["a"].project)
	assert r.ok and w["a"].project in text(r), r
	r = _search(w["city"], endpoint, PROJECT, w["b"].project)
	assert r.ok and w["b"].project in text(r), r


# Child-table rows -------------------------------------------------------------------------------


def _child_rows(w):
	"""child DocType -> (parent DocType, the marker parent, who may see it)."""
	return {
		"Performance Indicator": (PROJECT, w["b"].project, "reviewer_b"),
		"Contest Project Attachment": (PROJECT, w["b"].project, "reviewer_b"),
		"Contest Project State Log": (PROJECT, w["b"].project, "reviewer_b"),
		"Expert Review Score": (REVIEW, w["review_b"], "expert_b"),
		"District Recommendation Item": ("District Recommendation", w["rec_b"], "reviewer_b"),
		"Review Expert Conflict": ("Review Expert", w["expert_b"].expert, "expert_b"),
	}


CHILDREN = ("Performance Indicator", "Contest Project Attachment", "Contest Project State Log", "Expert Review Score",
	"District Recommendation Item", "Review Expert Conflict")


def _rows_of(child, parent):
	frappe.db.rollback()
	return frappe.get_all(child, filters={"parent": parent}, pluck="name")


CHILD_SURFACES = {
	"frappe.client.get_list": lambda c, child, parent_dt, parent, row: c.request("GET", "/api/method/frappe.client.get_list",
		params={"doctype": child, "parent": parent_dt, "fields": '["name", "parent"]', "limit_page_length": 0}),
	"frappe.client.get_value": lambda c, child, parent_dt, parent, row: c.request("GET", "/api/method/frappe.client.get_value",
		params={"doctype": child, "parent": parent_dt, "filters": json.dumps({"parent": parent}), "fieldname": '["name", "parent"]'}),
	"frappe.client.get": lambda c, child, parent_dt, parent, row: c.request("GET", "/api/method/frappe.client.get",
		params={"doctype": child, "name": row, "parent": parent_dt}),
	"GET /api/resource/<child>/<row>": lambda c, child, parent_dt, parent, row: c.get(child, row),
	"GET /api/resource/<child>": lambda c, child, parent_dt, parent, row: c.list(child, parent=parent_dt,
		fields=["name", "parent"], limit_page_length=0),
	"frappe.desk.reportview.get": lambda c, child, parent_dt, parent, row: c.request("POST", "/api/method/frappe.desk.reportview.get",
		data={"doctype": child, "parent_doctype": parent_dt, "fields": json.dumps([f"`tab{child}`.`name`", f"`tab{child}`.`parent`"])}),
}


SINGLE_ROW = ("frappe.client.get", "GET /api/resource/<child>/<row>")


@pytest.mark.parametrize("surface", list(CHILD_SURFACES))
@pytest.mark.parametrize("child", CHILDREN)
def test_child_rows_answer_to_their_parents_rules(w, child, surface):
	parent_dt, parent, owner = _child_rows(w)[child]
	rows = _rows_of(child, parent)
	assert rows, f"the world has no {child} rows under {parent}"
	fetch = CHILD_SURFACES[surface]
	for attacker in ATTACKERS:
		r = fetch(w[attacker], child, parent_dt, parent, rows[0])
		if surface in SINGLE_ROW:  # the attacker names the row; he must get a refusal, not the row
			assert r.status in (403, 404), f"{attacker} read {child} row {rows[0]} of {parent} via {surface}: {r}"
			continue
		leaked = [row for row in rows if row in text(r)]
		assert not leaked, f"{attacker} read {child} rows of {parent} via {surface}: {r}"
	r = fetch(w[owner], child, parent_dt, parent, rows[0])
	assert r.ok and any(row in text(r) for row in rows), f"{owner} must read {child} of {parent} via {surface}: {r}"


def test_state_log_rows_cannot_be_deleted_or_changed_directly(w):
	rows = _rows_of("Contest Project State Log", w["b"].project)
	for who in ("applicant_b", "reviewer_b", "reviewer_a", "city"):
		client = w[who]
		r = client.delete("Contest Project State Log", rows[0])
		assert r.status in (403, 417), (who, r)
		r = client.update("Contest Project State Log", rows[0], {"reason": "改写的历史"})
		assert r.status in (403, 417), (who, r)
		r = client.call("frappe.client.delete", doctype="Contest Project State Log", name=rows[0])
		assert r.status in (403, 417), (who, r)
	assert _rows_of("Contest Project State Log", w["b"].project) == rows
	assert "改写的历史" not in json.dumps(frappe.get_all("Contest Project State Log", filters={"parent": w["b"].project}, fields=["reason"]), ensure_ascii=False)


def test_rows_of_a_locked_application_cannot_be_changed_directly(w):
	indicator = _rows_of("Performance Indicator", w["b"].project)[0]
	before = frappe.db.get_value("Performance Indicator", indicator, "completion")
	client = w["applicant_b"]
	r = client.update("Performance Indicator", indicator, {"completion": "事后修改的完成情况"})
	assert r.status in (403, 417) and "不能单独" in r.message, r
	r = client.call("frappe.client.set_value", doctype="Performance Indicator", name=indicator,
		fieldname="completion", value="事后修改的完成情况")
	assert r.status in (403, 417), r
	r = client.insert("Performance Indicator", {"parent": w["b"].project, "parenttype": PROJECT, "parentfield": "indicators",
		"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "追加", "indicator_value": "1", "completion": "1"})
	assert r.status in (403, 417), r
	assert stored("Performance Indicator", indicator, "completion") == before
	assert len(_rows_of("Performance Indicator", w["b"].project)) == 3


def test_a_draft_application_changes_its_rows_through_the_application(make_api_user):
	app = register_and_apply(make_api_user, "历城区")
	row = _rows_of("Performance Indicator", app.project)[0]
	r = app.applicant.update("Performance Indicator", row, {"completion": "直接改行"})
	assert r.status in (403, 417) and "不能单独" in r.message, r
	doc = app.applicant.get(PROJECT, app.project).data
	next(i for i in doc["indicators"] if i["name"] == row)["completion"] = "通过项目修改"
	r = app.applicant.update(PROJECT, app.project, {"indicators": doc["indicators"]})
	assert r.ok, r
	assert stored("Performance Indicator", row, "completion") == "通过项目修改"


# Private files ----------------------------------------------------------------------------------


def test_file_list_shows_only_files_of_readable_documents(w):
	url = w["b_proof"]
	assert url and url.startswith("/private/files/")
	for attacker in ATTACKERS:
		for r in (
			w[attacker].list("File", fields=["name", "file_url"], limit_page_length=0),
			w[attacker].request("GET", "/api/method/frappe.client.get_list",
				params={"doctype": "File", "fields": '["file_url"]', "limit_page_length": 0}),
			w[attacker].call("frappe.core.api.file.get_files_in_folder", folder="Home/Attachments", page_length=1000),
			w[attacker].call("frappe.core.api.file.get_attached_images", doctype=PROJECT, names=json.dumps([w["b"].project])),
		):
			assert url not in text(r), f"{attacker} listed {url}: {r}"
	r = w["reviewer_b"].list("File", fields=["file_url"], limit_page_length=0)
	assert r.ok and url in text(r), r
	r = w["city"].list("File", fields=["file_url"], limit_page_length=0)
	assert r.ok and url in text(r), r


def _disk_sha(url):
	path = frappe.get_site_path("private", "files", url.rsplit("/", 1)[1])
	with open(path, "rb") as f:
		return hashlib.sha256(f.read()).hexdigest()


def test_nobody_mints_a_file_record_for_another_units_file(w):
	url = w["b_proof"]
	attacker = w["applicant_a"]
	assert attacker.request("GET", url).status == 403
	r = attacker.insert("File", {"file_url": url, "is_private": 1, "file_name": "mine.pdf"})
	assert r.status == 403 and "不能引用其他用户的文件" in r.message, r
	r = attacker.request("POST", "/api/method/upload_file", data={"file_url": url, "is_private": 1})
	assert r.status == 403, r
	r = attacker.call("frappe.client.insert", doc={"doctype": "File", "file_url": url, "is_private": 1})
	assert r.status == 403, r
	assert attacker.request("GET", url).status == 403
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"file_url": url, "owner": attacker.user})


def test_an_attach_field_takes_only_the_applications_own_files(w, make_api_user):
	app = register_and_apply(make_api_user, "历下区")
	cases = {
		w["b_proof"]: "文件不属于本单位或本项目",
		"https://evil.example.com/scan.pdf": "不能填写外部链接",
		"//evil.example.com/scan.pdf": "不能填写外部链接",
		"/private/files/../../site_config.json": "文件地址无效",
		"/private/files/sub/../../x.pdf": "文件地址无效",
		"file:///etc/passwd": "不能填写外部链接",
		"/etc/passwd": "文件地址无效",
	}
	before = stored(PROJECT, app.project, "completion_proof")
	for value, message in cases.items():
		r = app.applicant.update(PROJECT, app.project, {"completion_proof": value})
		assert r.status == 417 and message in r.message and "项目实施完成证明材料" in r.message, (value, r)
		r = app.applicant.update(PROJECT, app.project,
			{"attachments": [{"attachment_type": "其他", "description": "附件", "file": value}]})
		assert r.status == 417 and message in r.message and "第1行" in r.message, (value, r)
	assert stored(PROJECT, app.project, "completion_proof") == before
	assert not frappe.get_all("Contest Project Attachment", filters={"parent": app.project})
	# …and the 申报书 of an application never binds another unit's pages.
	frappe.db.set_value(PROJECT, app.project, "completion_proof", w["b_proof"], update_modified=False)
	frappe.db.commit()
	r = app.applicant.request("GET", "/api/method/smart_city_contest.api.documents.application_pdf", params={"project": app.project})
	assert r.status == 200 and r.raw.content.startswith(b"%PDF")
	from io import BytesIO

	from pypdf import PdfReader

	pages = "".join(p.extract_text() or "" for p in PdfReader(BytesIO(r.raw.content)).pages)
	foreign = PdfReader(frappe.get_site_path("private", "files", os.path.basename(w["b_proof"]))).pages[0].extract_text()
	assert foreign.strip() and foreign.strip() not in pages, "another unit's pages were bound"
	assert "文件缺失" in pages
	frappe.db.set_value(PROJECT, app.project, "completion_proof", before, update_modified=False)
	frappe.db.commit()


def test_a_locked_applications_files_cannot_be_swapped(w):
	url = w["b_proof"]
	sha = _disk_sha(url)
	frappe.db.rollback()
	name = frappe.db.get_value("File", {"file_url": url, "attached_to_name": w["b"].project}, "name")
	client = w["applicant_b"]
	for change in ({"attached_to_name": None, "attached_to_doctype": None}, {"is_private": 0}, {"file_url": "/private/files/other.pdf"}):
		r = client.update("File", name, change)
		assert r.status in (403, 417), (change, r)
	assert client.delete("File", name).status in (403, 417)
	assert w["city"].delete("File", name).status in (403, 417)
	r = upload(client, os.path.basename(url), doctype=PROJECT, docname=w["b"].project)
	assert r.status == 403, r
	frappe.db.rollback()
	assert frappe.db.get_value("File", name, ["attached_to_name", "is_private"]) == (w["b"].project, 1)
	assert _disk_sha(url) == sha


def test_nobody_attaches_a_file_to_another_units_application(w, make_api_user):
	target = register_and_apply(make_api_user, "市中区")
	for attacker in ("applicant_a", "reviewer_a", "expert_a"):
		r = upload(w[attacker], "junk.pdf", doctype=PROJECT, docname=target.project)
		assert r.status == 403, (attacker, r)
		r = w[attacker].insert("File", {"file_name": "junk.pdf", "content": "x", "is_private": 1,
			"attached_to_doctype": PROJECT, "attached_to_name": target.project})
		assert r.status == 403, (attacker, r)
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": target.project, "file_name": ("like", "junk%")})


# Dashboards -------------------------------------------------------------------------------------


def test_a_client_sent_heatmap_sums_only_what_the_user_may_read(w):
	chart = {"name": "heat", "chart_type": "Sum", "type": "Heatmap", "document_type": REVIEW,
		"based_on": "modified", "value_based_on": "total_score", "filters_json": "[]"}
	r = w["expert_a"].call("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=json.dumps(chart),
		heatmap_year=frappe.utils.nowdate()[:4])
	assert r.ok, r
	assert sum(float(v or 0) for v in (r.data or {}).get("dataPoints", {}).values()) == 0, r
	r = w["expert_b"].call("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=json.dumps(chart),
		heatmap_year=frappe.utils.nowdate()[:4])
	assert r.ok and sum(float(v or 0) for v in r.data["dataPoints"].values()) == 87, r
	r = w["applicant_a"].call("frappe.desk.doctype.dashboard_chart.dashboard_chart.get", chart=json.dumps(chart))
	assert r.status == 403, r


def test_a_saved_chart_is_computed_for_each_user_not_shared_from_a_cache(w):
	method = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
	city = w["city"].call(method, chart_name="各区县申报项目")
	assert city.ok and "市中区" in text(city), city
	mine = w["reviewer_a"].call(method, chart_name="各区县申报项目")
	assert mine.ok and "历下区" in text(mine) and "市中区" not in text(mine), mine
	assert w["applicant_a"].call(method, chart_name="各区县申报项目", refresh=1).status in (200, 403)


# Stored script and spreadsheet formulas ---------------------------------------------------------


def test_the_public_notice_escapes_what_it_prints():
	from jinja2 import Environment, FileSystemLoader

	import smart_city_contest

	base = os.path.join(os.path.dirname(smart_city_contest.__file__), "www")
	env = Environment(loader=FileSystemLoader([base, os.path.join(os.path.dirname(frappe.__file__), "templates")]))
	env.globals.update(_=lambda s, *a: s)
	template = env.from_string(open(os.path.join(base, "contest-notice.html"), encoding="utf-8").read()
		.replace('{% extends "templates/web.html" %}', ""))
	evil = '<img src=x onerror=alert(1)>'
	edition = frappe._dict(name=evil, title=evil, notice_start=frappe.utils.get_datetime("2026-01-01"),
		notice_end=frappe.utils.get_datetime("2026-01-08"), organiser=evil, contact_phone=evil, contact_email=evil)
	groups = [frappe._dict(level="一等奖", projects=[frappe._dict(name=evil, project_name=evil, unit_name=evil, district=evil)])]
	html = "".join(template.blocks["page_content"](template.new_context({"title": evil, "notices": [frappe._dict(edition=edition, groups=groups)]})))
	assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_formulas_stay_text_in_the_summary_xlsx(w, make_api_user):
	contest = make_edition(f"公式测试届次{frappe.generate_hash(length=6)}")
	reviewer = make_api_user([REVIEWER], districts=["槐荫区"])
	formulas = {"investor_name": '=HYPERLINK("http://evil.example.com","点击")', "project_leader": "+1+cmd|' /C calc'!A0"}
	app = register_and_apply(make_api_user, "槐荫区", contest=contest, **formulas)
	assert act(app.applicant, app.project, "提交").ok
	recommend(reviewer, app.project)
	r = reviewer.request("GET", "/api/method/smart_city_contest.api.documents.district_summary",
		params={"contest": contest, "district": "槐荫区", "format": "xlsx"})
	assert r.status == 200, r
	from io import BytesIO

	ws = load_workbook(BytesIO(r.raw.content)).worksheets[0]
	cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
	assert cells and all(c.data_type == "s" for c in cells), [(c.coordinate, c.data_type) for c in cells]


# Forged history ---------------------------------------------------------------------------------


def test_an_expert_cannot_write_the_amendment_log_or_a_recusal_into_his_review(w):
	expert, review = w["expert_a"], w["review_a"]
	forged = {"amended_by": "someone@example.com", "amended_on": "2021-01-01 00:00:00",
		"old_scores": "90", "new_scores": "10", "reason": "伪造"}
	forged["amended_by"] = expert.user
	for change, _field in (({"amendments": [forged]}, "修改记录"), ({"recusal_reason": "伪造的回避"}, "回避"),
			({"submitted_on": "2021-01-01 00:00:00"}, "提交时间")):
		r = expert.update(REVIEW, review, change)
		assert r.status == 417 and r.exc_type == "ServerManagedField", (change, r)
	frappe.db.rollback()
	assert not frappe.get_all("Expert Review Amendment", filters={"parent": review})
	assert not frappe.db.get_value(REVIEW, review, "recusal_reason")


def test_version_history_stays_within_the_users_permission_levels(w):
	note = f"NOTE-{w['a'].project}"
	frappe.db.rollback()
	assert note in json.dumps(frappe.get_all("Version", filters={"ref_doctype": PROJECT, "docname": w["a"].project},
		pluck="data"), ensure_ascii=False), "the world must have a version with the reviewer's note"
	for method in ("frappe.desk.form.load.getdoc", "frappe.desk.form.load.get_docinfo"):
		r = w["expert_a"].request("GET", f"/api/method/{method}", params={"doctype": PROJECT, "name": w["a"].project})
		assert r.ok and note not in text(r), (method, r)
		r = w["reviewer_a"].request("GET", f"/api/method/{method}", params={"doctype": PROJECT, "name": w["a"].project})
		assert r.ok and note in text(r), (method, r)


# Documents sent by the client, and endpoints that skipped the question -------------------------


def test_a_reviewer_cannot_move_another_districts_summary_into_his_own(w):
	contest = make_edition(f"汇总表归属届次{frappe.generate_hash(length=6)}")
	r = w["reviewer_b"].insert("District Recommendation", {"contest": contest, "district": "市中区"})
	assert r.ok, r
	draft = r.data["name"]
	for change in ({"district": "历下区"}, {"district": "历下区", "docstatus": 1}):
		r = w["reviewer_a"].update("District Recommendation", draft, change)
		assert r.status == 403, (change, r)
	r = w["reviewer_b"].update("District Recommendation", draft, {"district": "历城区"})
	assert r.status in (403, 417), r
	assert stored("District Recommendation", draft, "district") == "市中区"


def test_a_document_sent_by_the_client_is_judged_on_what_is_stored(w):
	b = w["b"]
	claimed = {"doctype": PROJECT, "name": b.project, "district": "历下区", "unit": b.unit, "contest": w["contest"]}
	r = w["reviewer_a"].call("frappe.www.printview.get_html_and_style", doc=json.dumps(claimed), print_format="项目申报表")
	assert r.status == 403, r
	frappe.db.rollback()
	uscc = frappe.db.get_value(UNIT, b.unit, "uscc")
	assert uscc not in text(r)
	r = w["reviewer_a"].request("POST", "/api/method/run_doc_method", data={"docs": json.dumps(dict(claimed, __islocal=1)),
		"method": "add_comment", "args": json.dumps({"comment_type": "Comment", "text": "伪造评论"})})
	assert r.status == 403, r
	r = w["applicant_a"].call("frappe.templates.includes.comments.comments.add_comment", comment="请补充材料",
		comment_email=w["reviewer_b"].user, comment_by="市中区审核员", reference_doctype=PROJECT, reference_name=b.project, route="")
	assert r.status == 403, r
	r = w["applicant_a"].call("frappe.desk.like.toggle_like", doctype=PROJECT, name=b.project, add="Yes")
	assert r.status == 403, r
	r = w["applicant_a"].call("frappe.desk.form.document_follow.follow_document", doctype=PROJECT, doc_name=b.project,
		user=w["applicant_a"].user)
	assert r.status == 403, r
	r = w["applicant_a"].call("frappe.desk.form.document_follow.update_follow", doctype=PROJECT, doc_name=b.project, following=1)
	assert r.status == 403, r
	frappe.db.rollback()
	assert not frappe.get_all("Comment", filters={"reference_name": b.project, "owner": ("in", [w[a].user for a in ATTACKERS])})
	assert not frappe.db.get_value(PROJECT, b.project, "_liked_by") or w["applicant_a"].user not in frappe.db.get_value(PROJECT, b.project, "_liked_by")
	assert not frappe.db.exists("Document Follow", {"ref_docname": b.project, "user": w["applicant_a"].user})


def test_titles_and_neighbours_only_of_readable_records(w):
	b = w["b"]
	title = stored(PROJECT, b.project, "project_name")
	for attacker in ATTACKERS:
		r = w[attacker].call("frappe.desk.search.get_link_title", doctype=PROJECT, docname=b.project)
		assert title not in text(r), (attacker, r)
		r = w[attacker].call("frappe.desk.form.utils.get_next", doctype=PROJECT, value=b.project, prev=0,
			sort_field="investment_amount", sort_order="desc")
		assert r.status in (403, 404), (attacker, r)
		r = w[attacker].call("frappe.desk.form.linked_with.get_submitted_linked_docs", doctype=PROJECT, name=b.project)
		assert r.status in (403, 404) and w["rec_b"] not in text(r) and w["review_b"] not in text(r), (attacker, r)
	r = w["reviewer_b"].call("frappe.desk.search.get_link_title", doctype=PROJECT, docname=b.project)
	assert r.ok and r.data == title, r


def test_counts_and_tags_stay_within_the_users_scope(w):
	b = w["b"]
	from frappe.desk.doctype.tag.tag import add_tag
	from frappe.desk.form import assign_to

	frappe.set_user("Administrator")
	add_tag("重点关注", PROJECT, b.project)
	assign_to.add({"doctype": PROJECT, "name": b.project, "assign_to": [w["reviewer_b"].user]})
	frappe.db.commit()
	for attacker in ATTACKERS:
		client = w[attacker]
		r = client.call("frappe.desk.doctype.tag.tag.get_documents_for_tag", tag="重点关注")
		assert b.project not in text(r), (attacker, r)
		r = client.list("Tag Link", fields=["document_name", "title"], limit_page_length=0)
		assert b.project not in text(r), (attacker, r)
		r = client.call("frappe.desk.listview.get_group_by_count", doctype=PROJECT,
			current_filters=json.dumps({"district": "市中区"}), field="assigned_to")
		assert w["reviewer_b"].user not in text(r), (attacker, r)
		r = client.call("frappe.core.doctype.user_permission.user_permission.get_user_permissions", user=w["reviewer_b"].user)
		assert "市中区" not in text(r), (attacker, r)
		r = client.call("frappe.model.document.unlock_document", doctype=PROJECT, name=b.project)
		assert r.status == 403, (attacker, r)
	r = w["applicant_a"].call("frappe.workflow.doctype.workflow.workflow.get_workflow_state_count", doctype=PROJECT,
		workflow_state_field="workflow_state", states=json.dumps([]))
	assert r.ok and sum(row["count"] for row in r.data) == 1, r  # his own application only
	r = w["reviewer_b"].call("frappe.desk.listview.get_group_by_count", doctype=PROJECT,
		current_filters=json.dumps({"district": "市中区"}), field="assigned_to")
	assert r.ok and w["reviewer_b"].user in text(r), r
	r = w["reviewer_b"].list("Tag Link", fields=["document_name"], limit_page_length=0)
	assert r.ok and b.project in text(r), r


def test_an_own_upload_named_in_an_attachment_row_becomes_the_applications_file(make_api_user):
	app = register_and_apply(make_api_user, "历下区")
	r = upload(app.applicant, "screenshot.pdf")  # uploaded on its own, attached to nothing yet
	assert r.ok, r
	url = r.data["file_url"]
	r = app.applicant.update(PROJECT, app.project, {"attachments": [{"attachment_type": "其他", "description": "截图", "file": url}]})
	assert r.ok, r
	frappe.db.rollback()
	assert frappe.db.get_value("File", {"file_url": url}, ["attached_to_doctype", "attached_to_name"]) == (PROJECT, app.project)
	from io import BytesIO

	from pypdf import PdfReader

	marker = PdfReader(frappe.get_site_path("private", "files", os.path.basename(url))).pages[0].extract_text().strip()
	r = app.applicant.request("GET", "/api/method/smart_city_contest.api.documents.application_pdf", params={"project": app.project})
	assert r.status == 200
	assert marker in "".join(p.extract_text() or "" for p in PdfReader(BytesIO(r.raw.content)).pages)
