import frappe

from smart_city_contest.errors import InvalidUscc

from ..factories import random_uscc
from . import ContestTestCase


class TestParticipantUnit(ContestTestCase):
	def test_a_wrong_check_digit_is_refused_naming_the_field_and_the_digit(self):
		valid = random_uscc()
		wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
		with self.assertRaises(InvalidUscc) as refused:
			self.make_unit(uscc=wrong)
		message = str(refused.exception)
		self.assertIn("“统一社会信用代码”", message)
		self.assertIn(f"应为“{valid[-1]}”", message)
		self.assertFalse(frappe.db.exists("Participant Unit", {"uscc": wrong}))

	def test_the_code_is_stored_normalised(self):
		code = random_uscc()
		unit = self.make_unit(uscc=f" {code.lower()} ")
		self.assertEqual(frappe.db.get_value("Participant Unit", unit.name, "uscc"), code)

	def test_one_code_registers_one_unit(self):
		first = self.make_unit()
		with self.assertRaises(frappe.DuplicateEntryError) as refused:
			self.make_unit(uscc=first.uscc)
		self.assertIn(f"已由参赛单位“{first.unit_name}”登记", str(refused.exception))
