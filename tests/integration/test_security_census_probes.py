"""The attack-surface census, exercised: data-reading whitelisted methods tried by A's reviewer,
A's applicant and A's expert against B's records (the world of test_security_surfaces), each with a
positive control from the side that may see them (B's reviewer or the city bureau).

Every method named here is listed in tests/integration/surface_census.py EXERCISED_METHODS with
this module's name; the census test checks that the dotted name appears in this file.
"""

import io
import json
import os

import frappe
import pytest

from tests.integration.test_security_surfaces import w  # noqa: F401
from tests.integration.world import upload

PROJECT, UNIT = "Contest Project", "Participant Unit"
ATTACKERS = ("reviewer_a", "applicant_a", "expert_a")


def _text(r) -> str:
	"""The response as text, JSON decoded (Frappe escapes non-ASCII: a Chinese marker is never in the raw body)."""
	if r.json:
		return json.dumps(r.json, ensure_ascii=False)
	return r.raw.text


def _method(client, method, http="POST", **params):
	if http == "GET":
		return client.request("GET", f"/api/method/{method}", params=params)
	return client.request("POST", f"/api/method/{method}", data=params)


def _marker_project(w):
	return w["b"].project


def _b_project_name(w):
	frappe.db.rollback()
	return frappe.db.get_value(PROJECT, w["b"].project, "project_name")


# method -> (call(client, w) -> ApiResponse, marker(w) -> str, who may see the marker)
PROBES = {
	"smart_city_contest.permissions.surfaces.search_link": (
		lambda c, w: _method(c, "smart_city_contest.permissions.surfaces.search_link", doctype=PROJECT,
			txt=w["b"].project, ignore_user_permissions=1, page_length=100),
		_marker_project, "reviewer_b"),
	"smart_city_contest.permissions.surfaces.search_widget": (
		lambda c, w: _method(c, "smart_city_contest.permissions.surfaces.search_widget", doctype=UNIT,
			txt=w["b"].unit, ignore_user_permissions=1, page_length=100),
		lambda w: w["b"].unit, "reviewer_b"),
	"smart_city_contest.permissions.surfaces.getdoc": (
		lambda c, w: _method(c, "smart_city_contest.permissions.surfaces.getdoc", "GET", doctype=PROJECT,
			name=w["b"].project),
		_b_project_name, "reviewer_b"),
	"smart_city_contest.permissions.surfaces.get_docinfo": (
		lambda c, w: _method(c, "smart_city_contest.permissions.surfaces.get_docinfo", "GET", doctype=PROJECT,
			name=w["b"].project),
		lambda w: os.path.basename(w["b_proof"]), "reviewer_b"),
	"frappe.desk.reportview.get_list": (
		lambda c, w: _method(c, "frappe.desk.reportview.get_list", doctype=PROJECT,
			fields=json.dumps([f"`tab{PROJECT}`.`name`", f"`tab{PROJECT}`.`project_name`"]), page_length=500),
		_b_project_name, "reviewer_b"),
	"frappe.desk.reportview.export_query": (
		lambda c, w: _method(c, "frappe.desk.reportview.export_query", doctype=PROJECT, file_format_type="CSV",
			fields=json.dumps([f"`tab{PROJECT}`.`name`", f"`tab{PROJECT}`.`project_name`"]), title="census"),
		_b_project_name, "reviewer_b"),
	"frappe.desk.reportview.get_stats": (
		lambda c, w: _method(c, "frappe.desk.reportview.get_stats", stats=json.dumps(["district", "unit"]),
			doctype=PROJECT),
		lambda w: w["b"].unit, "reviewer_b"),
	"frappe.desk.reportview.get_sidebar_stats": (
		lambda c, w: _method(c, "frappe.desk.reportview.get_sidebar_stats", stats=json.dumps(["unit"]),
			doctype=PROJECT),
		lambda w: w["b"].unit, "reviewer_b"),
	"frappe.desk.listview.get_group_by_count": (
		lambda c, w: _method(c, "frappe.desk.listview.get_group_by_count", doctype=PROJECT, current_filters="[]",
			field="unit"),
		lambda w: w["b"].unit, "reviewer_b"),
	"frappe.desk.form.load.get_communications": (
		lambda c, w: _method(c, "frappe.desk.form.load.get_communications", "GET", doctype=PROJECT,
			name=w["b"].project),
		None, "reviewer_b"),
	"frappe.core.api.file.get_files_by_search_text": (
		lambda c, w: _method(c, "frappe.core.api.file.get_files_by_search_text", "GET",
			text=os.path.basename(w["b_proof"])),
		lambda w: w["b_proof"], "reviewer_b"),
	"frappe.handler.download_file": (
		lambda c, w: _method(c, "frappe.handler.download_file", "GET", file_url=w["b_proof"]),
		lambda w: "%PDF", "reviewer_b"),
	"frappe.client.validate_link": (
		lambda c, w: _method(c, "frappe.client.validate_link", "GET", doctype=PROJECT, docname=w["b"].project,
			fields=json.dumps(["project_name", "unit_name"])),
		_b_project_name, "reviewer_b"),
	"frappe.model.workflow.get_transitions": (
		lambda c, w: _method(c, "frappe.model.workflow.get_transitions",
			doc=json.dumps({"doctype": PROJECT, "name": w["b"].project})),
		None, "reviewer_b"),
	"frappe.core.doctype.data_export.exporter.export_data": (
		lambda c, w: _method(c, "frappe.core.doctype.data_export.exporter.export_data", doctype=PROJECT,
			select_columns=json.dumps({PROJECT: ["name", "project_name"]}), with_data="1", all_doctypes="0",
			file_type="CSV", template="false"),
		_b_project_name, "reviewer_b"),
	"frappe.core.doctype.data_import.data_import.download_template": (
		lambda c, w: _method(c, "frappe.core.doctype.data_import.data_import.download_template", doctype=PROJECT,
			export_fields=json.dumps({PROJECT: ["name", "project_name"]}), export_records="all", file_type="CSV"),
		_b_project_name, "reviewer_b"),
	"smart_city_contest.api.workflow.submission_check": (
		lambda c, w: _method(c, "smart_city_contest.api.workflow.submission_check", "GET", project=w["b"].project),
		None, "reviewer_b"),
	"frappe.desk.query_report.run": (
		lambda c, w: _method(c, "frappe.desk.query_report.run", report_name="Project Ranking",
			filters=json.dumps({"contest": w["contest"]})),
		_marker_project, "city"),
}


@pytest.mark.parametrize("method", list(PROBES))
def test_census_method_shows_nothing_of_another_district(w, method):
	call, marker, owner = PROBES[method]
	for attacker in ATTACKERS:
		r = call(w[attacker], w)
		assert r.status < 500, (method, attacker, r)
		if marker is None:
			assert not r.ok, (method, attacker, r)
			continue
		assert marker(w) not in _text(r), f"{attacker} got B's marker through {method}: {r}"
	r = call(w[owner], w)
	assert r.ok, (method, owner, r)
	if marker is not None:
		assert marker(w) in _text(r), f"{owner} must see B's marker through {method}: {r}"


def _count(client, method, w):
	if method == "frappe.desk.reportview.get_count":
		r = _method(client, method, doctype=PROJECT, filters=json.dumps([[PROJECT, "name", "=", w["b"].project]]))
	else:
		r = _method(client, method, "GET", doctype=PROJECT, filters=json.dumps({"name": w["b"].project}))
	assert r.ok, (method, r)
	return r.data


@pytest.mark.parametrize("method", ["smart_city_contest.api.client.get_count", "frappe.desk.reportview.get_count"])
def test_counts_include_only_what_the_user_may_list(w, method):
	for attacker in ATTACKERS:
		assert _count(w[attacker], method, w) == 0, (method, attacker)
	assert _count(w["reviewer_b"], method, w) == 1, method


def test_multi_pdf_prints_no_page_of_another_district(w):
	method = "frappe.utils.print_format.download_multi_pdf"
	for attacker in ATTACKERS:
		r = _method(w[attacker], method, doctype=PROJECT, name=json.dumps([w["b"].project]), format="Standard")
		assert r.status < 500, (attacker, r)
		assert not r.ok or "/Count 0" in r.raw.text, f"{attacker} printed B through {method}"
	r = _method(w["reviewer_b"], method, doctype=PROJECT, name=json.dumps([w["b"].project]), format="Standard")
	assert r.ok and r.raw.content.startswith(b"%PDF") and "/Count 0" not in r.raw.text, r


def test_district_summaries_answer_only_for_readable_districts(w):
	for attacker in ATTACKERS:
		r = w[attacker].request("GET", "/api/method/smart_city_contest.api.documents.district_summary",
			params={"contest": w["contest"], "district": "市中区", "format": "xlsx"})
		assert r.status == 403, (attacker, r)
		assert w["b"].project not in r.raw.text or "权限" in r.message, (attacker, r)
		r = w[attacker].request("GET", "/api/method/smart_city_contest.api.documents.city_summary",
			params={"contest": w["contest"], "format": "xlsx"})
		assert r.status == 403, (attacker, r)
	r = w["reviewer_b"].request("GET", "/api/method/smart_city_contest.api.documents.district_summary",
		params={"contest": w["contest"], "district": "市中区", "format": "xlsx"})
	assert r.status == 200 and r.raw.content[:2] == b"PK", r
	r = w["city"].request("GET", "/api/method/smart_city_contest.api.documents.city_summary",
		params={"contest": w["contest"], "format": "xlsx"})
	assert r.status == 200 and r.raw.content[:2] == b"PK", r


def test_saved_chart_through_the_apps_override(w):
	method = "smart_city_contest.permissions.surfaces.dashboard_chart"
	r = w["reviewer_a"].call(method, chart_name="各区县申报项目")
	assert r.ok and "市中区" not in _text(r), r
	r = w["reviewer_b"].call(method, chart_name="各区县申报项目")
	assert r.ok and "市中区" in _text(r), r


def test_statistics_report_and_its_export_count_only_readable_districts(w):
	"""大赛统计 (a Script Report district reviewers may run): A's reviewer counts no project of 市中区, in the
	report or its XLSX export; A's applicant and expert may not run it; B's reviewer counts B's project."""
	filters = json.dumps({"contest": w["contest"], "group_by": "区县"})

	def run(client):
		return _method(client, "frappe.desk.query_report.run", report_name="Contest Statistics", filters=filters,
			ignore_prepared_report=1)  # run now even if a slow run made Frappe switch it to a prepared report

	def export(client):
		# Frappe turns a report whose run once took over 15 s (a loaded test machine) into a prepared one,
		# which export_query does not wait for: run it directly again.
		frappe.db.set_value("Report", "Contest Statistics", "prepared_report", 0)
		frappe.db.commit()
		return _method(client, "frappe.desk.query_report.export_query", report_name="Contest Statistics",
			filters=filters, file_format_type="Excel", visible_idx="[]")

	def districts(r):
		return {row["group"]: row["projects_0"] for row in r.data["result"] if isinstance(row, dict)}

	r = run(w["reviewer_a"])
	assert r.ok and "市中区" not in districts(r) and "市中区" not in _text(r), r
	r = export(w["reviewer_a"])
	assert r.status == 200 and r.raw.content[:2] == b"PK", r
	from openpyxl import load_workbook

	cells = {c.value for row in load_workbook(io.BytesIO(r.raw.content)).active.iter_rows() for c in row}
	assert "历下区" in cells and "市中区" not in cells, cells
	for attacker in ("applicant_a", "expert_a"):
		assert run(w[attacker]).status == 403
		assert export(w[attacker]).status == 403
	r = run(w["reviewer_b"])
	assert r.ok and districts(r).get("市中区", 0) >= 1, r


def test_district_recommendation_of_another_district_stays_hidden(w):
	rec = w["rec_b"]
	for attacker in ATTACKERS:
		assert w[attacker].get("District Recommendation", rec).status == 403
		r = w[attacker].list("District Recommendation", fields=["name"], limit_page_length=0)
		assert rec not in r.raw.text, (attacker, r)
	r = w["reviewer_b"].get("District Recommendation", rec)
	assert r.ok and r.data["name"] == rec, r


def test_nobody_uploads_to_another_districts_application_through_the_handler(w):
	for attacker in ATTACKERS:
		r = w[attacker].request("POST", "/api/method/frappe.handler.upload_file",
			files={"file": ("x.pdf", b"%PDF-1.4 census", "application/pdf")},
			data={"is_private": 1, "doctype": PROJECT, "docname": w["b"].project})
		assert r.status == 403, (attacker, r)
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": w["b"].project, "file_name": "x.pdf"})
	r = upload(w["applicant_a"], "own.pdf")
	assert r.ok, r
