import unittest
from datetime import datetime, timezone

from smart_city_contest.rules.deadlines import (
	application_window_problem,
	effective_recommendation_deadline,
	now_in,
	recommendation_window_problem,
)

START = datetime(2021, 11, 18, 0, 0, 0)
END = datetime(2021, 12, 15, 23, 59, 59)


class TestApplicationWindow(unittest.TestCase):
	def test_open_from_the_first_second_to_the_last(self):
		self.assertIsNone(application_window_problem(START, END, START))
		self.assertIsNone(application_window_problem(START, END, END))

	def test_one_second_late_is_refused(self):
		problem = application_window_problem(START, END, datetime(2021, 12, 16, 0, 0, 0))
		self.assertEqual(problem, "申报已于 2021-12-15 23:59 截止，逾期不再受理")

	def test_before_the_start_is_refused(self):
		self.assertIn("申报尚未开始", application_window_problem(START, END, datetime(2021, 11, 17, 23, 59, 59)))


class TestRecommendationDeadline(unittest.TestCase):
	def test_end_of_deadline_day_is_still_open(self):
		self.assertIsNone(recommendation_window_problem(START, END, None, END))

	def test_after_the_deadline_day_is_closed(self):
		problem = recommendation_window_problem(START, END, None, datetime(2021, 12, 16, 0, 0, 1))
		self.assertEqual(problem, "区县推荐已于 2021-12-15 23:59 截止，逾期不再受理")

	def test_an_extension_moves_the_deadline_and_says_so(self):
		extended = datetime(2021, 12, 20, 23, 59, 59)
		self.assertIsNone(recommendation_window_problem(START, END, extended, datetime(2021, 12, 18)))
		problem = recommendation_window_problem(START, END, extended, datetime(2021, 12, 21))
		self.assertIn("2021-12-20 23:59（含延期）", problem)

	def test_an_earlier_extension_never_shortens_the_deadline(self):
		self.assertEqual(effective_recommendation_deadline(END, datetime(2021, 12, 1)), END)


class TestServerClockInTheEditionsZone(unittest.TestCase):
	def test_utc_is_converted_to_shanghai(self):
		# 15:59:59 UTC is 23:59:59 in Shanghai (UTC+8): still the deadline day there.
		self.assertEqual(
			now_in("Asia/Shanghai", datetime(2021, 12, 15, 15, 59, 59, tzinfo=timezone.utc)), END
		)
		self.assertEqual(
			now_in("Asia/Shanghai", datetime(2021, 12, 15, 16, 0, 0, tzinfo=timezone.utc)),
			datetime(2021, 12, 16, 0, 0, 0),
		)
