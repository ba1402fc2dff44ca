"""The PDF and XLSX builders on plain data (no site): page size, fonts, text order, numbers."""

import io
import shutil
import subprocess
import tempfile
import unittest

from smart_city_contest.documents import application as A
from smart_city_contest.documents import attachments as att
from smart_city_contest.documents import summary as S

PROJECT = {
	"project_name": "泉城智慧社区治理平台",
	"domain_urban_management": 1,
	"city_funded": "否",
	"investor_name": "济南某科技有限公司",
	"investment_amount": 1280.5,
	"application_date": "2021-12-01",
	"overview": "<p>项目概述正文。</p>",
}
UNIT = {
	"unit_name": "济南某科技有限公司",
	"uscc": "91370102MA3C4D5E6M",
	"unit_category": "企业",
	"enterprise_nature": "民营",
	"contact_name": "李四",
	"contact_phone": "0531-66602617",
	"contact_mobile": "13800000000",
}
DISTRICT = {"district_name": "历下区", "bureau_name": "历下区工业和信息化局"}


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text without white space (letter-spaced labels and wrapped titles read whole)."""
	from pypdf import PdfReader

	return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


def assert_in_order(test, text: str, labels) -> None:
	"""Each label occurs in `text` after the previous one."""
	at = 0
	for label in labels:
		found = text.find(label, at)
		test.assertNotEqual(found, -1, f"“{label}” not found after position {at}: …{text[at : at + 80]}…")
		at = found + len(label)


class TestApplicationPdf(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.tmp = tempfile.mkdtemp()
		import weasyprint

		cls.proof = f"{cls.tmp}/proof.pdf"
		weasyprint.HTML(string="<p>proof 1</p><p style='break-before:page'>proof 2</p>").write_pdf(cls.proof)
		files = [
			att.inspect(
				att.Attachment(
					"att-1", "附件1", "项目实施完成证明材料", "proof.pdf", cls.proof, group="proof"
				)
			)
		]
		cls.ctx = A.application_context(PROJECT, UNIT, DISTRICT, {"year": 2021}, [], files)
		cls.pdf = A.build_application_pdf(cls.ctx)

	@classmethod
	def tearDownClass(cls):
		shutil.rmtree(cls.tmp, ignore_errors=True)

	def test_every_page_is_a4_and_the_attachment_pages_are_bound(self):
		from pypdf import PdfReader

		reader = PdfReader(io.BytesIO(self.pdf))
		for page in reader.pages:
			self.assertAlmostEqual(float(page.mediabox.width), 595.28, places=1)
			self.assertAlmostEqual(float(page.mediabox.height), 841.89, places=1)
		text = [p.extract_text() for p in reader.pages]
		self.assertIn("proof 1", text[-2])
		self.assertIn("proof 2", text[-1])

	def test_the_parts_come_in_the_official_order(self):
		assert_in_order(
			self,
			pdf_text(self.pdf),
			(
				"申报书",
				"申报材料目录",
				A.PART_PLEDGE,
				"济南市新型智慧城市试点示范项目申报表",
				"泉城智慧社区治理平台项目方案及完成情况报告",
				"项目绩效评价表",
				"申报材料真实性承诺书",
				"proof1",
				"proof2",
			),
		)

	def test_outline_names_every_part(self):
		from pypdf import PdfReader

		titles = [o.title for o in PdfReader(io.BytesIO(self.pdf)).outline if not isinstance(o, list)]
		self.assertEqual(
			titles,
			[
				"封面",
				"申报材料目录",
				A.PART_FORM,
				A.PART_REPORT,
				A.PART_PERFORMANCE,
				A.PART_PLEDGE,
				"附件1 项目实施完成证明材料",
			],
		)

	@unittest.skipUnless(shutil.which("pdffonts"), "poppler-utils not installed")
	def test_a_cjk_font_is_embedded(self):
		path = f"{self.tmp}/app.pdf"
		with open(path, "wb") as f:
			f.write(self.pdf)
		fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True).stdout
		self.assertIn("SCC-FangSong", fonts)
		self.assertNotIn(" no ", fonts.split("\n", 2)[2])  # every font embedded


class TestSummary(unittest.TestCase):
	def rows(self, n):
		return [S.summary_row(i, PROJECT, UNIT, A.domain_labels(PROJECT)) for i in range(1, n + 1)]

	def test_xlsx_header_numbers_and_print_setup(self):
		from openpyxl import load_workbook

		data = S.build_summary_xlsx(
			[
				S.Sheet("历下区", "历下区工业和信息化局", "2021-12-10", self.rows(3), 2021),
				S.Sheet("市中区", "市中区工业和信息化局", None, [], 2021),
			]
		)
		wb = load_workbook(io.BytesIO(data))
		self.assertEqual(wb.sheetnames, ["历下区", "市中区"])
		ws = wb["历下区"]
		self.assertEqual(ws["A1"].value, "附件2")
		self.assertEqual(ws["A2"].value, "济南市新型智慧城市试点示范项目推荐汇总表")
		self.assertEqual(ws["A3"].value, "推荐单位（盖章）：历下区工业和信息化局")
		self.assertEqual(ws["G3"].value, "填表时间：2021年12月10日")
		self.assertEqual(tuple(c.value for c in ws[4]), S.HEADERS)
		self.assertEqual(ws["A5"].value, 1)
		self.assertIsInstance(ws["H5"].value, float)
		self.assertEqual(ws["H5"].value, 1280.5)
		self.assertEqual(ws["F5"].data_type, "s")
		self.assertEqual(ws.freeze_panes, "A5")
		self.assertEqual(ws.page_setup.orientation, "landscape")
		self.assertEqual(int(ws.page_setup.paperSize), 9)  # A4
		self.assertEqual(int(ws.page_setup.fitToWidth), 1)
		self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
		self.assertTrue(ws["B5"].alignment.wrap_text)
		self.assertEqual(ws["B5"].border.left.style, "thin")
		self.assertEqual(wb["市中区"]["G3"].value, "填表时间：2021年\u3000\u3000月\u3000\u3000日")

	def test_a_draft_preview_says_so_and_the_city_cover_names_the_districts_not_filed(self):
		from openpyxl import load_workbook
		from pypdf import PdfReader

		cover = S.Cover([{"district": "市中区", "bureau_name": "市中区工业和信息化局",
			"status": "未创建推荐汇总表", "projects": 3, "recommended": 1}])
		filed = S.Sheet("历下区", "历下区工业和信息化局", "2021-12-10", self.rows(1), 2021)
		wb = load_workbook(io.BytesIO(S.build_summary_xlsx([filed], cover)))
		self.assertEqual(wb.sheetnames, ["未报送区县", "历下区"])
		self.assertEqual(tuple(c.value for c in wb["未报送区县"][3]), S.COVER_HEADERS)
		self.assertEqual(
			[c.value for c in wb["未报送区县"][4]], [1, "市中区", "市中区工业和信息化局", "未创建推荐汇总表", 3, 1]
		)
		self.assertEqual(wb["历下区"]["A2"].value, "济南市新型智慧城市试点示范项目推荐汇总表")
		draft = S.Sheet("历下区", "历下区工业和信息化局", None, self.rows(1), 2021, draft=True)
		ws = load_workbook(io.BytesIO(S.build_summary_xlsx([draft]))).worksheets[0]
		self.assertEqual(ws["A2"].value, "济南市新型智慧城市试点示范项目推荐汇总表（草稿预览（未报送））")
		text = "".join(PdfReader(io.BytesIO(S.build_summary_pdf([draft]))).pages[0].extract_text().split())
		self.assertIn("草稿预览（未报送）", text)
		reader = PdfReader(io.BytesIO(S.build_summary_pdf([filed], cover)))
		first = "".join(reader.pages[0].extract_text().split())
		self.assertIn("未报送区县", first)
		self.assertIn("市中区工业和信息化局", first)
		self.assertNotIn("草稿预览", "".join(p.extract_text() for p in reader.pages))

	def test_pdf_is_a4_landscape_with_the_title_and_header(self):
		from pypdf import PdfReader

		pdf = S.build_summary_pdf(
			[S.Sheet("历下区", "历下区工业和信息化局", "2021-12-10", self.rows(2), 2021)]
		)
		page = PdfReader(io.BytesIO(pdf)).pages[0]
		self.assertAlmostEqual(float(page.mediabox.width), 841.89, places=1)
		self.assertAlmostEqual(float(page.mediabox.height), 595.28, places=1)
		text = page.extract_text()
		for label in (
			"附件2",
			"济南市新型智慧城市试点示范项目推荐汇总表",
			"推荐单位（盖章）",
			"填表时间：2021年12月10日",
			"历下区工业和信息化局",
		):
			self.assertIn(label, text)
