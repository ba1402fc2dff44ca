"""Pure helpers of the official documents: how values print, rich text cleaning, the indicator grid."""

import unittest
from datetime import date, datetime

from smart_city_contest.documents import application as A
from smart_city_contest.documents import formatting as fmt
from smart_city_contest.documents.attachments import Attachment, fit_transformation, kind_of
from smart_city_contest.documents.richtext import plain_lines, sanitize
from smart_city_contest.documents.summary import COLUMNS, HEADERS, sheet_title, summary_row

from ..official_text import SUMMARY_HEADERS as OFFICIAL_SUMMARY_HEADERS


class TestFormatting(unittest.TestCase):
	def test_blanks_print_as_nothing(self):
		for value in (None, "", "  "):
			self.assertEqual(fmt.text(value), "")
			self.assertEqual(fmt.number(value), "")
			self.assertEqual(fmt.money(value), "")
			self.assertEqual(fmt.percent(value), "")

	def test_numbers_drop_trailing_zeros_but_keep_zero(self):
		self.assertEqual(fmt.number(1280.5), "1280.5")
		self.assertEqual(fmt.number(1000.0), "1000")
		self.assertEqual(fmt.number(-20), "-20")
		self.assertEqual(fmt.number(0), "0")
		self.assertEqual(fmt.number(0.125), "0.12")
		self.assertEqual(fmt.money(5000), "5000万元")
		self.assertEqual(fmt.percent(35.5), "35.5%")

	def test_dates_in_chinese_and_the_papers_blank(self):
		self.assertEqual(fmt.cn_date("2021-12-01"), "2021年12月1日")
		self.assertEqual(fmt.cn_date(datetime(2021, 12, 15, 23, 59)), "2021年12月15日")
		self.assertEqual(fmt.cn_date(date(2022, 1, 5)), "2022年1月5日")
		self.assertEqual(fmt.cn_date(None, blank_year=2021), "2021年\u3000\u3000月\u3000\u3000日")

	def test_period_as_the_form_asks(self):
		self.assertEqual(fmt.period("2020-03-01", "2021-10-31"), "2020年3月至2021年10月")
		self.assertEqual(fmt.period(None, None), "")
		self.assertTrue(fmt.period("2020-03-01", None).startswith("2020年3月至"))

	def test_choice_boxes(self):
		self.assertEqual(
			fmt.choices(("国有", "民营", "三资"), "民营"),
			[{"label": "国有", "box": "□"}, {"label": "民营", "box": "☑"}, {"label": "三资", "box": "□"}],
		)
		self.assertEqual([c["box"] for c in fmt.choices(("是", "否"), "")], ["□", "□"])
		self.assertEqual([c["box"] for c in fmt.choices(("a", "b", "c"), {"a", "c"})], ["☑", "□", "☑"])

	def test_phones_one_per_line_without_repeats(self):
		self.assertEqual(fmt.phones("0531-1", "138", "138", None), "0531-1\n138")
		self.assertEqual(fmt.phones(None, ""), "")


class TestRichText(unittest.TestCase):
	def test_scripts_styles_links_and_foreign_images_go(self):
		html = (
			'<div class="ql-editor read-mode"><p class="ql-align-center x">正文<script>alert(1)</script></p>'
			'<style>body{display:none}</style><link rel="stylesheet" href="http://evil/x.css">'
			'<img src="file:///etc/passwd"><img src="http://evil/a.png"><img src="/files/ok.png" onerror="x()">'
			'<a href="http://evil">链接</a></div>'
		)
		out = str(sanitize(html))
		for bad in (
			"script",
			"alert",
			"style",
			"display:none",
			"link",
			"evil",
			"file://",
			"onerror",
			"ql-editor",
			' x"',
		):
			self.assertNotIn(bad, out)
		self.assertIn('<p class="ql-align-center">正文</p>', out)
		self.assertIn('<img src="/files/ok.png">', out)
		self.assertIn("链接", out)

	def test_empty_editor_is_blank_and_plain_text_is_escaped(self):
		self.assertEqual(str(sanitize('<div class="ql-editor read-mode"><p><br></p></div>')), "")
		self.assertEqual(str(sanitize(None)), "")
		self.assertEqual(str(sanitize("a < b & c\n第二行")), "<p>a &lt; b &amp; c</p><p>第二行</p>")
		self.assertEqual(str(plain_lines("<b>1</b>\n2")), "&lt;b&gt;1&lt;/b&gt;<br>2")


class TestApplicationParts(unittest.TestCase):
	def test_report_title(self):
		self.assertEqual(A.report_title("泉城智慧社区治理平台"), "泉城智慧社区治理平台项目方案及完成情况报告")
		self.assertEqual(A.report_title("智慧停车示范项目"), "智慧停车示范项目方案及完成情况报告")
		self.assertEqual(A.report_title_lines("智慧停车"), ["智慧停车项目方案及完成情况报告"])
		self.assertEqual(
			A.report_title_lines("泉城智慧社区治理平台"), ["泉城智慧社区治理平台", "项目方案及完成情况报告"]
		)

	def test_domain_labels_in_the_forms_order(self):
		project = {
			"domain_social_governance": 1,
			"domain_industry": 1,
			"domain_other": 1,
			"other_domain_name": "智慧医疗",
		}
		self.assertEqual(A.domain_labels(project), ["产业与经济发展", "社会治理", "其他（智慧医疗）"])

	def test_indicator_grid_keeps_the_official_order_and_adds_the_applicants_rows(self):
		rows = [
			{"level_1": "效益指标", "level_2": "社会效益指标", "indicator_content": "时长"},
			{
				"level_1": "其他",
				"level_1_other": "创新指标",
				"level_2": "其他",
				"level_2_other": "专利",
				"indicator_content": "发明专利",
			},
			{"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "社区"},
			{
				"level_1": "产出指标",
				"level_2": "其他",
				"level_2_other": "覆盖指标",
				"indicator_content": "覆盖",
			},
			{"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "终端"},
		]
		grid = A.indicator_grid(rows)
		self.assertEqual(
			[g["label"] for g in grid], ["产出指标", "效益指标", "社会公众或服务对象满意度指标", "创新指标"]
		)
		output = grid[0]
		# the applicant's 其他 group takes the place of the form's "……" row under 产出指标
		self.assertEqual(
			[g["label"] for g in output["groups"]],
			["数量指标", "质量指标", "时效指标", "成本指标", "覆盖指标"],
		)
		self.assertEqual([str(r["content"]) for r in output["groups"][0]["rows"]], ["社区", "终端"])
		self.assertEqual(output["groups"][0]["rowspan"], 2)
		self.assertEqual(output["rowspan"], 2 + 2 + 2 + 2 + 1)  # empty official 二级指标 keep the form's two rows
		benefit = grid[1]
		self.assertEqual(
			[(g["label"], g["rowspan"]) for g in benefit["groups"]],
			[("经济效益指标", 2), ("社会效益指标", 2), ("生态效益指标", 2), ("可持续影响指标", 2), ("……", 1)],
		)
		self.assertEqual([str(r["content"]) for r in benefit["groups"][1]["rows"]], ["时长", ""])
		self.assertEqual(grid[2]["groups"][0]["label"], "具体指标")
		self.assertEqual(grid[2]["rowspan"], 1)
		# the 其他 一级指标 takes the place of the form's last "……/……" row
		self.assertEqual((grid[3]["label"], grid[3]["groups"][0]["label"]), ("创新指标", "专利"))

	def test_an_empty_indicator_grid_is_the_official_form(self):
		grid = A.indicator_grid([])
		self.assertEqual(
			[(l1["label"], [(g["label"], g["rowspan"]) for g in l1["groups"]]) for l1 in grid],
			[
				("产出指标", [("数量指标", 2), ("质量指标", 2), ("时效指标", 2), ("成本指标", 2), ("……", 1)]),
				("效益指标", [("经济效益指标", 2), ("社会效益指标", 2), ("生态效益指标", 2), ("可持续影响指标", 2), ("……", 1)]),
				("社会公众或服务对象满意度指标", [("具体指标", 1)]),
				("……", [("……", 1)]),
			],
		)
		self.assertEqual(sum(l1["rowspan"] for l1 in grid), 9 + 9 + 1 + 1)
		self.assertTrue(all(r["content"] == "" for l1 in grid for g in l1["groups"] for r in g["rows"]))

	def test_context_prints_the_editions_financial_years_and_the_bureau(self):
		ctx = A.application_context(
			{"project_name": "P", "city_funded": "是", "application_date": "2021-12-01"},
			{
				"unit_name": "U",
				"unit_category": "企业",
				"enterprise_nature": "三资",
				"revenue_previous_year": 3000,
			},
			{"district_name": "历下区", "bureau_name": "历下区工业和信息化局"},
			{"year": 2021},
		)
		self.assertEqual((ctx["unit"]["previous_year"], ctx["unit"]["current_year"]), (2020, 2021))
		self.assertEqual(ctx["unit"]["revenue_previous_year"], "3000")
		self.assertEqual(ctx["unit"]["revenue_current_year"], "")
		self.assertEqual([c["box"] for c in ctx["unit"]["nature"]], ["□", "□", "☑"])
		self.assertEqual([c["box"] for c in ctx["project"]["city_funded"]], ["☑", "□"])
		self.assertIn("我单位申报的“P”项目", ctx["pledge"]["text"])
		self.assertEqual(
			(ctx["pledge"]["bureau_name"], ctx["pledge"]["date"]), ("历下区工业和信息化局", "2021年12月1日")
		)

	def test_a_university_has_no_enterprise_nature(self):
		ctx = A.application_context(
			{}, {"unit_category": "高等院校", "enterprise_nature": "国有"}, {}, {"year": 2021}
		)
		self.assertEqual([c["box"] for c in ctx["unit"]["nature"]], ["□", "□", "□"])


class TestAttachmentsAndSummary(unittest.TestCase):
	def test_kind_by_extension(self):
		self.assertEqual(kind_of("证明.PDF"), "pdf")
		self.assertEqual(kind_of("照片.JPeg"), "image")
		self.assertEqual(kind_of("演示.mp4"), "other")
		self.assertEqual(
			Attachment("a", "附件1", "t", "x.mp4", kind="other").note, "非PDF或图片文件，另行提交"
		)

	def test_fit_keeps_the_foot_strip_and_never_enlarges(self):
		t = fit_transformation(595.276, 841.89, 595.276, 841.89, 34)
		scale, _b, _c, d, x, y = t.ctm
		self.assertAlmostEqual(scale, d)
		self.assertLess(scale, 1)
		self.assertGreaterEqual(y, 34 - 1e-6)
		self.assertAlmostEqual(841.89 * scale + y, 841.89, places=3)
		small = fit_transformation(200, 100, 595.276, 841.89, 34)
		self.assertEqual(small.ctm[0], 1.0)

	def test_official_summary_headers(self):
		self.assertEqual(HEADERS, OFFICIAL_SUMMARY_HEADERS)
		self.assertEqual(len(COLUMNS), 10)

	def test_summary_row(self):
		row = summary_row(
			3,
			{"project_name": "P", "city_funded": "否", "investor_name": "I", "investment_amount": "1280.50"},
			{
				"unit_name": "U",
				"uscc": "91370102MA3C4D5E6M",
				"contact_name": "李四",
				"contact_phone": "0531-1",
				"contact_mobile": "138",
			},
			["城市管理", "社会治理"],
		)
		self.assertEqual(list(row), [c.key for c in COLUMNS])
		self.assertEqual(row["index"], 3)
		self.assertEqual(row["investment_amount"], 1280.5)
		self.assertEqual(row["category"], "城市管理、社会治理")
		self.assertEqual(row["phones"], "0531-1\n138")
		self.assertIsNone(summary_row(1, {}, {}, [])["investment_amount"])

	def test_sheet_titles_are_valid_and_unique(self):
		taken: set[str] = set()
		self.assertEqual(sheet_title("历下区", taken), "历下区")
		self.assertEqual(sheet_title("历下区", taken), "历下区(2)")
		self.assertEqual(sheet_title("a/b:c", taken), "a_b_c")
		self.assertLessEqual(len(sheet_title("长" * 40, taken)), 31)
