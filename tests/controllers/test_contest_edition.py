import frappe

from ..factories import edition_payload
from . import ContestTestCase


class TestContestEdition(ContestTestCase):
	def new_edition(self, **overrides):
		title = f"测试届次{frappe.generate_hash(length=6)}"
		return frappe.get_doc(dict(edition_payload(title), doctype="Contest Edition", **overrides))

	def test_an_award_level_twice_is_refused_naming_the_row(self):
		levels = [{"award_level": "一等奖", "rank": 1, "quota": 2}, {"award_level": "一等奖", "rank": 2, "quota": 6}]
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_edition(award_levels=levels).insert()
		self.assertIn("奖项与名额第2行", str(refused.exception))
		self.assertIn("“一等奖”重复", str(refused.exception))

	def test_an_unlimited_level_keeps_no_quota_and_a_limited_one_needs_one(self):
		edition = self.new_edition().insert()
		self.assertEqual([(r.award_level, r.quota) for r in edition.award_levels if r.is_unlimited], [("三等奖", 0)])
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_edition(award_levels=[{"award_level": "一等奖", "rank": 1, "quota": 0}]).insert()
		self.assertIn("须为正整数，或勾选“名额不限（若干）”", str(refused.exception))

	def test_the_weights_add_up_to_a_hundred(self):
		dimensions = [{"dimension": "项目基本情况", "weight": 30, "max_score": 100},
			{"dimension": "项目建设成效", "weight": 30, "max_score": 100}]
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_edition(scoring_dimensions=dimensions).insert()
		self.assertIn("权重合计须为100%，当前为60.0%", str(refused.exception))

	def test_results_are_published_only_by_publishing_them(self):
		edition = self.new_edition().insert()
		edition.results_published = 1
		with self.assertRaises(frappe.ValidationError) as refused:
			edition.save()
		self.assertIn("由“公布结果”设置，不能直接修改", str(refused.exception))
