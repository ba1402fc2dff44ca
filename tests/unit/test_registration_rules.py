import unittest
from datetime import datetime

from smart_city_contest.rules.registration import mobile_problem, registration_closed_problem

END = datetime(2026, 12, 30, 17, 0)


class TestMobile(unittest.TestCase):
	def test_mainland_mobiles_pass(self):
		for number in ("13800000000", "19912345678", "138 0000 0000", "138-0000-0000"):
			self.assertIsNone(mobile_problem(number), number)

	def test_everything_else_is_named(self):
		self.assertEqual(mobile_problem(""), "不能为空")
		for number in ("12345678901", "1380000000", "138000000001", "0531-88888888", "1380000000a"):
			self.assertIn("不是有效的手机号", mobile_problem(number), number)


class TestRegistrationWindow(unittest.TestCase):
	def test_open_until_the_application_ends(self):
		self.assertIsNone(registration_closed_problem(True, END, datetime(2026, 12, 30, 16, 59)))

	def test_closed_at_the_application_end(self):
		self.assertIn("2026-12-30 17:00截止", registration_closed_problem(True, END, END))

	def test_switched_off_by_the_city(self):
		self.assertIn("未开放自主注册", registration_closed_problem(False, END, datetime(2026, 1, 1)))


if __name__ == "__main__":
	unittest.main()
