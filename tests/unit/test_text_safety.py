import time
import unittest

from smart_city_contest.documents.attachments import RenderTimeout, check_deadline
from smart_city_contest.rules import upload_limits
from smart_city_contest.rules.text_safety import is_formula, markup_problem


class TestMarkup(unittest.TestCase):
	def test_tags_comments_and_script_urls_are_refused(self):
		for value in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "名称</title><svg onload=x>",
				'{"a": "<iframe src=//evil>"}', "<!-- x -->", "<?xml version='1.0'?>",
				"javascript:alert(1)", "JaVaScRiPt:alert(1)", "&lt;script&gt;", "&#60;img&#62;"):
			with self.subTest(value=value):
				self.assertIsNotNone(markup_problem(value))

	def test_plain_text_with_angle_brackets_or_ampersands_passes(self):
		for value in ("负债率<70%", "a < b 且 c > d", "研发投入≥5%", "A&B公司", "3<4", "", None, 12):
			with self.subTest(value=value):
				self.assertIsNone(markup_problem(value))

	def test_the_message_quotes_what_was_found(self):
		self.assertIn("<img", markup_problem("项目<img src=x>"))


class TestFormula(unittest.TestCase):
	def test_formula_starts(self):
		for value in ("=1+1", '=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "＝1+1"):
			with self.subTest(value=value):
				self.assertTrue(is_formula(value))

	def test_numbers_and_text_are_not_formulas(self):
		for value in ("-5", "+3.2", "-12%", "济南", "13800000000", "", None, 5):
			with self.subTest(value=value):
				self.assertFalse(is_formula(value))


class TestUploadLimits(unittest.TestCase):
	def test_site_file_urls(self):
		self.assertIsNone(upload_limits.site_file_url_problem("/private/files/证明材料.pdf"))
		self.assertIsNone(upload_limits.site_file_url_problem("/files/a.png"))
		for url in ("http://x/a.pdf", "//x/a.pdf", "file:///etc/passwd"):
			self.assertIn("外部链接", upload_limits.site_file_url_problem(url))
		for url in ("/private/files/../site_config.json", "/private/files/a/b.pdf", "/etc/passwd",
				"/private/files/a.pdf?x=1", "private/files/a.pdf", "/private/files/a\\b.pdf"):
			self.assertIn("无效", upload_limits.site_file_url_problem(url), url)

	def test_size_count_pages(self):
		self.assertIsNone(upload_limits.size_problem(upload_limits.MAX_ATTACHMENT_BYTES))
		self.assertIn("20 MB", upload_limits.size_problem(upload_limits.MAX_ATTACHMENT_BYTES + 1))
		self.assertIsNone(upload_limits.count_problem(upload_limits.MAX_ATTACHMENTS_PER_DOCUMENT - 1))
		self.assertIn("上限", upload_limits.count_problem(upload_limits.MAX_ATTACHMENTS_PER_DOCUMENT))
		self.assertIsNone(upload_limits.pages_problem(upload_limits.MAX_BOUND_PAGES))
		self.assertIn("301 页", upload_limits.pages_problem(301))

	def test_a_render_past_its_deadline_stops(self):
		check_deadline(None)
		check_deadline(time.monotonic() + 10)
		with self.assertRaises(RenderTimeout):
			check_deadline(time.monotonic() - 1)
