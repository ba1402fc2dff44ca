import unittest

from smart_city_contest.rules.text_limits import (
	PROJECT_SUMMARY_MAX,
	UNIT_PROFILE_MAX,
	counted_length,
	over_limit,
)


class TestTextLimits(unittest.TestCase):
	def test_limits_are_the_official_ones(self):
		self.assertEqual(UNIT_PROFILE_MAX, 200)
		self.assertEqual(PROJECT_SUMMARY_MAX, 800)

	def test_chinese_characters_count_one_each(self):
		self.assertEqual(counted_length("智慧泉城"), 4)

	def test_whitespace_and_tags_do_not_count(self):
		self.assertEqual(counted_length("<p>智慧\n泉城</p>  "), 4)
		self.assertEqual(counted_length(None), 0)

	def test_exactly_at_the_limit_is_allowed(self):
		self.assertIsNone(over_limit("字" * 200, 200))

	def test_one_over_the_limit_reports_the_excess(self):
		self.assertEqual(over_limit("字" * 201, 200), "限200字，当前201字，超出1字")
