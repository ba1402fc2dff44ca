import unittest
from datetime import datetime

from smart_city_contest.rules.edition_windows import window_order_problems

PLAN_2021 = {
	"application_start": datetime(2021, 11, 18),
	"application_end": datetime(2021, 12, 15, 23, 59, 59),
	"recommendation_deadline": datetime(2021, 12, 15, 23, 59, 59),
	"review_start": datetime(2021, 12, 16),
	"review_end": datetime(2022, 1, 20, 23, 59, 59),
	"notice_start": datetime(2022, 1, 21),
	"notice_end": datetime(2022, 2, 28, 23, 59, 59),
}


class TestEditionWindows(unittest.TestCase):
	def test_the_plan_of_2021_is_in_order(self):
		self.assertEqual(window_order_problems(PLAN_2021), [])

	def test_deadline_before_application_end_is_refused(self):
		values = dict(PLAN_2021, recommendation_deadline=datetime(2021, 12, 1))
		[(field, message)] = window_order_problems(values)
		self.assertEqual(field, "recommendation_deadline")
		self.assertIn("区县推荐截止时间须不早于申报截止时间", message)

	def test_empty_window_is_refused(self):
		values = dict(PLAN_2021, notice_end=PLAN_2021["notice_start"])
		self.assertEqual([f for f, _m in window_order_problems(values)], ["notice_end"])

	def test_missing_values_are_left_to_the_mandatory_check(self):
		self.assertEqual(window_order_problems({"application_start": datetime(2021, 1, 1)}), [])
