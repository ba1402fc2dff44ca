import unittest
from datetime import date, datetime

from smart_city_contest.documents.certificate import cn_upper_date
from smart_city_contest.rules import final_results as fr
from smart_city_contest.rules.award_follow_up import follow_up_problems
from smart_city_contest.rules.project_workflow import AWARDED, NOT_AWARDED

LEVELS = ("一等奖", "二等奖", "三等奖")


def decide(decision, reason="经核查属实", new_level=None, state=AWARDED, level="二等奖", decided=False, published=False):
	return fr.decision_problem(decision, reason, new_level, state, level, LEVELS, decided, published)


class TestObjectionDecision(unittest.TestCase):
	def test_the_three_decisions(self):
		self.assertIsNone(decide(fr.UPHOLD))
		self.assertIsNone(decide(fr.REVOKE))
		self.assertIsNone(decide(fr.CHANGE_LEVEL, new_level="三等奖"))

	def test_a_reason_is_required(self):
		self.assertEqual(decide(fr.UPHOLD, reason="  "), "请填写“决定理由”")
		self.assertIn("限2000字", decide(fr.REVOKE, reason="理" * 2001))

	def test_unknown_decision(self):
		self.assertIn("须为维持、撤销奖项、调整等次之一", decide("驳回"))

	def test_change_needs_a_known_different_level(self):
		self.assertEqual(decide(fr.CHANGE_LEVEL), "“调整等次”须填写“调整后等次”")
		self.assertIn("不是本届大赛设置的奖项", decide(fr.CHANGE_LEVEL, new_level="特等奖"))
		self.assertIn("与现等次相同", decide(fr.CHANGE_LEVEL, new_level="二等奖"))
		self.assertIn("不能填写“调整后等次”", decide(fr.REVOKE, new_level="三等奖"))
		self.assertIn("不能填写“调整后等次”", decide(fr.UPHOLD, new_level="三等奖"))

	def test_nothing_to_revoke_on_a_project_without_award(self):
		self.assertIn("没有可撤销奖项的奖项", decide(fr.REVOKE, state=NOT_AWARDED, level=None))
		self.assertIsNone(decide(fr.UPHOLD, state=NOT_AWARDED, level=None))

	def test_once_and_never_after_publication(self):
		self.assertIn("不能重复决定", decide(fr.UPHOLD, decided=True))
		self.assertIn("最终结果", decide(fr.REVOKE, published=True))


class TestPublication(unittest.TestCase):
	END = datetime(2021, 12, 10, 17, 0)

	def test_after_the_window_with_everything_decided(self):
		self.assertEqual(fr.publication_problems(datetime(2021, 12, 11), self.END, False, [], []), [])

	def test_refused_inside_the_window_and_with_open_objections(self):
		problems = fr.publication_problems(self.END, self.END, False, ["OBJ-00001"], ["PRJ-00002"])
		self.assertEqual(len(problems), 3)
		self.assertIn("公示期至2021-12-10 17:00结束", problems[0])
		self.assertIn("1件异议未作出处理决定：OBJ-00001", problems[1])
		self.assertIn("评审或评奖未完成：PRJ-00002", problems[2])

	def test_once(self):
		self.assertEqual(fr.publication_problems(datetime(2022, 1, 1), self.END, True, [], []), ["本届评审结果已公布，不能重复公布"])


class TestCertificates(unittest.TestCase):
	def test_numbers(self):
		self.assertEqual(fr.certificate_number(2021, 1), "2021-001")
		self.assertEqual(fr.certificate_number(2021, 123), "2021-123")
		with self.assertRaises(ValueError):
			fr.certificate_number(2021, 0)

	def test_numbered_by_rank_then_project(self):
		winners = [
			{"name": "PRJ-3", "award_level": "三等奖"},
			{"name": "PRJ-2", "award_level": "一等奖"},
			{"name": "PRJ-1", "award_level": "二等奖"},
			{"name": "PRJ-0", "award_level": "一等奖"},
		]
		ranks = {"一等奖": 1, "二等奖": 2, "三等奖": 3}
		self.assertEqual(fr.certificate_order(winners, ranks), ["PRJ-0", "PRJ-2", "PRJ-1", "PRJ-3"])

	def test_date_in_chinese_numerals(self):
		self.assertEqual(cn_upper_date(date(2021, 12, 10)), "二〇二一年十二月十日")
		self.assertEqual(cn_upper_date(date(2026, 1, 31)), "二〇二六年一月三十一日")
		self.assertEqual(cn_upper_date(date(2020, 10, 5)), "二〇二〇年十月五日")


class TestFollowUp(unittest.TestCase):
	TODAY = date(2022, 3, 1)

	def problems(self, **values):
		base = dict(
			pilot_included=False, pilot_date=None, subsidy_amount=0, subsidy_status=None, subsidy_paid_on=None,
			labour_contest_recommended=False, labour_contest_note=None, today=self.TODAY,
		)
		return follow_up_problems(**{**base, **values})

	def test_a_complete_record(self):
		self.assertEqual(self.problems(), [])
		self.assertEqual(
			self.problems(pilot_included=True, pilot_date=date(2022, 1, 5), subsidy_amount=50, subsidy_status="已拨付",
				subsidy_paid_on=date(2022, 2, 1), labour_contest_recommended=True, labour_contest_note="推荐市五一劳动奖状"),
			[],
		)

	def test_inconsistencies_name_the_field(self):
		self.assertEqual(self.problems(pilot_included=True), [("pilot_date", "已纳入市级试点示范的，须填写纳入日期")])
		self.assertEqual([f for f, _ in self.problems(subsidy_amount=20)], ["subsidy_status"])
		self.assertEqual([f for f, _ in self.problems(subsidy_amount=20, subsidy_status="已拨付")], ["subsidy_paid_on"])
		self.assertEqual([f for f, _ in self.problems(subsidy_status="待拨付")], ["subsidy_amount"])
		self.assertEqual([f for f, _ in self.problems(subsidy_amount=-1)], ["subsidy_amount"])
		self.assertEqual(
			[f for f, _ in self.problems(subsidy_amount=20, subsidy_status="待拨付", subsidy_paid_on=date(2022, 2, 1))],
			["subsidy_paid_on"],
		)
		self.assertEqual([f for f, _ in self.problems(labour_contest_note="说明")], ["labour_contest_note"])
		self.assertIn("不能晚于今天", self.problems(pilot_included=True, pilot_date=date(2022, 3, 2))[0][1])
