import unittest

from smart_city_contest.rules.award_quota import check_fits, preview

# The 2021 edition (fixtures/contest_edition.json), deliberately not in rank order.
LEVELS = [
	{"award_level": "三等奖", "rank": 3, "quota": 0, "is_unlimited": 1},
	{"award_level": "一等奖", "rank": 1, "quota": 2, "is_unlimited": 0},
	{"award_level": "二等奖", "rank": 2, "quota": 6, "is_unlimited": 0},
]


class TestCheckFits(unittest.TestCase):
	def test_third_first_prize_is_refused(self):
		self.assertIsNone(check_fits("一等奖", 0, 1, LEVELS))
		self.assertIsNone(check_fits("一等奖", 1, 1, LEVELS))
		self.assertEqual(check_fits("一等奖", 2, 1, LEVELS), "一等奖名额为2名，已授予2名，再授予1名将超出1名")

	def test_adding_several_reports_the_excess(self):
		self.assertIsNone(check_fits("二等奖", 3, 3, LEVELS))
		self.assertEqual(check_fits("二等奖", 3, 5, LEVELS), "二等奖名额为6名，已授予3名，再授予5名将超出2名")

	def test_third_prize_is_unlimited(self):
		self.assertIsNone(check_fits("三等奖", 0, 1, LEVELS))
		self.assertIsNone(check_fits("三等奖", 500, 250, LEVELS))

	def test_unknown_level(self):
		self.assertEqual(
			check_fits("特等奖", 0, 1, LEVELS),
			"奖项等级“特等奖”不是本届大赛设置的奖项（可选：一等奖、二等奖、三等奖）",
		)

	def test_counts_must_be_non_negative_integers(self):
		for current, adding in ((-1, 1), (0, -1), (1.5, 1), (True, 1)):
			with self.subTest(current=current, adding=adding), self.assertRaises(ValueError):
				check_fits("一等奖", current, adding, LEVELS)


class TestPreview(unittest.TestCase):
	def test_batch_within_quotas(self):
		proposed = {"P1": "一等奖", "P2": "一等奖", "P3": "二等奖", "P4": "三等奖", "P5": None, "P6": ""}
		result = preview(proposed, {}, LEVELS)
		self.assertTrue(result.ok)
		self.assertEqual(result.problems, [])
		self.assertEqual(list(result.levels), ["一等奖", "二等奖", "三等奖"])
		self.assertEqual(
			result.levels["一等奖"],
			{"quota": 2, "unlimited": False, "already": 0, "proposed": 2, "total": 2, "over_by": 0},
		)
		self.assertEqual(result.levels["二等奖"]["proposed"], 1)
		self.assertEqual(
			result.levels["三等奖"],
			{"quota": None, "unlimited": True, "already": 0, "proposed": 1, "total": 1, "over_by": 0},
		)

	def test_three_first_prizes_are_one_too_many(self):
		result = preview({"P1": "一等奖", "P2": "一等奖", "P3": "一等奖"}, {}, LEVELS)
		self.assertFalse(result.ok)
		self.assertEqual(result.levels["一等奖"]["over_by"], 1)
		self.assertEqual(result.problems, ["一等奖名额为2名，本次拟授予3名，超出1名"])

	def test_already_awarded_count_towards_the_quota(self):
		proposed = {f"P{i}": "二等奖" for i in range(5)}
		result = preview(proposed, {"二等奖": 4, "一等奖": 1}, LEVELS)
		second = result.levels["二等奖"]
		self.assertEqual(
			(second["already"], second["proposed"], second["total"], second["over_by"]), (4, 5, 9, 3)
		)
		self.assertEqual(result.problems, ["二等奖名额为6名，已授予4名，本次拟授予5名，合计9名，超出3名"])
		self.assertEqual(result.levels["一等奖"]["total"], 1)

	def test_over_quota_before_the_batch_is_reported(self):
		result = preview({}, {"一等奖": 3}, LEVELS)
		self.assertEqual(result.problems, ["一等奖名额为2名，已授予3名，超出1名"])

	def test_many_third_prizes_fit(self):
		proposed = {f"P{i:03d}": "三等奖" for i in range(120)}
		result = preview(proposed, {"三等奖": 30}, LEVELS)
		self.assertTrue(result.ok)
		self.assertEqual(result.levels["三等奖"]["total"], 150)
		self.assertEqual(result.levels["三等奖"]["over_by"], 0)

	def test_every_level_over_its_quota_is_reported(self):
		proposed = {f"A{i}": "一等奖" for i in range(4)} | {f"B{i}": "二等奖" for i in range(8)}
		result = preview(proposed, {}, LEVELS)
		self.assertEqual(
			result.problems,
			["一等奖名额为2名，本次拟授予4名，超出2名", "二等奖名额为6名，本次拟授予8名，超出2名"],
		)

	def test_unknown_level_names_its_projects(self):
		result = preview({"P1": "特等奖", "P2": "一等奖", "P3": "特等奖"}, {}, LEVELS)
		self.assertEqual(
			result.problems,
			["奖项等级“特等奖”不是本届大赛设置的奖项（可选：一等奖、二等奖、三等奖），涉及项目：P1、P3"],
		)
		self.assertNotIn("特等奖", result.levels)
		self.assertEqual(result.levels["一等奖"]["proposed"], 1)

	def test_unknown_level_among_existing_awards(self):
		result = preview({}, {"优秀奖": 2, "鼓励奖": 0}, LEVELS)
		self.assertEqual(
			result.problems,
			["已授予的奖项等级“优秀奖”不是本届大赛设置的奖项（可选：一等奖、二等奖、三等奖）"],
		)

	def test_negative_existing_count_is_refused(self):
		with self.assertRaises(ValueError):
			preview({}, {"一等奖": -1}, LEVELS)

	def test_quota_follows_the_edition_data(self):
		levels = [
			{"award_level": "一等奖", "rank": 1, "quota": 3, "is_unlimited": 0},
			{"award_level": "优秀奖", "rank": 2, "quota": 0, "is_unlimited": 1},
		]
		result = preview({"P1": "一等奖", "P2": "一等奖", "P3": "一等奖"}, {}, levels)
		self.assertTrue(result.ok)
		self.assertEqual(check_fits("一等奖", 3, 1, levels), "一等奖名额为3名，已授予3名，再授予1名将超出1名")
