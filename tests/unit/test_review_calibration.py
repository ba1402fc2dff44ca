"""The calibrated score (rules/review_calibration.py), on numbers checked by hand."""

import random
import time
import unittest

from smart_city_contest.rules.review_calibration import CALIBRATION_RULE, MIN_REVIEWS, calibrate
from smart_city_contest.rules.review_statistics import rank_projects

# A harsh expert A (60, 70, 80: mean 70, sample stdev 10) and a lenient expert B (80, 90, 100: mean 90,
# stdev 10) review the same three projects. The edition's six totals 60 70 80 80 90 100 have mean 80 and
# sample stdev √((400 + 100 + 0 + 0 + 100 + 400) / 5) = √200 = 14.1421…
HARSH_AND_LENIENT = [
	("P1", "A", 80), ("P1", "B", 80),  # z: A +1, B −1 → 94.1421…, 65.8578… → mean 80
	("P2", "A", 70), ("P2", "B", 100),  # z: A 0, B +1 → 80, 94.1421… → mean 87.0710… → 87.07
	("P3", "A", 60), ("P3", "B", 90),  # z: A −1, B 0 → 65.8578…, 80 → mean 72.9289… → 72.93
]


class TestCalibration(unittest.TestCase):
	def test_harsh_and_lenient_experts_hand_computed(self):
		c = calibrate(HARSH_AND_LENIENT)
		self.assertEqual((c.mean, c.stdev), (80.0, 14.14))
		a, b = c.experts["A"], c.experts["B"]
		self.assertEqual((a.count, a.mean, a.stdev, a.offset, a.calibrated), (3, 70.0, 10.0, -10.0, True))
		self.assertEqual((b.count, b.mean, b.stdev, b.offset, b.calibrated), (3, 90.0, 10.0, 10.0, True))
		self.assertEqual(c.reviews[("P1", "A")], 94.14)
		self.assertEqual(c.reviews[("P1", "B")], 65.86)
		self.assertEqual(c.projects, {"P1": 80.0, "P2": 87.07, "P3": 72.93})

	def test_the_calibrated_ranking_can_differ_from_the_plain_one(self):
		# P4 drew only the lenient B (95) and P5 only the harsh A (75). Now A: 60 70 80 75 (mean 71.25) and
		# B: 80 90 100 95 (mean 91.25), both with sample stdev √(218.75 / 3) = 8.539…; both reviews are
		# 3.75 above their expert's mean, z = 0.439…, so P4 and P5 get the same calibrated score (as does P2,
		# whose z are −0.146… and +1.025…). Plain means: P4 95, P2 85, P1 80, P3 75 (2 reviews), P5 75.
		reviews = HARSH_AND_LENIENT + [("P4", "B", 95), ("P5", "A", 75)]
		c = calibrate(reviews)
		self.assertEqual(c.projects["P4"], c.projects["P5"])
		self.assertEqual(c.projects["P2"], c.projects["P5"])
		totals = {}
		for project, _expert, total in reviews:
			totals.setdefault(project, []).append(total)
		rows = [{"project": p, "totals": t, "calibrated": c.projects[p]} for p, t in totals.items()]
		plain = {r.project: r.rank for r in rank_projects(rows, "mean")}
		calibrated = {r.project: r.rank for r in rank_projects(rows, "calibrated")}
		self.assertEqual(plain, {"P4": 1, "P2": 2, "P1": 3, "P3": 4, "P5": 5})
		# calibrated: P4, P2, P5 share the score, the plain mean orders them; then P1, then P3
		self.assertEqual(calibrated, {"P4": 1, "P2": 2, "P5": 3, "P1": 4, "P3": 5})

	def test_an_expert_with_one_review_keeps_his_total(self):
		c = calibrate(HARSH_AND_LENIENT + [("P4", "C", 50)])
		self.assertFalse(c.experts["C"].calibrated)
		self.assertEqual(c.experts["C"].count, 1)
		self.assertEqual(c.reviews[("P4", "C")], 50.0)
		self.assertEqual(c.projects["P4"], 50.0)
		self.assertLess(MIN_REVIEWS, 4)

	def test_an_expert_who_gives_everyone_the_same_total_counts_as_the_edition_mean(self):
		reviews = HARSH_AND_LENIENT + [("P1", "D", 85), ("P2", "D", 85), ("P3", "D", 85)]
		c = calibrate(reviews)
		# nine totals: 60 70 80 80 90 100 85 85 85 → sum 735, mean 81.666… → 81.67
		self.assertEqual(c.mean, 81.67)
		self.assertEqual((c.experts["D"].stdev, c.experts["D"].calibrated), (0.0, True))
		for project in ("P1", "P2", "P3"):
			self.assertEqual(c.reviews[(project, "D")], 81.67)

	def test_limited_to_the_hundred_point_scale(self):
		# E: 0, 0, 100 (mean 33.3, stdev 57.7); the 100 is z = 1.1547; edition of 60..100 and E's totals
		reviews = HARSH_AND_LENIENT + [("P1", "E", 0), ("P2", "E", 0), ("P3", "E", 100)]
		c = calibrate(reviews)
		self.assertTrue(all(0 <= v <= 100 for v in c.reviews.values()))

	def test_nothing_to_calibrate(self):
		self.assertEqual(calibrate([]).projects, {})
		same = calibrate([("P1", "A", 80), ("P2", "A", 80), ("P3", "A", 80)])
		self.assertEqual(same.projects, {"P1": 80.0, "P2": 80.0, "P3": 80.0})
		self.assertFalse(same.experts["A"].calibrated)  # the edition itself has no spread

	def test_bad_input_is_refused(self):
		with self.assertRaises(ValueError):
			calibrate([("P1", "A", "85")])
		with self.assertRaises(ValueError):
			calibrate([("P1", "A", 80), ("P1", "A", 70)])

	def test_the_rule_is_stated_in_chinese(self):
		self.assertIn("标准分", CALIBRATION_RULE)
		self.assertIn(f"少于{MIN_REVIEWS}份", CALIBRATION_RULE)

	def test_thousand_projects_of_seven_reviews_within_a_second(self):
		rng = random.Random(16)
		experts = [f"E{k:02d}" for k in range(60)]
		bias = {e: rng.uniform(-10, 10) for e in experts}
		reviews = [
			(f"P{i:04d}", e, round(min(100, max(0, rng.gauss(75, 8) + bias[e])), 1))
			for i in range(1000)
			for e in rng.sample(experts, 7)
		]
		started = time.perf_counter()
		c = calibrate(reviews)
		elapsed = time.perf_counter() - started
		self.assertEqual(len(c.projects), 1000)
		self.assertLess(elapsed, 1.0)
