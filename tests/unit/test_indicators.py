import unittest

from smart_city_contest.rules.indicators import (
	LEVEL_1_OPTIONS,
	LEVEL_2_OPTIONS,
	TAXONOMY,
	indicator_problem,
	official_order,
)


class TestIndicatorTaxonomy(unittest.TestCase):
	def test_every_official_pair_is_allowed(self):
		for level_1, level_2s in TAXONOMY.items():
			for level_2 in level_2s:
				with self.subTest(level_1=level_1, level_2=level_2):
					self.assertIsNone(indicator_problem(level_1, level_2))

	def test_official_pairs_are_those_of_the_form(self):
		self.assertEqual(TAXONOMY["产出指标"], ("数量指标", "质量指标", "时效指标", "成本指标"))
		self.assertEqual(TAXONOMY["效益指标"], ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"))
		self.assertEqual(TAXONOMY["社会公众或服务对象满意度指标"], ("具体指标",))

	def test_pair_across_groups_is_refused_and_lists_the_choices(self):
		problem = indicator_problem("产出指标", "经济效益指标")
		self.assertIn("不属于一级指标“产出指标”", problem)
		self.assertIn("数量指标、质量指标、时效指标、成本指标、其他", problem)

	def test_unknown_level_1_is_refused(self):
		self.assertIn("不在官方指标体系中", indicator_problem("投入指标", "数量指标"))

	def test_other_needs_a_name(self):
		self.assertIn("须填写二级指标名称", indicator_problem("产出指标", "其他"))
		self.assertIsNone(indicator_problem("产出指标", "其他", level_2_other="安全指标"))
		self.assertIn("须填写一级指标名称", indicator_problem("其他", "其他", level_2_other="x"))
		self.assertIsNone(indicator_problem("其他", "其他", "创新指标", "专利数量"))

	def test_other_level_1_takes_only_named_other_level_2(self):
		self.assertIn("只能选择“其他”", indicator_problem("其他", "数量指标", level_1_other="创新指标"))

	def test_missing_levels_are_reported(self):
		self.assertEqual(indicator_problem(None, None), "未填写一级指标")
		self.assertEqual(indicator_problem("产出指标", ""), "未填写二级指标")

	def test_select_options_cover_the_taxonomy(self):
		self.assertEqual(LEVEL_1_OPTIONS[-1], "其他")
		for level_2s in TAXONOMY.values():
			for level_2 in level_2s:
				self.assertIn(level_2, LEVEL_2_OPTIONS)

	def test_official_order_sorts_like_the_grid(self):
		rows = [("效益指标", "社会效益指标"), ("产出指标", "其他"), ("产出指标", "数量指标"), ("其他", "其他"), ("效益指标", "经济效益指标")]
		self.assertEqual(
			sorted(rows, key=lambda r: official_order(*r)),
			[("产出指标", "数量指标"), ("产出指标", "其他"), ("效益指标", "经济效益指标"), ("效益指标", "社会效益指标"), ("其他", "其他")],
		)
