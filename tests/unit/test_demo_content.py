"""The demo edition's plan obeys the contest's rules before it ever reaches a site, and its files are real."""

import json
import os
import unittest
from collections import Counter
from datetime import date

from smart_city_contest.demo import content, materials
from smart_city_contest.rules.completeness import missing_pieces
from smart_city_contest.rules.indicators import indicator_problem
from smart_city_contest.rules.text_limits import PROJECT_SUMMARY_MAX, UNIT_PROFILE_MAX, counted_length
from smart_city_contest.rules.uscc import uscc_problem

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "contest_district.json")
TODAY = date(2026, 11, 29)


def districts() -> list[content.DistrictInfo]:
	with open(FIXTURES, encoding="utf-8") as f:
		return [
			content.DistrictInfo(
				d["district_name"], d.get("division_code"), d["bureau_name"], d["sort_order"]
			)
			for d in json.load(f)
		]


class TestDemoPlan(unittest.TestCase):
	@classmethod
	def setUpClass(cls):
		cls.plans = {n: content.plan_edition(2021, districts(), n, TODAY) for n in (20, 100)}

	def test_units_have_valid_usccs_and_fit_the_form(self):
		for n, plan in self.plans.items():
			usccs = [u.unit["uscc"] for u in plan.units]
			self.assertEqual(len(set(usccs)), n)
			for u in plan.units:
				self.assertIsNone(uscc_problem(u.unit["uscc"]), u.unit["uscc"])
				self.assertEqual(u.unit["uscc"][:2], "91" if u.category == content.ENTERPRISE else "12")
				self.assertLessEqual(counted_length(u.unit["unit_profile"]), UNIT_PROFILE_MAX)
				self.assertLessEqual(counted_length(u.project["project_summary"]), PROJECT_SUMMARY_MAX)
			self.assertEqual(len({u.unit["unit_name"] for u in plan.units}), n)
			self.assertEqual(len({u.project["project_name"] for u in plan.units}), n)

	def test_every_district_has_applicants_weighted_by_size(self):
		for n, plan in self.plans.items():
			per = Counter(u.district for u in plan.units)
			self.assertEqual(set(per), {d.name for d in districts()})
			self.assertEqual(sum(per.values()), n)
		per = Counter(u.district for u in self.plans[100].units)
		self.assertGreater(per["历下区"], per["南部山区"])

	def test_indicators_come_from_the_official_grid(self):
		rows = [r for u in self.plans[100].units for r in u.project["indicators"]]
		for u in self.plans[100].units:
			self.assertTrue(4 <= len(u.project["indicators"]) <= 8)
		for r in rows:
			self.assertIsNone(
				indicator_problem(r["level_1"], r["level_2"], r["level_1_other"], r["level_2_other"])
			)
		self.assertTrue(any(r["level_1"] == "其他" or r["level_2"] == "其他" for r in rows))
		self.assertTrue(any(r["level_1"] == "社会公众或服务对象满意度指标" for r in rows))
		for u in self.plans[100].units:  # every application is complete enough to be submitted
			self.assertEqual(missing_pieces(u.project, u.unit, u.project["indicators"]), [])

	def test_fates_cover_the_workflow_and_every_filing_district_keeps_a_project(self):
		for plan in self.plans.values():
			fates = Counter(u.fate for u in plan.units)
			self.assertEqual(set(fates), set(content.FATES))
			self.assertEqual(len(plan.unfiled_districts), 2)
			for district in {u.district for u in plan.units} - set(plan.unfiled_districts):
				self.assertTrue(
					any(
						u.fate in (content.FILED, content.RESUBMITTED)
						for u in plan.units
						if u.district == district
					)
				)
			for u in plan.units:
				waiting = u.fate in (content.PENDING, content.RECOMMENDED_UNFILED)
				self.assertEqual(waiting, u.district in plan.unfiled_districts)
				self.assertEqual(bool(u.return_reason), u.fate in (content.RETURNED, content.RESUBMITTED))
				self.assertEqual(bool(u.reject_reason), u.fate == content.REJECTED)

	def test_experts_include_declared_and_same_organisation_conflicts(self):
		plan = self.plans[100]
		self.assertEqual(len(plan.experts), 12)
		self.assertGreaterEqual(sum(bool(e.conflicts) for e in plan.experts), 3)
		names = {u.unit["unit_name"] for u in plan.units}
		self.assertTrue(any(e.organisation in names for e in plan.experts))
		self.assertTrue(all(e.expertise for e in plan.experts))

	def test_a_harsh_and_a_lenient_expert_and_a_near_duplicate_pair(self):
		from smart_city_contest.rules import duplicates

		for plan in self.plans.values():
			biases = sorted(e.bias for e in plan.experts)
			self.assertEqual((biases[0], biases[-1]), (content.HARSH_BIAS, content.LENIENT_BIAS))
			self.assertTrue(all(-4 <= b <= 4 for b in biases[1:-1]))  # the rest within the usual spread
			texts = {
				u.index: "\n".join(duplicates.plain_text(u.project.get(f)) for f in content.COPIED_TEXT)
				for u in plan.units
			}
			pairs = duplicates.similar_pairs(texts, duplicates.DEFAULT_THRESHOLD)
			self.assertEqual(len(pairs), 1, pairs)  # the copy, and no two other applications alike
			original, copy = (next(u for u in plan.units if u.index == i) for i in (pairs[0].first, pairs[0].second))
			self.assertNotEqual(original.district, copy.district)
			self.assertIn(copy.project["project_name"], copy.project["overview"])

	def test_the_same_seed_gives_the_same_edition(self):
		again = content.plan_edition(2021, districts(), 20, TODAY)
		self.assertEqual([u.unit for u in again.units], [u.unit for u in self.plans[20].units])
		other = content.plan_edition(7, districts(), 20, TODAY)
		self.assertNotEqual(
			[u.unit["uscc"] for u in other.units], [u.unit["uscc"] for u in self.plans[20].units]
		)

	def test_taken_usccs_are_avoided(self):
		taken = {u.unit["uscc"] for u in self.plans[20].units}
		plan = content.plan_edition(2021, districts(), 20, TODAY, taken_usccs=taken)
		self.assertFalse(taken & {u.unit["uscc"] for u in plan.units})

	def test_award_counts_follow_the_quotas_and_leave_someone_without(self):
		self.assertEqual(content.award_counts(90), (2, 6, 18))
		self.assertEqual(content.award_counts(14), (2, 6, 3))
		for n in range(2, 120):
			first, second, third = content.award_counts(n)
			self.assertLessEqual(first, 2)
			self.assertLessEqual(second, 6)
			self.assertLess(first + second + third, n)


class TestDemoMaterials(unittest.TestCase):
	def test_files_are_real_pdfs_and_pngs(self):
		spec = materials.Spec(
			seed=1,
			project="历下区智慧社区建设项目",
			unit="济南泉睿信息技术有限公司",
			uscc="91370102MA3C4D5E6M",
			bureau="历下区工业和信息化局",
			acceptor="济南市历下区民政局",
			modules=("社区数字底座", "网格事件闭环处置"),
			accepted_on=date(2026, 3, 1),
			leader="王磊",
			signed_on=TODAY,
			kpis=(("接入社区数量", "128个"),),
			images=2,
			pledge=True,
			investment=1280.5,
			former_name="济南华岳信息技术有限公司",
			name_changed_on=date(2024, 5, 6),
		)
		files = materials.render(spec)
		for key in ("completion_proof", "signed_pledge", "investment_statement", "name_change_proof"):
			self.assertTrue(files[key].startswith(b"%PDF"), key)
			self.assertLess(len(files[key]), 200_000)
		self.assertIsNone(files["fixed_proof"])
		self.assertEqual(len(files["images"]), 2)
		self.assertTrue(all(i.startswith(b"\x89PNG") for i in files["images"]))

	def test_lines_never_start_with_closing_punctuation(self):
		from PIL import Image, ImageDraw

		draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
		text = (
			"我单位申报的“泉城智慧社区综合治理平台”项目申请材料内容和所附资料均真实、合法、完整、准确。" * 4
		)
		for line in materials.wrap(draw, text, materials.font("fang", 20), 300)[1:]:
			self.assertNotIn(line[0], materials.NO_LINE_START)
