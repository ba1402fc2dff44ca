import frappe

from smart_city_contest.errors import DuplicateApplication
from smart_city_contest.rules import domains
from smart_city_contest.rules import project_workflow as wf

from . import ContestTestCase


class TestContestProject(ContestTestCase):
	def test_a_new_application_is_a_draft_of_the_units_district(self):
		unit = self.make_unit(district="历城区")
		project = self.new_project(unit.name).insert()
		self.assertEqual((project.workflow_state, project.district), (wf.DRAFT, "历城区"))

	def test_a_district_other_than_the_units_is_refused(self):
		unit = self.make_unit(district="历下区")
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_project(unit.name, district="市中区").insert()
		self.assertIn("所在区县取自参赛单位（历下区），不能填写为“市中区”", str(refused.exception))

	def test_one_project_per_unit_in_an_edition(self):
		unit = self.make_unit()
		first = self.new_project(unit.name).insert()
		with self.assertRaises(DuplicateApplication) as refused:
			self.new_project(unit.name).insert()
		self.assertIn(f"已申报项目{first.name}，每个参赛单位只能申报1个项目", str(refused.exception))
		self.assertEqual(frappe.db.count("Contest Project", {"unit": unit.name}), 1)

	def test_at_least_one_domain_and_other_needs_its_name(self):
		unit = self.make_unit()
		none_ticked = {field: 0 for field in domains.FIELDS}
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_project(unit.name, **none_ticked).insert()
		self.assertIn("请至少选择一个涉及领域", str(refused.exception))
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_project(unit.name, **{domains.OTHER_FIELD: 1}, other_domain_name=" ").insert()
		self.assertIn("涉及领域选择“其他”时须填写名称", str(refused.exception))

	def test_domain_labels_follow_the_forms_order(self):
		unit = self.make_unit()
		project = self.new_project(
			unit.name, domain_social_governance=1, domain_industry=1, domain_urban_management=0,
			domain_other=1, other_domain_name="文旅",
		).insert()
		self.assertEqual(project.domain_labels, ["产业与经济发展", "社会治理", "其他（文旅）"])

	def test_the_period_cannot_end_before_it_starts(self):
		unit = self.make_unit()
		with self.assertRaises(frappe.ValidationError) as refused:
			self.new_project(unit.name, period_start="2021-05-01", period_end="2021-04-30").insert()
		self.assertIn("“项目期限（止）”：不能早于项目期限（起）2021-05-01", str(refused.exception))

	def test_a_submitted_application_cannot_be_deleted(self):
		unit = self.make_unit()
		project = self.new_project(unit.name).insert()
		frappe.db.set_value("Contest Project", project.name, "workflow_state", wf.SUBMITTED)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc("Contest Project", project.name)
		self.assertTrue(frappe.db.exists("Contest Project", project.name))
