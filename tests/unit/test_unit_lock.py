"""The rule that freezes a submitted unit's data (permissions/edit_rights.unit_edit_problem)."""

import unittest
from types import SimpleNamespace

from smart_city_contest.permissions.edit_rights import unit_edit_problem

LABELS = {"unit_name": "参赛单位名称", "total_assets": "总资产（万元）"}
UNIT = SimpleNamespace(meta=SimpleNamespace(get_label=LABELS.get))
LOCKING = {"name": "PRJ-00007", "workflow_state": "区县已推荐"}


class TestUnitLock(unittest.TestCase):
	def test_a_unit_without_a_submitted_project_is_free(self):
		self.assertIsNone(unit_edit_problem(UNIT, ["unit_name"], None, city=False))

	def test_a_locked_unit_refuses_the_applicant_naming_the_project_and_every_field(self):
		problem = unit_edit_problem(UNIT, ["unit_name", "total_assets"], LOCKING, city=False)
		self.assertIn("本单位的项目PRJ-00007处于“区县已推荐”状态，参赛单位信息已随申报书锁定", problem)
		self.assertIn("不能修改“参赛单位名称”、“总资产（万元）”", problem)

	def test_the_city_bureau_may_correct_a_locked_unit(self):
		self.assertIsNone(unit_edit_problem(UNIT, ["unit_name"], LOCKING, city=True))

	def test_saving_without_a_change_is_never_refused(self):
		self.assertIsNone(unit_edit_problem(UNIT, [], LOCKING, city=False))


if __name__ == "__main__":
	unittest.main()
