import unittest

from smart_city_contest.rules import project_workflow as wf


class TestProjectWorkflow(unittest.TestCase):
	def test_every_transition_joins_known_states(self):
		for t in wf.MANUAL_TRANSITIONS + wf.SYSTEM_TRANSITIONS:
			self.assertIn(t.state, wf.STATE_NAMES)
			self.assertIn(t.next_state, wf.STATE_NAMES)

	def test_every_state_but_the_ends_can_be_left(self):
		# 获奖 is left only by a decision on a 公示 objection (a system move, before 公布结果).
		ends = {wf.NOT_RECOMMENDED, wf.NOT_AWARDED}
		leavable = {t.state for t in wf.MANUAL_TRANSITIONS + wf.SYSTEM_TRANSITIONS}
		self.assertEqual(set(wf.STATE_NAMES) - leavable, ends)

	def test_applicant_submits_only_from_draft_or_returned(self):
		self.assertIsNone(wf.transition_problem(wf.DRAFT, wf.SUBMIT, {wf.APPLICANT}, None))
		self.assertIsNone(wf.transition_problem(wf.RETURNED, wf.RESUBMIT, {wf.APPLICANT}, None))
		self.assertIn("不能执行“提交”", wf.transition_problem(wf.SUBMITTED, wf.SUBMIT, {wf.APPLICANT}, None))

	def test_skipping_a_step_is_refused_and_lists_what_is_possible(self):
		problem = wf.transition_problem(wf.DRAFT, wf.RECOMMEND, {wf.DISTRICT_REVIEWER}, None)
		self.assertEqual(problem, "项目处于“草稿”状态，不能执行“推荐”（可执行的操作：“提交”）")

	def test_each_move_belongs_to_one_role(self):
		self.assertEqual(
			wf.transition_problem(wf.SUBMITTED, wf.RECOMMEND, {wf.APPLICANT}, None), "“推荐”只能由区县审核员执行"
		)
		self.assertEqual(
			wf.transition_problem(wf.DRAFT, wf.SUBMIT, {wf.DISTRICT_REVIEWER}, None), "“提交”只能由参赛单位用户执行"
		)

	def test_return_and_rejection_need_a_reason(self):
		for action in (wf.RETURN, wf.REJECT):
			self.assertIn("须填写原因", wf.transition_problem(wf.SUBMITTED, action, {wf.DISTRICT_REVIEWER}, "  "))
			self.assertIsNone(wf.transition_problem(wf.SUBMITTED, action, {wf.DISTRICT_REVIEWER}, "缺少证明"))

	def test_filing_to_the_city_is_not_a_button(self):
		self.assertIsNone(wf.find_transition(wf.RECOMMENDED, wf.FILE_TO_CITY))
		self.assertEqual(wf.find_transition(wf.RECOMMENDED, wf.FILE_TO_CITY, system=True).next_state, wf.ACCEPTED)

	def test_actions_offered_to_a_reviewer_on_a_submitted_project(self):
		actions = [t.action for t in wf.actions_from(wf.SUBMITTED, {wf.DISTRICT_REVIEWER})]
		self.assertEqual(actions, [wf.RETURN, wf.RECOMMEND, wf.REJECT])
