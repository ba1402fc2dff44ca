import unittest
from decimal import Decimal
from fractions import Fraction

from smart_city_contest.rules.review_scoring import score_problems, weighted_total

BASIC, PLAN, RESULTS = "项目基本情况", "项目方案及实施情况", "项目建设成效"

# The 2021 edition's dimensions (fixtures/contest_edition.json).
DIMENSIONS = [
	{"dimension": BASIC, "weight": 30, "max_score": 100},
	{"dimension": PLAN, "weight": 40, "max_score": 100},
	{"dimension": RESULTS, "weight": 30, "max_score": 100},
]

# The same weights with each dimension scored on its own scale.
POINT_DIMENSIONS = [
	{"dimension": BASIC, "weight": 30, "max_score": 30},
	{"dimension": PLAN, "weight": 40, "max_score": 40},
	{"dimension": RESULTS, "weight": 30, "max_score": 30},
]


class TestWeightedTotal(unittest.TestCase):
	def test_hand_computed_total(self):
		# 30% × 80 + 40% × 90 + 30% × 70 = 24 + 36 + 21
		self.assertEqual(weighted_total({BASIC: 80, PLAN: 90, RESULTS: 70}, DIMENSIONS), 81.0)

	def test_full_marks_make_100_and_zeros_make_0(self):
		self.assertEqual(weighted_total({BASIC: 100, PLAN: 100, RESULTS: 100}, DIMENSIONS), 100.0)
		self.assertEqual(weighted_total({BASIC: 0, PLAN: 0, RESULTS: 0}, DIMENSIONS), 0.0)

	def test_each_dimension_is_scaled_by_its_own_max_score(self):
		# On point scales 25/30 + 33/40 + 27/30 the total out of 100 is simply 25 + 33 + 27.
		self.assertEqual(weighted_total({BASIC: 25, PLAN: 33, RESULTS: 27}, POINT_DIMENSIONS), 85.0)
		dims = [
			{"dimension": "甲", "weight": 50, "max_score": 10},
			{"dimension": "乙", "weight": 50, "max_score": 20},
		]
		# 50 × 7/10 + 50 × 13/20 = 35 + 32.5
		self.assertEqual(weighted_total({"甲": 7, "乙": 13}, dims), 67.5)

	def test_rounds_half_up_on_the_exact_decimal_value(self):
		# 0.3 × 85.5 + 0.4 × 80 + 0.3 × 90.05 = 25.65 + 32 + 27.015 = 84.665 exactly → 84.67.
		# Binary floating point makes it 84.66499999999999, which round() would turn into 84.66.
		self.assertEqual(weighted_total({BASIC: 85.5, PLAN: 80, RESULTS: 90.05}, DIMENSIONS), 84.67)
		# 0.3 × 85.5 + 0.4 × 77.25 + 0.3 × 88.35 = 83.055 → 83.06
		self.assertEqual(weighted_total({BASIC: 85.5, PLAN: 77.25, RESULTS: 88.35}, DIMENSIONS), 83.06)

	def test_rounding_happens_once_at_the_end(self):
		dims = [
			{"dimension": "甲", "weight": 33.33, "max_score": 100},
			{"dimension": "乙", "weight": 33.33, "max_score": 100},
			{"dimension": "丙", "weight": 33.34, "max_score": 100},
		]
		# 29.997 + 26.664 + 23.338 = 79.999 → 80.00 (rounding each part first would give 80.01)
		self.assertEqual(weighted_total({"甲": 90, "乙": 80, "丙": 70}, dims), 80.0)
		# A repeating quotient: 30 × 60/70 + 70 × 10/10 = 25.714285… + 70
		dims = [
			{"dimension": "甲", "weight": 30, "max_score": 70},
			{"dimension": "乙", "weight": 70, "max_score": 10},
		]
		self.assertEqual(weighted_total({"甲": 60, "乙": 10}, dims), 95.71)

	def test_input_shapes_agree(self):
		as_mapping = {BASIC: 88, PLAN: 76.5, RESULTS: 91}
		as_pairs = [(BASIC, 88), (PLAN, 76.5), (RESULTS, 91)]
		as_rows = [
			{"dimension": BASIC, "score": 88},
			{"dimension": PLAN, "score": 76.5},
			{"dimension": RESULTS, "score": 91},
		]
		# 26.4 + 30.6 + 27.3
		for scores in (as_mapping, as_pairs, as_rows):
			with self.subTest(scores=scores):
				self.assertEqual(weighted_total(scores, DIMENSIONS), 84.3)

	def test_decimal_and_fraction_scores_are_numbers(self):
		scores = {BASIC: Decimal("80.5"), PLAN: Fraction(181, 2), RESULTS: 70}
		# 24.15 + 36.2 + 21
		self.assertEqual(weighted_total(scores, DIMENSIONS), 81.35)

	def test_invalid_review_is_refused_with_the_problems(self):
		with self.assertRaises(ValueError) as caught:
			weighted_total({BASIC: 80, PLAN: 120}, DIMENSIONS)
		self.assertIn("超过满分100分", str(caught.exception))
		self.assertIn(f"未对评审维度“{RESULTS}”评分", str(caught.exception))

	def test_weights_not_summing_to_100_are_refused(self):
		dims = [dict(d) for d in DIMENSIONS]
		dims[0]["weight"] = 20
		with self.assertRaises(ValueError) as caught:
			weighted_total({BASIC: 80, PLAN: 80, RESULTS: 80}, dims)
		self.assertIn("当前为90%", str(caught.exception))

	def test_non_positive_max_score_is_refused(self):
		dims = [dict(d) for d in DIMENSIONS]
		dims[1]["max_score"] = 0
		with self.assertRaises(ValueError) as caught:
			weighted_total({BASIC: 0, PLAN: 0, RESULTS: 0}, dims)
		self.assertIn(f"“{PLAN}”的满分须大于0", str(caught.exception))


class TestScoreProblems(unittest.TestCase):
	def test_complete_review_has_no_problem(self):
		self.assertEqual(score_problems({BASIC: 80, PLAN: 90, RESULTS: 70}, DIMENSIONS), [])

	def test_bounds_are_inclusive(self):
		self.assertEqual(score_problems({BASIC: 0, PLAN: 100, RESULTS: 100.0}, DIMENSIONS), [])

	def test_missing_dimension(self):
		self.assertEqual(
			score_problems({BASIC: 80, PLAN: 90}, DIMENSIONS),
			[(RESULTS, f"未对评审维度“{RESULTS}”评分")],
		)

	def test_no_scores_at_all_lists_every_dimension(self):
		problems = score_problems([], DIMENSIONS)
		self.assertEqual([d for d, _m in problems], [BASIC, PLAN, RESULTS])

	def test_duplicate_dimension(self):
		problems = score_problems([(BASIC, 80), (PLAN, 90), (RESULTS, 70), (BASIC, 60)], DIMENSIONS)
		self.assertEqual(problems, [(BASIC, f"评审维度“{BASIC}”重复评分")])

	def test_unknown_dimension(self):
		problems = score_problems({BASIC: 80, PLAN: 90, RESULTS: 70, "创新性": 95}, DIMENSIONS)
		self.assertEqual(problems, [("创新性", "“创新性”不是本届大赛的评审维度")])

	def test_row_without_dimension(self):
		problems = score_problems([("", 80), (BASIC, 80), (PLAN, 90), (RESULTS, 70)], DIMENSIONS)
		self.assertEqual(problems, [("", "评分行未填写评审维度")])

	def test_over_max_score_names_both_numbers(self):
		problems = score_problems({BASIC: 100.5, PLAN: 31, RESULTS: 20}, POINT_DIMENSIONS)
		self.assertEqual(
			problems,
			[
				(BASIC, f"“{BASIC}”的得分为100.5分，超过满分30分"),
			],
		)
		problems = score_problems({BASIC: 30, PLAN: 40.01, RESULTS: 30}, POINT_DIMENSIONS)
		self.assertEqual(problems, [(PLAN, f"“{PLAN}”的得分为40.01分，超过满分40分")])

	def test_negative_score(self):
		problems = score_problems({BASIC: -1, PLAN: 90, RESULTS: 70}, DIMENSIONS)
		self.assertEqual(problems, [(BASIC, f"“{BASIC}”的得分不能为负数")])

	def test_only_numbers_are_scores(self):
		for bad in ("85", None, True, float("nan"), float("inf"), Decimal("NaN"), [85]):
			with self.subTest(score=bad):
				problems = score_problems({BASIC: bad, PLAN: 90, RESULTS: 70}, DIMENSIONS)
				self.assertEqual(problems, [(BASIC, f"“{BASIC}”的得分须为数字")])

	def test_every_problem_is_reported_at_once(self):
		problems = score_problems([(BASIC, -5), (BASIC, 10), (PLAN, "高")], DIMENSIONS)
		self.assertEqual(
			[d for d, _m in problems],
			[BASIC, BASIC, PLAN, RESULTS],
		)
