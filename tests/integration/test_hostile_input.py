"""Hostile input over REST: markup in every plain-text field that reaches the notice page, the PDFs,
the reports, the XLSX and e-mails; script in rich text; formulas; foreign and oversized uploads.

Each case is refused with a Chinese message that names the field (and nothing is saved), or stored
inert (rich text sanitised, formulas kept as text).
"""

import io
import json

import frappe
import pytest
from openpyxl import load_workbook

from tests.integration.world import (
	REVIEWER,
	act,
	make_edition,
	recommend,
	register_and_apply,
	stored,
	tiny_pdf,
	upload,
)

PROJECT, UNIT = "Contest Project", "Participant Unit"

PAYLOADS = {
	"script": "<script>alert(document.cookie)</script>",
	"img-onerror": "某某<img src=x onerror=alert(1)>",
	"json-shaped": '{"name": "<svg onload=alert(1)>"}',
	"script-url": "javascript:alert(1)",
	"entity": "&lt;script&gt;alert(1)&lt;/script&gt;",
}
# Plain-text fields that reach the 申报书, the 推荐汇总表, the notice page, reports or e-mails.
UNIT_FIELDS = ("unit_name", "address", "legal_representative", "contact_name", "unit_profile", "contact_title")
PROJECT_FIELDS = ("project_name", "investor_name", "project_summary", "project_leader", "honors", "main_products",
	"other_notes")


@pytest.fixture(scope="module")
def app(make_api_user):
	return register_and_apply(make_api_user, "历下区")


def _label(doctype, fieldname):
	return frappe.get_meta(doctype).get_label(fieldname)


@pytest.mark.parametrize("payload", list(PAYLOADS))
@pytest.mark.parametrize("fieldname", UNIT_FIELDS)
def test_markup_in_a_unit_field_is_refused_and_nothing_is_saved(app, fieldname, payload):
	before = stored(UNIT, app.unit, fieldname)
	r = app.applicant.update(UNIT, app.unit, {fieldname: PAYLOADS[payload]})
	assert r.status == 417, r
	assert _label(UNIT, fieldname) in r.message and ("HTML" in r.message or "脚本" in r.message), r
	assert stored(UNIT, app.unit, fieldname) == before


@pytest.mark.parametrize("payload", list(PAYLOADS))
@pytest.mark.parametrize("fieldname", PROJECT_FIELDS)
def test_markup_in_a_project_field_is_refused_and_nothing_is_saved(app, fieldname, payload):
	before = stored(PROJECT, app.project, fieldname)
	r = app.applicant.update(PROJECT, app.project, {fieldname: PAYLOADS[payload]})
	assert r.status == 417, r
	assert _label(PROJECT, fieldname) in r.message and ("HTML" in r.message or "脚本" in r.message), r
	assert stored(PROJECT, app.project, fieldname) == before


@pytest.mark.parametrize("fieldname", ["indicator_content", "completion", "indicator_value"])
def test_markup_in_an_indicator_row_is_refused_with_its_row(app, fieldname):
	rows = app.applicant.get(PROJECT, app.project).data["indicators"]
	rows[1][fieldname] = PAYLOADS["img-onerror"]
	r = app.applicant.update(PROJECT, app.project, {"indicators": rows})
	assert r.status == 417 and "第2行" in r.message and _label("Performance Indicator", fieldname) in r.message, r
	frappe.db.rollback()
	assert "<img" not in json.dumps(frappe.get_all("Performance Indicator", filters={"parent": app.project}, fields=["*"]), default=str)


def test_markup_in_an_attachment_description_is_refused(app):
	r = upload(app.applicant, "shot.pdf", doctype=PROJECT, docname=app.project)
	assert r.ok, r
	r = app.applicant.update(PROJECT, app.project, {"attachments": [
		{"attachment_type": "其他", "description": PAYLOADS["script"], "file": r.data["file_url"]}]})
	assert r.status == 417 and "相关附件第1行" in r.message, r
	assert not frappe.get_all("Contest Project Attachment", filters={"parent": app.project})


def test_a_reviewers_reason_with_markup_is_refused_and_the_state_stays(make_api_user):
	target = register_and_apply(make_api_user, "历下区")
	reviewer = make_api_user([REVIEWER], districts=["历下区"])
	assert act(target.applicant, target.project, "提交").ok
	r = act(reviewer, target.project, "退回修改", reason=PAYLOADS["img-onerror"])
	assert r.status == 417 and "HTML" in r.message, r
	assert stored(PROJECT, target.project, "workflow_state") == "已提交（区县审核中）"


EVIL_RICH_TEXT = '<p>概述</p><img src="x" onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">链接</a>'


def test_json_shaped_rich_text_is_refused(app):
	before = stored(PROJECT, app.project, "overview")
	r = app.applicant.update(PROJECT, app.project, {"overview": json.dumps({"html": EVIL_RICH_TEXT})})
	assert r.status == 417 and "JSON" in r.message and _label(PROJECT, "overview") in r.message, r
	assert stored(PROJECT, app.project, "overview") == before


@pytest.mark.parametrize("fieldname", ["overview", "innovation", "outcomes"])
def test_script_in_rich_text_is_stored_inert(app, fieldname):
	r = app.applicant.update(PROJECT, app.project, {fieldname: EVIL_RICH_TEXT})
	assert r.ok, r
	saved = stored(PROJECT, app.project, fieldname)
	assert "onerror" not in saved and "<script" not in saved and "javascript:" not in saved, saved
	assert "概述" in saved


def test_plain_text_with_angle_brackets_is_kept(app):
	r = app.applicant.update(PROJECT, app.project, {"project_summary": "资产负债率<70%，处置时长缩短>30%，A&B协同。"})
	assert r.ok, r
	assert stored(PROJECT, app.project, "project_summary") == "资产负债率<70%，处置时长缩短>30%，A&B协同。"


@pytest.mark.parametrize("fieldname,value", [
	("investor_name", '=HYPERLINK("http://evil.example.com","点此查看")'),
	("investor_name", "@SUM(1+1)*cmd|' /C calc'!A0"),
	("project_name", "=1+2项目"),
	("project_name", "-2+3智慧平台"),
])
def test_a_formula_reaches_the_xlsx_as_text(make_api_user, fieldname, value):
	contest = make_edition(f"公式届次{frappe.generate_hash(length=6)}")
	reviewer = make_api_user([REVIEWER], districts=["天桥区"])
	target = register_and_apply(make_api_user, "天桥区", contest=contest, **{fieldname: value})
	assert act(target.applicant, target.project, "提交").ok
	recommend(reviewer, target.project)
	r = reviewer.request("GET", "/api/method/smart_city_contest.api.documents.district_summary",
		params={"contest": contest, "district": "天桥区", "format": "xlsx"})
	assert r.status == 200, r
	ws = load_workbook(io.BytesIO(r.raw.content)).worksheets[0]
	cells = [c for row in ws.iter_rows() for c in row if c.value == value]
	assert cells and all(c.data_type == "s" for c in cells), [(c.coordinate, c.data_type, c.value) for c in cells]


# Uploads ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("file_name", ["page.html", "run.exe", "image.svg", "macro.js"])
def test_a_file_type_the_application_does_not_take_is_refused(app, file_name):
	"""An applicant is a Website User: Frappe's own type allow-list for accounts without the desk
	(frappe.handler.upload_file) refuses first, in Chinese (translations/zh.csv); a desk account meets the
	app's File guard, which names the file (permissions/files.py)."""
	assert frappe.db.get_value("User", app.applicant.user, "user_type") == "Website User"
	r = upload(app.applicant, file_name, content=b"<script>alert(1)</script>", doctype=PROJECT, docname=app.project)
	assert r.status == 417 and "不支持该文件类型" in r.message, r
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": app.project, "file_name": file_name})


@pytest.mark.parametrize("file_name", ["page.html", "image.svg"])
def test_a_desk_account_meets_the_apps_file_type_rule_naming_the_file(app, make_api_user, file_name):
	city = make_api_user(["Contest Admin"])
	r = upload(city, file_name, content=b"<script>alert(1)</script>", doctype=PROJECT, docname=app.project)
	assert r.status == 417 and "不支持" in r.message and file_name in r.message, r
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": app.project, "file_name": file_name})


def test_an_oversized_upload_is_refused_with_its_size(app):
	r = upload(app.applicant, "huge.pdf", content=b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024), doctype=PROJECT, docname=app.project)
	assert r.status == 417 and "超过上限 20 MB" in r.message, r
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": app.project, "file_name": ("like", "huge%")})


def test_a_malformed_pdf_is_not_bound_but_the_application_still_prints(make_api_user):
	target = register_and_apply(make_api_user, "历下区")
	r = upload(target.applicant, "broken.pdf", content=b"%PDF-1.4 this is not a pdf", doctype=PROJECT, docname=target.project)
	assert r.ok, r
	r = target.applicant.update(PROJECT, target.project, {"attachments": [
		{"attachment_type": "其他", "description": "损坏的文件", "file": r.data["file_url"]}]})
	assert r.ok, r
	r = target.applicant.request("GET", "/api/method/smart_city_contest.api.documents.application_pdf", params={"project": target.project})
	assert r.status == 200 and r.raw.content.startswith(b"%PDF"), r


def test_too_many_files_on_one_application_are_refused(make_api_user):
	from smart_city_contest.rules.upload_limits import MAX_ATTACHMENTS_PER_DOCUMENT

	target = register_and_apply(make_api_user, "历下区")
	frappe.db.rollback()
	have = frappe.db.count("File", {"attached_to_doctype": PROJECT, "attached_to_name": target.project})
	for i in range(MAX_ATTACHMENTS_PER_DOCUMENT - have):
		assert upload(target.applicant, f"p{i}.pdf", doctype=PROJECT, docname=target.project).ok
	r = upload(target.applicant, "one-more.pdf", doctype=PROJECT, docname=target.project)
	assert r.status == 417 and "附件数量已达上限" in r.message, r


def test_too_many_pages_to_bind_are_refused_with_a_message(make_api_user):
	from pypdf import PdfWriter

	from smart_city_contest.rules.upload_limits import MAX_BOUND_PAGES

	writer = PdfWriter()
	for _ in range(MAX_BOUND_PAGES + 1):
		writer.add_blank_page(595, 842)
	out = io.BytesIO()
	writer.write(out)
	target = register_and_apply(make_api_user, "历下区")
	r = upload(target.applicant, "thick.pdf", content=out.getvalue(), doctype=PROJECT, docname=target.project)
	assert r.ok, r
	r = target.applicant.update(PROJECT, target.project, {"attachments": [
		{"attachment_type": "其他", "description": "厚文件", "file": r.data["file_url"]}]})
	assert r.ok, r
	r = target.applicant.request("GET", "/api/method/smart_city_contest.api.documents.application_pdf", params={"project": target.project})
	assert r.status == 417 and f"超过申报书可装订的上限 {MAX_BOUND_PAGES} 页" in r.message, r


def test_an_upload_by_path_or_remote_url_into_an_application_is_refused(app):
	for url in ("/private/files/../../../etc/passwd", "http://169.254.169.254/latest/meta-data"):
		r = app.applicant.request("POST", "/api/method/upload_file",
			data={"file_url": url, "doctype": PROJECT, "docname": app.project, "is_private": 1})
		assert r.status in (403, 417), (url, r)
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": app.project, "file_url": ("like", "%passwd%")})
	assert not frappe.db.exists("File", {"attached_to_name": app.project, "file_url": ("like", "http%")})


def test_tiny_pdf_helper_makes_a_real_pdf():
	from pypdf import PdfReader

	assert len(PdfReader(io.BytesIO(tiny_pdf("x"))).pages) == 1
