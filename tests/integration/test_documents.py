"""The official documents over HTTP: the 申报书 PDF and the 推荐汇总表 (PDF and XLSX).

The PDFs are read back the way a reviewer would check them: every label of the official templates
in order, A4 pages, an embedded CJK font, 目录 page numbers that match where the bookmarks land,
attachments bound in (PDF pages and an image), and a refusal for a user who may not print.
"""

import contextlib
import io
import os
import re
import shutil
import subprocess
import tempfile

import frappe
import pytest
from pypdf import PdfReader

from smart_city_contest.documents import application as A
from smart_city_contest.documents.summary import HEADERS
from tests.factories import edition_payload, project_payload, unit_payload
from tests.integration.client import ApiClient, ApiResponse, api_user
from tests.official_text import SUMMARY_HEADERS

ENDPOINT = "/api/method/smart_city_contest.api.documents."
# The documents' own edition, so that other tests' projects and recommendations do not show up here.
EDITION = "测试届次（官方文书）"
A4 = (595.28, 841.89)
RED = (220, 20, 30)


def squeeze(text: str) -> str:
	return "".join(text.split())


def assert_in_order(text: str, labels) -> None:
	"""Each label occurs in `text` (white space removed) after the previous one."""
	at = 0
	for label in labels:
		label = squeeze(label)
		found = text.find(label, at)
		assert found != -1, f"“{label}” not found after …{text[max(0, at - 40) : at]}"
		at = found + len(label)


def pdf_bytes_of(html: str) -> bytes:
	import weasyprint

	return weasyprint.HTML(string=html).write_pdf()


def save_file(file_name: str, content: bytes) -> tuple[str, str]:
	"""(file URL, stored file name): Frappe renames a file whose name is taken."""
	doc = frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 1})
	doc.insert(ignore_permissions=True)
	return doc.file_url, doc.file_name


def save_public_file(file_name: str, content: bytes) -> tuple[str, str]:
	doc = frappe.get_doc({"doctype": "File", "file_name": file_name, "content": content, "is_private": 0})
	doc.insert(ignore_permissions=True)
	return doc.file_url, doc.file_name


def red_png() -> bytes:
	from PIL import Image

	out = io.BytesIO()
	Image.new("RGB", (900, 600), RED).save(out, format="PNG")
	return out.getvalue()


def get_file(api: ApiClient, method: str, **params):
	return api.session.get(api.base_url + ENDPOINT + method, params=params, timeout=120)


@pytest.fixture(scope="module")
def files(frappe_site):
	frappe.set_user("Administrator")
	saved = {
		"proof": save_file(
			"proof.pdf",
			pdf_bytes_of("<p>COMPLETION-PROOF-P1</p><p style='break-before:page'>COMPLETION-PROOF-P2</p>"),
		),
		"pledge": save_file(
			"pledge.pdf", pdf_bytes_of("<style>@page{size:A4 landscape}</style><p>SIGNED-PLEDGE</p>")
		),
		"name_change": save_file("change.pdf", pdf_bytes_of("<p>NAME-CHANGE-PROOF</p>")),
		"photo": save_file("photo.png", red_png()),
		"inline": save_public_file("inline.png", red_png()),
		"video": save_file("demo.mp4", b"\x00\x00\x00\x18ftypmp42"),
	}
	frappe.db.commit()
	return {key: url for key, (url, _name) in saved.items()} | {
		f"{key}_name": name for key, (_url, name) in saved.items()
	}


@pytest.fixture(scope="module")
def edition_year(frappe_site):
	frappe.set_user("Administrator")
	if not frappe.db.exists("Contest Edition", EDITION):
		frappe.get_doc(dict(edition_payload(EDITION), doctype="Contest Edition")).insert()
		frappe.db.commit()
	return int(frappe.db.get_value("Contest Edition", EDITION, "year"))


def make_project(admin_api, unit_values: dict, project_values: dict, application_date="2021-12-01") -> dict:
	r = admin_api.insert("Participant Unit", unit_payload(**unit_values))
	assert r.ok, r
	unit = r.data
	r = admin_api.insert("Contest Project", project_payload(unit["name"], contest=EDITION, **project_values))
	assert r.ok, r
	project = r.data
	frappe.db.set_value("Contest Project", project["name"], "application_date", application_date)
	frappe.db.commit()
	return {"unit": unit, "project": project}


EVIL_HTML = (
	"<p>项目概述正文。</p><script>恶意脚本()</script><style>.scc-doc{display:none}</style>"
	"<img src='file:///etc/hostname'><link rel='stylesheet' href='http://127.0.0.1:9/x.css'>"
)


@pytest.fixture(scope="module")
def full(admin_api, files, edition_year):
	"""A project with every part filled in, a renamed unit and five attachments."""
	made = make_project(
		admin_api,
		{"name_changed": 1, "former_name": "济南旧名科技有限公司", "name_change_proof": files["name_change"]},
		{
			"domain_other": 1,
			"other_domain_name": "智慧医疗",
			"overview": "<p>项目概述正文。</p>",
			"innovation": f'<p>创新性正文。</p><p><img src="{files["inline"]}"></p>',
			"construction_content": "<ol><li>建设内容一</li><li>建设内容二</li></ol>",
			"project_type": "新建",
			"honors": "省级专精特新企业",
			"indicators": project_payload("x")["indicators"]
			+ [
				{
					"level_1": "其他",
					"level_1_other": "创新指标",
					"level_2": "其他",
					"level_2_other": "知识产权指标",
					"indicator_content": "发明专利",
					"indicator_value": "2项",
					"completion": "3项",
				}
			],
			"completion_proof": files["proof"],
			"signed_pledge": files["pledge"],
			"attachments": [
				{"attachment_type": "项目评估验证图片", "description": "现场照片", "file": files["photo"]},
				{"attachment_type": "项目评估验证视频", "file": files["video"]},
			],
		},
	)
	# Rich text as it could arrive past the desk's own cleaning (data import, direct database edits).
	frappe.db.set_value("Contest Project", made["project"]["name"], "overview", EVIL_HTML)
	frappe.db.commit()
	return made


@pytest.fixture(scope="module")
def plain(admin_api, edition_year):
	"""The same form without any attachment (and no name change)."""
	return make_project(admin_api, {}, {"completion_proof": None, "signed_pledge": None})


@pytest.fixture(scope="module")
def full_pdf(admin_api, full):
	r = get_file(admin_api, "application_pdf", project=full["project"]["name"])
	assert r.status_code == 200, r.text[:500]
	return r


@pytest.fixture(scope="module")
def workdir():
	path = tempfile.mkdtemp()
	yield path
	shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def full_reader(full_pdf):
	return PdfReader(io.BytesIO(full_pdf.content))


@pytest.fixture(scope="module")
def outline(full_reader) -> dict[str, int]:
	"""Bookmark title -> 1-based page number."""
	return {
		o.title: full_reader.get_destination_page_number(o) + 1
		for o in full_reader.outline
		if not isinstance(o, list)
	}


@pytest.fixture(scope="module")
def pdf_path(full_pdf, workdir):
	path = f"{workdir}/application.pdf"
	with open(path, "wb") as f:
		f.write(full_pdf.content)
	return path


@pytest.fixture
def no_role_api(server_url, frappe_site):
	"""A plain System User with no roles, with API keys."""
	email = f"noroles-{frappe.generate_hash(length=8)}@test.example.com"
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": "无权限",
			"user_type": "System User",
			"send_welcome_email": 0,
			"roles": [],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return ApiClient(server_url, frappe.local.site, *api_user(email))


# The 申报书 PDF --------------------------------------------------------------------------------


def test_served_as_a_pdf_named_after_the_project(full_pdf, full):
	assert full_pdf.headers["Content-Type"].startswith("application/pdf")
	# Frappe sends the name as UTF-8 bytes in filename="…" (requests reads header bytes as latin-1)
	disposition = full_pdf.headers["Content-Disposition"].encode("latin-1").decode("utf-8")
	assert f'filename="{full["project"]["project_name"]}申报书.pdf"' in disposition
	assert full_pdf.content.startswith(b"%PDF-")


def test_every_page_is_a4(full_reader):
	for page in full_reader.pages:
		size = sorted((round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)))
		assert size == sorted(A4)


def test_every_label_of_the_official_templates_in_order(full_reader, full, files, edition_year):
	text = squeeze("".join(p.extract_text() for p in full_reader.pages))
	unit, project = full["unit"], full["project"]
	y = edition_year
	cover = [
		"济南市新型智慧城市试点示范项目",
		"申报书",
		"项目名称",
		project["project_name"],
		"参赛单位（盖章）",
		unit["unit_name"],
		"推荐单位（盖章）",
		"历下区工业和信息化局",
		"申报日期",
		"2021年12月1日",
	]
	toc = [
		"申报材料目录",
		A.PART_FORM,
		A.PART_REPORT,
		A.PART_PERFORMANCE,
		A.PART_PLEDGE,
		A.PART_NAME_CHANGE,
		f"附件1　项目实施完成证明材料（{files['proof_name']}）",
		f"附件2　申报材料真实性承诺书（盖章扫描件）（{files['pledge_name']}）",
		f"附件3　项目评估验证图片：现场照片（{files['photo_name']}）",
		f"附件4　项目评估验证视频（{files['video_name']}）",
		"非PDF或图片文件，另行提交",
	]
	form = [
		"济南市新型智慧城市试点示范项目申报表",
		"（一）参赛单位基本信息",
		"参赛单位名称（盖章）",
		unit["unit_name"],
		"统一社会信用代码",
		unit["uscc"],
		"企业性质",
		"□国有",
		"☑民营",
		"□三资",
		"注册资本",
		"1000万元",
		"企业地址",
		"济南市历下区经十路1号",
		"法定代表人",
		"张三",
		"联系人",
		"姓名",
		"李四",
		"联系方式",
		"0531-66602617",
		"13800000000",
		"职务",
		"项目经理",
		"邮箱",
		"contact@example.com",
		"总资产",
		"5000万元",
		"负债率",
		"35.5%",
		f"{y - 1}年销售收入（万元）",
		"3000",
		f"{y}年销售收入（万元）",
		"3600",
		f"{y - 1}年净利润（万元）",
		"300",
		f"{y}年净利润（万元）",
		"-20",
		"单位简介（限200字）",
		unit["unit_profile"],
		"（二）参赛项目基本信息",
		"项目名称",
		project["project_name"],
		"涉及领域",
		"□产业与经济发展",
		"□政务服务",
		"☑城市管理",
		"☑社会治理",
		"☑其他",
		"请填写名称：",
		"智慧医疗",
		"项目投资主体",
		"市财政投资建设：",
		"□是",
		"☑否",
		"投资主体名称：",
		project["investor_name"],
		"项目简介（限800字）",
		project["project_summary"],
	]
	report = [
		f"{project['project_name']}项目方案及完成情况报告",
		"一、项目情况",
		"1.项目概述。",
		"项目概述正文。",
		"2.项目实施的创新性与先进性（技术创新、模式创新及相关知识产权）。",
		"创新性正文。",
		"3.项目实施的可推广性（示范意义及推广价值、推广可行性、推广范围）。",
		"二、项目方案",
		"1.项目建设背景和目标。",
		"2.项目建设内容。",
		"建设内容一",
		"建设内容二",
		"三、项目完成情况",
		"四、项目成效",
		"五、下一步推广计划",
		"六、相关附件",
		"1.企业和项目基本信息表中提到的证明材料，包含但不仅限于企业专利、项目投资额证明等项目支撑材料。以上证明材料需提供复印件并加盖单位公章。",
		"附件1",
		"项目实施完成证明材料",
		"2.项目评估验证的图片、视频、评测报告（若有）等。",
		"附件3",
		"附件4",
		"3.其他。",
	]
	performance = [
		"项目绩效评价表",
		"参赛单位名称（盖章）",
		unit["unit_name"],
		"统一社会信用代码",
		unit["uscc"],
		"项目类型",
		"新建",
		"项目负责人",
		"王五",
		"联系电话",
		"13900000000",
		"项目名称",
		project["project_name"],
		"项目期限",
		"2020年3月至2021年10月",
		"项目单位职能（生产经营）概述",
		"项目概况、主要内容及用途",
		"企业主要产品",
		"项目立项情况",
		"项目立项的依据",
		"项目的可行性和必要性",
		"项目绩效目标",
		"年度绩效指标",
		"一级指标",
		"二级指标",
		"指标内容",
		"指标值",
		"完成情况",
		"产出指标",
		"数量指标",
		"接入社区数量",
		"120个",
		"已完成128个",
		"质量指标",
		"时效指标",
		"成本指标",
		"效益指标",
		"经济效益指标",
		"社会效益指标",
		"事件平均处置时长",
		"生态效益指标",
		"可持续影响指标",
		"社会公众或服务对象满意度指标",
		"具体指标",
		"居民满意度",
		"≥90%",
		"93%",
		"创新指标",
		"知识产权指标",
		"发明专利",
		"企业近一年来获得称号",
		"省级专精特新企业",
		"其他需要说明的问题",
	]
	pledge = [
		"申报材料真实性承诺书",
		"历下区工业和信息化局：",
		f"我单位申报的“{project['project_name']}”项目申请材料内容和所附资料均真实",
		"不存在任何虚假记载",
		"特此声明！",
		"单位（盖章）：",
		unit["unit_name"],
		"2021年12月1日",
	]
	attachments = [
		"NAME-CHANGE-PROOF",
		"COMPLETION-PROOF-P1",
		"COMPLETION-PROOF-P2",
		"SIGNED-PLEDGE",
		f"附件3　项目评估验证图片：现场照片（{files['photo_name']}）",
	]
	assert_in_order(text, cover + toc + form + report + performance + pledge + attachments)
	assert "恶意脚本" not in text


def test_a_cjk_font_is_embedded(pdf_path):
	out = subprocess.run(["pdffonts", pdf_path], capture_output=True, text=True, check=True).stdout
	rows = out.splitlines()[2:]
	assert any("SCC-FangSong" in r and "CID TrueType" in r for r in rows), out
	for row in rows:
		name, emb = row.split()[0], row.split()[-5]
		assert emb == "yes", f"{name} not embedded"
	assert not any("Noto" in r for r in rows), "a character fell back to the slow Noto CJK font"


def test_outline_names_every_part_in_order(outline):
	titles = list(outline)
	assert titles == [
		"封面",
		"申报材料目录",
		A.PART_FORM,
		A.PART_REPORT,
		A.PART_PERFORMANCE,
		A.PART_PLEDGE,
		A.PART_NAME_CHANGE,
		"附件1 项目实施完成证明材料",
		"附件2 申报材料真实性承诺书（盖章扫描件）",
		"附件3 项目评估验证图片：现场照片",
	]
	pages = list(outline.values())
	assert pages == sorted(pages) and pages[0] == 1 and pages[1] == 2


def test_the_toc_page_numbers_are_where_the_parts_start(pdf_path, outline, full_reader):
	toc_page = outline["申报材料目录"]
	layout = subprocess.run(
		["pdftotext", "-layout", "-f", str(toc_page), "-l", str(toc_page), pdf_path, "-"],
		capture_output=True,
		text=True,
		check=True,
	).stdout
	entries, pending = {}, ""
	for line in layout.splitlines():  # an entry may wrap: its text runs on until the leader and the page
		m = re.match(r"^\s*(.*?)\s*\.{2,}\s*(\d+)\s*$", line)
		if m:
			entries[squeeze(pending + m.group(1))] = int(m.group(2))
			pending = ""
		else:
			pending += line
	assert len(entries) == len(outline) - 2, layout
	for title, page in outline.items():
		if title in ("封面", "申报材料目录"):
			continue
		matches = [n for entry, n in entries.items() if squeeze(title) in entry]
		assert matches == [page], (title, page, entries)
		# and the page really shows that part: its printed page number and its content
		text = squeeze(full_reader.pages[page - 1].extract_text())
		assert f"—{page}—" in text
	assert (
		"COMPLETION-PROOF-P1" in full_reader.pages[outline["附件1 项目实施完成证明材料"] - 1].extract_text()
	)
	assert (
		"SIGNED-PLEDGE"
		in full_reader.pages[outline["附件2 申报材料真实性承诺书（盖章扫描件）"] - 1].extract_text()
	)
	assert "NAME-CHANGE-PROOF" in full_reader.pages[outline[A.PART_NAME_CHANGE] - 1].extract_text()


def test_attachments_are_bound_in(admin_api, plain, full_reader, outline, pdf_path, workdir):
	r = get_file(admin_api, "application_pdf", project=plain["project"]["name"])
	assert r.status_code == 200, r.text[:300]
	plain_reader = PdfReader(io.BytesIO(r.content))
	# name-change proof 1 page + completion proof 2 + signed pledge 1 + photo 1
	assert len(full_reader.pages) - len(plain_reader.pages) >= 5
	assert len(full_reader.pages) - outline["附件1 项目实施完成证明材料"] + 1 == 2 + 1 + 1
	assert [o.title for o in plain_reader.outline][-1] == A.PART_PLEDGE
	# the landscape pledge stays landscape
	pledge_page = full_reader.pages[outline["附件2 申报材料真实性承诺书（盖章扫描件）"] - 1]
	assert float(pledge_page.mediabox.width) > float(pledge_page.mediabox.height)


def test_the_image_attachment_shows(outline, pdf_path, workdir):
	from PIL import Image

	page = outline["附件3 项目评估验证图片：现场照片"]
	images = subprocess.run(
		["pdfimages", "-list", "-f", str(page), "-l", str(page), pdf_path],
		capture_output=True,
		text=True,
		check=True,
	).stdout.splitlines()[2:]
	assert images, "no image on the attachment's page"
	subprocess.run(
		["pdftoppm", "-r", "30", "-png", "-f", str(page), "-l", str(page), pdf_path, f"{workdir}/img"],
		check=True,
	)
	png = next(p for p in sorted(os.listdir(workdir)) if p.startswith("img") and p.endswith(".png"))
	im = Image.open(f"{workdir}/{png}").convert("RGB")
	red = sum(1 for px in im.getdata() if px[0] > 180 and px[1] < 80 and px[2] < 80)
	assert red > im.width * im.height * 0.2


def test_printing_needs_print_permission(no_role_api, full):
	r = get_file(no_role_api, "application_pdf", project=full["project"]["name"])
	assert r.status_code == 403, r.text[:300]
	assert r.headers["Content-Type"].startswith("application/json")


def test_the_desk_print_view_uses_the_same_templates(admin_api, full):
	for print_format, label in (
		("项目申报表", "济南市新型智慧城市试点示范项目申报表"),
		("项目绩效评价表", "年度绩效指标"),
	):
		r = admin_api.session.get(
			admin_api.base_url + "/api/method/frappe.www.printview.get_html_and_style",
			params={"doc": "Contest Project", "name": full["project"]["name"], "print_format": print_format},
			timeout=60,
		)
		assert r.status_code == 200, r.text[:500]
		html = r.json()["message"]["html"]
		assert label in html and full["project"]["project_name"] in html
		assert "scc_print_context" not in html
	with recommended(full["project"]["name"]):  # before filing, the table lists 区县已推荐 projects
		r = admin_api.session.get(
			admin_api.base_url + "/api/method/frappe.www.printview.get_html_and_style",
			params={
				"doc": "Contest District",
				"name": "历下区",
				"print_format": "项目推荐汇总表",
				"contest": EDITION,
			},
			timeout=60,
		)
	assert r.status_code == 200, r.text[:500]
	html = r.json()["message"]["html"]
	assert (
		"济南市新型智慧城市试点示范项目推荐汇总表" in html
		and "推荐单位（盖章）：历下区工业和信息化局" in html
	)
	assert full["project"]["project_name"] in html


# 推荐汇总表 --------------------------------------------------------------------------------------


@contextlib.contextmanager
def recommended(*projects):
	"""The projects stand as 区县已推荐 (before filing, a district's table lists only those), then go back."""
	before = {p: frappe.db.get_value("Contest Project", p, "workflow_state") for p in projects}
	for p in projects:
		frappe.db.set_value("Contest Project", p, "workflow_state", "区县已推荐", update_modified=False)
	frappe.db.commit()
	try:
		yield
	finally:
		for p, state in before.items():
			frappe.db.set_value("Contest Project", p, "workflow_state", state, update_modified=False)
		frappe.db.commit()


def test_district_summary_xlsx(admin_api, full, plain):
	with recommended(full["project"]["name"]):
		_district_summary_xlsx(admin_api, full)


def _district_summary_xlsx(admin_api, full):
	from openpyxl import load_workbook

	r = get_file(
		admin_api,
		"district_summary",
		contest=EDITION,
		district="历下区",
		format="xlsx",
		fill_date="2021-12-10",
	)
	assert r.status_code == 200, r.text[:300]
	assert r.headers["Content-Type"].startswith(
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	)
	wb = load_workbook(io.BytesIO(r.content))
	assert wb.sheetnames == ["历下区"]
	ws = wb["历下区"]
	assert ws["A1"].value == "附件2"
	assert ws["A2"].value == "济南市新型智慧城市试点示范项目推荐汇总表（草稿预览（未报送））"
	assert ws["A3"].value == "推荐单位（盖章）：历下区工业和信息化局"
	assert ws["G3"].value == "填表时间：2021年12月10日"
	assert tuple(c.value for c in ws[4]) == SUMMARY_HEADERS == HEADERS
	rows = [[c.value for c in row] for row in ws.iter_rows(min_row=5)]
	assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
	mine = next(r for r in rows if r[1] == full["project"]["project_name"])
	assert mine[2] == "否"
	assert mine[4] == full["unit"]["unit_name"] and mine[5] == full["unit"]["uscc"]
	assert mine[6] == "城市管理、社会治理、其他（智慧医疗）"
	assert isinstance(mine[7], float) and mine[7] == 1280.5
	assert mine[8] == "李四" and mine[9] == "0531-66602617\n13800000000"
	assert ws.freeze_panes == "A5" and ws.page_setup.orientation == "landscape"
	names = frappe.get_all(  # before filing: the district's 区县已推荐 projects only
		"Contest Project",
		filters={"contest": EDITION, "district": "历下区", "workflow_state": "区县已推荐"},
		order_by="submitted_on asc, name asc",
		pluck="name",
	)
	titles = dict(
		frappe.get_all(
			"Contest Project", filters={"name": ("in", names)}, fields=["name", "project_name"], as_list=True
		)
	)
	assert [r[1] for r in rows] == [titles[n] for n in names]


def test_district_summary_pdf_is_a4_landscape(admin_api, full):
	with recommended(full["project"]["name"]):
		r = get_file(admin_api, "district_summary", contest=EDITION, district="历下区")
	assert r.status_code == 200, r.text[:300]
	reader = PdfReader(io.BytesIO(r.content))
	for page in reader.pages:
		assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == (A4[1], A4[0])
	first = squeeze(reader.pages[0].extract_text())
	assert_in_order(
		first,
		[
			"附件2",
			"济南市新型智慧城市试点示范项目推荐汇总表",
			"草稿预览（未报送）",
			"推荐单位（盖章）：历下区工业和信息化局",
			"填表时间：",
			*SUMMARY_HEADERS,
			"1",
		],
	)
	assert full["project"]["project_name"] in squeeze("".join(p.extract_text() for p in reader.pages))
	assert [o.title for o in reader.outline] == ["历下区（历下区工业和信息化局）"]


def test_city_summary_names_the_districts_not_filed_on_its_cover(admin_api, full, plain):
	from openpyxl import load_workbook

	make_project(admin_api, {"district": "市中区"}, {})
	r = get_file(admin_api, "city_summary", contest=EDITION)
	assert r.status_code == 200, r.text[:300]
	wb = load_workbook(io.BytesIO(r.content))
	filed = set(
		frappe.get_all("District Recommendation", {"contest": EDITION, "docstatus": 1}, pluck="district")
	)
	order = frappe.get_all(
		"Contest District", filters={"enabled": 1}, order_by="sort_order asc, name asc", pluck="name"
	)
	# the cover first, then a sheet per filed district only, in the districts' order
	assert wb.sheetnames == ["未报送区县", *(d for d in order if d in filed)]
	cover = wb["未报送区县"]
	assert tuple(c.value for c in cover[3]) == ("序号", "区县", "推荐单位", "推荐汇总表", "本届申报项目数", "区县已推荐项目数")
	listed = {row[1]: row for row in cover.iter_rows(min_row=4, values_only=True)}
	assert [row[1] for row in cover.iter_rows(min_row=4, values_only=True)] == [d for d in order if d not in filed]
	assert listed["市中区"][2] == "市中区工业和信息化局" and listed["市中区"][4] >= 1
	for name in wb.sheetnames[1:]:
		assert tuple(c.value for c in wb[name][4]) == SUMMARY_HEADERS


def test_summaries_need_read_permission_on_every_project(no_role_api, full):
	r = get_file(no_role_api, "district_summary", contest=EDITION, district="历下区", format="xlsx")
	assert r.status_code == 403, r.text[:300]
	assert "推荐汇总表只能由历下区的区县审核员或市局下载" in ApiResponse(r).message
	r = get_file(no_role_api, "city_summary", contest=EDITION)
	assert r.status_code == 403, r.text[:300]


def test_a_district_recommendation_decides_the_rows_and_their_order(admin_api, edition_year):
	from smart_city_contest.rules.project_workflow import RECOMMENDED

	for name in frappe.get_all(
		"District Recommendation", {"contest": EDITION, "district": "天桥区"}, pluck="name"
	):
		frappe.delete_doc(
			"District Recommendation", name, force=True, ignore_permissions=True
		)  # a reused site
	first = make_project(admin_api, {"district": "天桥区"}, {})
	second = make_project(admin_api, {"district": "天桥区"}, {})
	left_out = make_project(admin_api, {"district": "天桥区"}, {})
	for made in (first, second):
		frappe.db.set_value("Contest Project", made["project"]["name"], "workflow_state", RECOMMENDED)
	frappe.get_doc(
		{
			"doctype": "District Recommendation",
			"contest": EDITION,
			"district": "天桥区",
			"items": [{"project": second["project"]["name"]}, {"project": first["project"]["name"]}],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	from openpyxl import load_workbook

	r = get_file(admin_api, "district_summary", contest=EDITION, district="天桥区", format="xlsx")
	assert r.status_code == 200, r.text[:300]
	rows = [
		[c.value for c in row] for row in load_workbook(io.BytesIO(r.content))["天桥区"].iter_rows(min_row=5)
	]
	assert [(row[0], row[1]) for row in rows] == [
		(1, second["project"]["project_name"]),
		(2, first["project"]["project_name"]),
	]
	assert left_out["project"]["project_name"] not in [row[1] for row in rows]


def test_images_in_the_report_come_from_the_sites_files_only(outline, pdf_path):
	first, last = outline[A.PART_REPORT], outline[A.PART_PERFORMANCE] - 1
	images = subprocess.run(
		["pdfimages", "-list", "-f", str(first), "-l", str(last), pdf_path],
		capture_output=True,
		text=True,
		check=True,
	).stdout.splitlines()[2:]
	assert len(images) == 1, images  # the site's /files/inline.png; file:///etc/hostname was dropped
