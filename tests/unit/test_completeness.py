"""The rule of 提交: which required parts of an application are still empty (rules/completeness.py)."""

import unittest

from smart_city_contest.rules.completeness import REPORT_SECTIONS, is_blank_text, missing_pieces

UNIT = {"unit_profile": "本单位专注于城市数字化治理。"}
PROJECT = {
	"project_summary": "项目简介。",
	**{field: f"<p>{label}正文。</p>" for field, label in REPORT_SECTIONS},
}
INDICATORS = [
	{"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "接入社区数量"},
	{"level_1": "效益指标", "level_2": "社会效益指标", "indicator_content": "处置时长"},
	{"level_1": "社会公众或服务对象满意度指标", "level_2": "具体指标", "indicator_content": "居民满意度"},
]


class TestCompleteness(unittest.TestCase):
	def test_a_complete_application_misses_nothing(self):
		self.assertEqual(missing_pieces(PROJECT, UNIT, INDICATORS), [])

	def test_an_empty_application_names_every_piece_in_the_order_of_the_application(self):
		missing = missing_pieces({}, {}, [])
		self.assertEqual(len(missing), 2 + len(REPORT_SECTIONS) + 3)
		self.assertEqual(missing[0], "参赛单位“单位简介”")
		self.assertEqual(missing[1], "“项目简介”")
		self.assertIn("一、项目情况 1.项目概述", missing[2])
		self.assertIn("五、下一步推广计划", missing[2 + len(REPORT_SECTIONS) - 1])
		self.assertEqual(
			missing[-3:],
			[
				"项目绩效评价表“产出指标”（至少填写一项指标）",
				"项目绩效评价表“效益指标”（至少填写一项指标）",
				"项目绩效评价表“社会公众或服务对象满意度指标”（至少填写一项指标）",
			],
		)

	def test_rich_text_with_nothing_to_read_is_empty(self):
		for blank in (None, "", "  ", "<p><br></p>", "<p>&nbsp;</p>", "<div>\u3000</div>", "<p> </p><p></p>"):
			self.assertTrue(is_blank_text(blank), blank)
		for text in ("<p>有内容</p>", '<p><img src="/files/a.png"></p>', "x"):
			self.assertFalse(is_blank_text(text), text)

	def test_one_missing_section_is_named_alone(self):
		project = {**PROJECT, "outcomes": "<p><br></p>"}
		self.assertEqual(missing_pieces(project, UNIT, INDICATORS), ["项目方案及完成情况报告“四、项目成效”"])

	def test_each_official_level_1_needs_an_indicator_with_content(self):
		rows = [r for r in INDICATORS if r["level_1"] != "效益指标"]
		rows.append({"level_1": "效益指标", "level_2": "经济效益指标", "indicator_content": " "})
		rows.append({"level_1": "其他", "level_2": "其他", "indicator_content": "安全事件"})
		self.assertEqual(missing_pieces(PROJECT, UNIT, rows), ["项目绩效评价表“效益指标”（至少填写一项指标）"])


if __name__ == "__main__":
	unittest.main()
