import unittest

from smart_city_contest.rules.uscc import normalise, uscc_problem, with_check_digit

# A real-world-shaped code: 91 (工商, 企业) + 370102 (历下区) + organisation code + check digit.
VALID = with_check_digit("91370102MA3C4D5E6")


class TestUscc(unittest.TestCase):
	def test_valid_code_has_no_problem(self):
		self.assertEqual(len(VALID), 18)
		self.assertIsNone(uscc_problem(VALID))

	def test_check_digit_matches_an_independent_computation(self):
		# GB 32100-2015: check = 31 - (Σ value×weight mod 31), computed here without stdnum.
		weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
		alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
		body = "91370100163040478"
		check = alphabet[(31 - sum(alphabet.index(c) * w for c, w in zip(body, weights, strict=False)) % 31) % 31]
		self.assertIsNone(uscc_problem(body + check))

	def test_blanks_dashes_and_lower_case_are_normalised(self):
		spaced = f" {VALID[:6]}-{VALID[6:]} ".lower()
		self.assertEqual(normalise(spaced), VALID)
		self.assertIsNone(uscc_problem(spaced))

	def test_wrong_length_says_expected_and_actual(self):
		problem = uscc_problem(VALID[:17])
		self.assertEqual(problem.code, "length")
		self.assertIn("应为18位", problem.message)
		self.assertIn("实际为17位", problem.message)

	def test_empty_is_a_length_problem(self):
		self.assertEqual(uscc_problem("").code, "length")
		self.assertEqual(uscc_problem(None).code, "length")

	def test_forbidden_letter_is_named(self):
		# I, O, Z, S and V are not in the GB 32100-2015 alphabet.
		bad = VALID[:10] + "O" + VALID[11:]
		problem = uscc_problem(bad)
		self.assertEqual(problem.code, "characters")
		self.assertIn("“O”", problem.message)

	def test_letter_in_the_first_eight_is_refused(self):
		problem = uscc_problem("9A" + VALID[2:])
		self.assertEqual(problem.code, "characters")
		self.assertIn("前8位须为数字", problem.message)

	def test_wrong_check_digit_names_the_expected_one(self):
		wrong = "0" if VALID[-1] != "0" else "1"
		problem = uscc_problem(VALID[:-1] + wrong)
		self.assertEqual(problem.code, "check_digit")
		self.assertIn("校验位", problem.message)
		self.assertIn(f"应为“{VALID[-1]}”", problem.message)
		self.assertIn(f"实际为“{wrong}”", problem.message)
