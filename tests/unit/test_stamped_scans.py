"""The stamped scans are one PDF each (rules/upload_limits.py), judged by name and first bytes."""

import unittest

from smart_city_contest.rules import upload_limits


class TestStampedScans(unittest.TestCase):
	def test_a_pdf_by_name_and_bytes_passes(self):
		self.assertIsNone(upload_limits.pdf_problem("申报书（盖章）.pdf", b"%PDF-1.7\n..."))
		self.assertIsNone(upload_limits.pdf_problem("/private/files/SCAN.PDF", b"\n%PDF-1.4"))

	def test_anything_else_is_refused(self):
		for name, head in (("scan.png", b"\x89PNG\r\n"), ("scan.pdf", b"\x89PNG\r\n"), ("scan.jpg", b"%PDF-1.4"),
			("scan.pdf", b""), ("", b"%PDF-1.4")):
			self.assertEqual(upload_limits.pdf_problem(name, head), "盖章扫描件只能上传 PDF 文件", (name, head))

	def test_the_stamped_fields_are_the_pdf_only_ones(self):
		self.assertEqual(upload_limits.PDF_ONLY_FIELDS, {
			("Contest Project", "stamped_application"), ("District Recommendation", "stamped_summary"),
		})
