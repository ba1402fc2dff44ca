import random
import time
import unittest
from decimal import Decimal

from smart_city_contest.rules.review_statistics import (
	STATISTICS,
	TRIM_MIN_REVIEWS,
	TRIM_RULE,
	disagreement_rule,
	rank_projects,
	review_statistics,
)


class TestReviewStatistics(unittest.TestCase):
	def test_hand_computed_five_reviews(self):
		stats = review_statistics([90, 85, 70, 88, 60])
		self.assertEqual(stats.count, 5)
		# (90 + 85 + 70 + 88 + 60) / 5 = 393 / 5
		self.assertEqual(stats.mean, 78.6)
		# sorted 60, 70, 85, 88, 90
		self.assertEqual(stats.median, 85.0)
		# drop 90 and 60: (85 + 70 + 88) / 3 = 243 / 3
		self.assertEqual(stats.trimmed_mean, 81.0)
		self.assertTrue(stats.trimmed)
		# deviations from 78.6: 11.4, 6.4, −8.6, 9.4, −18.6; squares 129.96 + 40.96 + 73.96 + 88.36
		# + 345.96 = 679.2; sample variance 679.2 / (5 − 1) = 169.8; √169.8 = 13.0307… → 13.03
		self.assertEqual(stats.stdev, 13.03)
		self.assertEqual((stats.minimum, stats.maximum, stats.spread), (60.0, 90.0, 30.0))

	def test_four_reviews_are_not_trimmed(self):
		stats = review_statistics([90, 85, 70, 88])
		self.assertEqual(stats.mean, 83.25)
		self.assertEqual(stats.trimmed_mean, stats.mean)
		self.assertFalse(stats.trimmed)
		# even count: (85 + 88) / 2
		self.assertEqual(stats.median, 86.5)

	def test_trimming_starts_at_five(self):
		self.assertEqual(TRIM_MIN_REVIEWS, 5)
		self.assertFalse(review_statistics([50, 60, 70, 100]).trimmed)
		self.assertTrue(review_statistics([50, 60, 70, 80, 100]).trimmed)

	def test_exactly_one_highest_and_one_lowest_are_dropped(self):
		# Tied extremes: one 95 and one 60 go, the other 95 and 60 stay: (95 + 80 + 60) / 3 = 78.333…
		stats = review_statistics([95, 95, 80, 60, 60])
		self.assertEqual(stats.trimmed_mean, 78.33)
		self.assertEqual(stats.mean, 78.0)

	def test_seven_reviews(self):
		stats = review_statistics([81.5, 79, 92.25, 60, 85, 88, 74])
		# drop 92.25 and 60: (81.5 + 79 + 85 + 88 + 74) / 5 = 407.5 / 5
		self.assertEqual(stats.trimmed_mean, 81.5)
		# 559.75 / 7 = 79.964… → 79.96
		self.assertEqual(stats.mean, 79.96)
		self.assertEqual(stats.median, 81.5)

	def test_single_review_has_zero_stdev(self):
		stats = review_statistics([77.5])
		self.assertEqual(
			(stats.count, stats.mean, stats.median, stats.trimmed_mean, stats.stdev, stats.spread),
			(1, 77.5, 77.5, 77.5, 0.0, 0.0),
		)

	def test_two_reviews_sample_stdev(self):
		# mean 85, squares 25 + 25, / (2 − 1) = 50, √50 = 7.0710… (population stdev would be 5)
		self.assertEqual(review_statistics([80, 90]).stdev, 7.07)

	def test_no_review(self):
		stats = review_statistics([])
		self.assertEqual(stats.count, 0)
		self.assertIsNone(stats.mean)
		self.assertIsNone(stats.trimmed_mean)
		self.assertFalse(stats.disagreement)

	def test_means_round_half_up(self):
		# (78.61 + 78.62) / 2 = 78.615 exactly → 78.62; round(78.615, 2) gives 78.61
		self.assertEqual(review_statistics([78.61, 78.62]).mean, 78.62)
		self.assertEqual(review_statistics([Decimal("0.01"), Decimal("0.02")]).median, 0.02)

	def test_disagreement_is_the_range_strictly_over_the_threshold(self):
		totals = [90, 85, 70, 88, 60]  # range 30
		self.assertTrue(review_statistics(totals, 29.99).disagreement)
		self.assertFalse(review_statistics(totals, 30).disagreement)
		self.assertFalse(review_statistics(totals).disagreement)
		self.assertFalse(review_statistics([40], 0).disagreement)

	def test_bad_input_is_refused(self):
		with self.assertRaises(ValueError):
			review_statistics([80, "90"])
		with self.assertRaises(ValueError):
			review_statistics([80, float("nan")])
		with self.assertRaises(ValueError):
			review_statistics([80], -1)

	def test_rule_sentences(self):
		self.assertEqual(
			TRIM_RULE, "评审意见数不少于5份时，去掉一个最高分和一个最低分后取平均；少于5份时取全部平均"
		)
		self.assertEqual(disagreement_rule(15), "同一项目最高分与最低分之差超过15分时，标记为评分分歧")
		self.assertEqual(disagreement_rule(12.5), "同一项目最高分与最低分之差超过12.5分时，标记为评分分歧")


class TestRankProjects(unittest.TestCase):
	def test_ranks_by_trimmed_mean_by_default(self):
		rows = [
			{"project": "P-A", "totals": [90, 85, 70, 88, 60]},  # trimmed 81.0, mean 78.6
			{"project": "P-B", "totals": [80, 80, 80, 80, 80]},  # trimmed 80.0, mean 80.0
			{"project": "P-C", "totals": [95, 50, 82, 82, 82]},  # trimmed 82.0, mean 78.2
		]
		ranked = rank_projects(rows)
		self.assertEqual([r.project for r in ranked], ["P-C", "P-A", "P-B"])
		self.assertEqual([r.rank for r in ranked], [1, 2, 3])
		self.assertEqual([r.score for r in ranked], [82.0, 81.0, 80.0])

	def test_statistic_changes_the_order(self):
		rows = [("outlier", [90, 90, 90, 90, 40]), ("steady", [85, 85, 85, 85, 85])]
		# outlier: trimmed 90, median 90, mean 80; steady: 85 for all three
		self.assertEqual(rank_projects(rows, "trimmed_mean")[0].project, "outlier")
		self.assertEqual(rank_projects(rows, "median")[0].project, "outlier")
		self.assertEqual(rank_projects(rows, "mean")[0].project, "steady")

	def test_ties_share_a_rank_and_the_next_rank_skips(self):
		rows = [
			("P-3", [70, 80]),
			("P-2", [80, 70]),  # same statistic, mean and count as P-3
			("P-1", [60, 60]),
			("P-0", [90, 90]),
		]
		ranked = rank_projects(rows, "mean")
		self.assertEqual(
			[(r.project, r.rank) for r in ranked], [("P-0", 1), ("P-2", 2), ("P-3", 2), ("P-1", 4)]
		)

	def test_competition_ranking_1_1_3(self):
		ranked = rank_projects([("b", [88]), ("a", [88]), ("c", [70])], "mean")
		self.assertEqual([r.rank for r in ranked], [1, 1, 3])
		self.assertEqual([r.project for r in ranked], ["a", "b", "c"])

	def test_equal_statistic_is_broken_by_the_mean(self):
		rows = [
			("low-mean", [90, 80, 80, 80, 40]),  # trimmed 80, mean 74
			("high-mean", [95, 80, 80, 80, 70]),  # trimmed 80, mean 81
		]
		ranked = rank_projects(rows)
		self.assertEqual([(r.project, r.rank) for r in ranked], [("high-mean", 1), ("low-mean", 2)])

	def test_then_by_number_of_reviews(self):
		rows = [("three", [80, 80, 80]), ("two", [80, 80]), ("four", [80, 80, 80, 80])]
		ranked = rank_projects(rows, "median")
		self.assertEqual([(r.project, r.rank) for r in ranked], [("four", 1), ("three", 2), ("two", 3)])

	def test_ranking_uses_the_published_two_decimal_figures(self):
		# 80.001 and 80.004 both show as 80.00: tied on the figure, the same rank, ordered by id.
		ranked = rank_projects([("Q", [80.004]), ("P", [80.001])], "mean")
		self.assertEqual([(r.project, r.rank, r.score) for r in ranked], [("P", 1, 80.0), ("Q", 1, 80.0)])

	def test_projects_without_reviews_come_last_unranked(self):
		ranked = rank_projects([("Z", []), ("A", []), ("M", [60])])
		self.assertEqual([(r.project, r.rank) for r in ranked], [("M", 1), ("A", None), ("Z", None)])
		self.assertIsNone(ranked[1].score)

	def test_statistics_and_rows_travel_with_the_ranking(self):
		row = {"project": "P-1", "totals": [90, 85, 70, 88, 60], "title": "智慧停车"}
		(ranked,) = rank_projects([row], disagreement_threshold=20)
		self.assertIs(ranked.row, row)
		self.assertEqual(ranked.statistics, review_statistics(row["totals"], 20))
		self.assertTrue(ranked.statistics.disagreement)

	def test_deterministic_whatever_the_input_order(self):
		rng = random.Random(7)
		rows = [(f"P{i:03d}", [rng.choice([60, 70, 80, 90]) for _ in range(3)]) for i in range(200)]
		expected = [(r.project, r.rank) for r in rank_projects(rows)]
		for _ in range(3):
			rng.shuffle(rows)
			self.assertEqual([(r.project, r.rank) for r in rank_projects(rows)], expected)

	def test_ranks_are_consistent_with_the_order(self):
		rng = random.Random(11)
		rows = [
			{"project": f"P{i:03d}", "totals": [rng.randint(55, 95) for _ in range(rng.randint(3, 7))],
			 "calibrated": rng.choice([70.5, 80.25, 90.0])}
			for i in range(300)
		]
		for statistic in STATISTICS:
			ranked = rank_projects(rows, statistic)
			for position, (earlier, later) in enumerate(zip(ranked, ranked[1:], strict=False), start=2):
				self.assertGreaterEqual(earlier.score, later.score)
				tied = (earlier.score, earlier.statistics.mean, earlier.statistics.count) == (
					later.score,
					later.statistics.mean,
					later.statistics.count,
				)
				self.assertEqual(later.rank, earlier.rank if tied else position)

	def test_bad_arguments_are_refused(self):
		with self.assertRaises(ValueError):
			rank_projects([("A", [80])], "max")
		with self.assertRaises(ValueError):
			rank_projects([("A", [80]), ("A", [70])])
		with self.assertRaises(ValueError):  # the calibrated ranking needs each project's calibrated score
			rank_projects([("A", [80])], "calibrated")

	def test_thousand_projects_of_seven_reviews_are_fast(self):
		rng = random.Random(2021)
		rows = [
			{"project": f"P{i:04d}", "totals": [round(rng.uniform(50, 100), 2) for _ in range(7)]}
			for i in range(1000)
		]
		started = time.perf_counter()
		ranked = rank_projects(rows)
		elapsed = time.perf_counter() - started
		self.assertEqual(len(ranked), 1000)
		self.assertEqual(ranked[0].rank, 1)
		self.assertLess(elapsed, 1.0)
