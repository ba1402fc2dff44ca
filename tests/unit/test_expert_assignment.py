import random
import unittest
from collections import Counter, deque

from smart_city_contest.rules.expert_assignment import (
	DECLARED_CONFLICT,
	SAME_ORGANISATION,
	Expert,
	Project,
	assign_experts,
	conflict_reason,
	normalise_organisation,
)


def project(pid, unit=None, name=None, domains=()):
	return Project(id=pid, unit=unit or f"U-{pid}", unit_name=name or f"参赛单位{pid}", domains=domains)


def experts_on(result, project_id, existing=()):
	return {e for p, e in [*existing, *result.pairs] if p == project_id}


def max_new_assignments(projects, experts, per_project, existing=(), blocked=()):
	"""Largest number of new assignments any method could make (max flow), to compare against."""
	on = {p.id: {e for q, e in existing if q == p.id} for p in projects}
	need = {p.id: max(0, per_project - len(on[p.id])) for p in projects}
	room = {e.id: (10**6 if e.cap is None else max(0, e.cap - e.load)) for e in experts}
	edges = {
		p.id: [
			e.id
			for e in experts
			if e.id not in on[p.id] and (p.id, e.id) not in set(blocked) and conflict_reason(p, e) is None
		]
		for p in projects
	}
	holder = {}  # (project, expert) pairs in the flow
	flow = 0
	for p in projects:
		for _ in range(need[p.id]):
			parent = {("p", p.id): None}
			queue = deque([("p", p.id)])
			end = None
			while queue and end is None:
				kind, node = queue.popleft()
				if kind == "p":
					for e in edges[node]:
						if (node, e) not in holder and ("e", e) not in parent:
							parent[("e", e)] = (kind, node)
							if room[e] > 0:
								end = ("e", e)
								break
							queue.append(("e", e))
				else:
					for q, e in list(holder):
						if e == node and ("p", q) not in parent:
							parent[("p", q)] = (kind, node)
							queue.append(("p", q))
			if end is None:
				break
			room[end[1]] -= 1
			node = end
			while parent[node] is not None:
				prev = parent[node]
				if node[0] == "e":
					holder[(prev[1], node[1])] = True
				else:
					del holder[(node[1], prev[1])]
				node = prev
			flow += 1
	return flow


class TestConflicts(unittest.TestCase):
	def test_organisation_names_are_normalised(self):
		same = [
			"山东大学（威海）",
			"山东大学(威海)",
			"山东大学 （威海）",
			" 山东大学【威海】",
			"山东大学威海",
		]
		self.assertEqual({normalise_organisation(n) for n in same}, {"山东大学威海"})
		self.assertEqual(
			normalise_organisation("Inspur  Group"), normalise_organisation("ＩＮＳＰＵＲ group")
		)
		self.assertNotEqual(normalise_organisation("山东大学"), normalise_organisation("山东师范大学"))

	def test_same_organisation_is_a_conflict(self):
		p = project("P1", name="浪潮集团有限公司（济南）")
		self.assertEqual(
			conflict_reason(p, Expert("E1", organisation="浪潮集团有限公司(济南)")), SAME_ORGANISATION
		)
		self.assertEqual(SAME_ORGANISATION, "专家所在单位与参赛单位相同")

	def test_declared_conflict_unit(self):
		p = project("P1", unit="U-7")
		self.assertEqual(
			conflict_reason(p, Expert("E1", organisation="济南大学", conflict_units={"U-7"})),
			DECLARED_CONFLICT,
		)
		self.assertEqual(DECLARED_CONFLICT, "专家已申报回避该参赛单位")

	def test_no_conflict(self):
		p = project("P1", unit="U-7", name="济南城市建设集团")
		self.assertIsNone(conflict_reason(p, Expert("E1", organisation="山东大学", conflict_units={"U-8"})))

	def test_empty_names_do_not_match(self):
		self.assertIsNone(conflict_reason(Project("P1", "U-1", ""), Expert("E1", organisation="")))
		self.assertIsNone(conflict_reason(Project("P1", "U-1", "（）"), Expert("E1", organisation=" ")))


class TestAssignExperts(unittest.TestCase):
	def test_conflicted_experts_are_never_assigned(self):
		projects = [project(f"P{i}", name=f"单位{i}") for i in range(6)]
		experts = [
			Expert("E1", organisation="单位0"),
			Expert("E2", organisation="单位1", conflict_units={"U-P2", "U-P3"}),
			Expert("E3", conflict_units={"U-P0"}),
			Expert("E4", organisation="（单位4）"),
			Expert("E5"),
			Expert("E6"),
		]
		result = assign_experts(projects, experts, 3)
		by_id = {e.id: e for e in experts}
		projects_by_id = {p.id: p for p in projects}
		self.assertEqual(len(result.pairs), 18)
		for p, e in result.pairs:
			self.assertIsNone(conflict_reason(projects_by_id[p], by_id[e]), (p, e))
		self.assertNotIn("E1", experts_on(result, "P0"))
		self.assertNotIn("E3", experts_on(result, "P0"))
		self.assertNotIn("E2", experts_on(result, "P1") | experts_on(result, "P2") | experts_on(result, "P3"))
		self.assertNotIn("E4", experts_on(result, "P4"))

	def test_same_organisation_is_excluded_after_normalisation(self):
		# E1 is the lowest id and least loaded, so only the conflict keeps it off.
		p = project("P1", name="济南市大数据局（信息中心）")
		experts = [Expert("E1", organisation="济南市大数据局 (信息中心)"), Expert("E2"), Expert("E3")]
		result = assign_experts([p], experts, 2)
		self.assertEqual(result.pairs, [("P1", "E2"), ("P1", "E3")])

	def test_each_project_gets_distinct_experts_and_existing_ones_count(self):
		projects = [project("P1"), project("P2")]
		experts = [Expert(f"E{i}", load=1 if i == 1 else 0) for i in range(1, 6)]
		existing = [("P1", "E1")]
		result = assign_experts(projects, experts, 3, existing=existing)
		self.assertEqual(len(result.pairs), len(set(result.pairs)))
		self.assertNotIn(("P1", "E1"), result.pairs)
		self.assertEqual(len(experts_on(result, "P1", existing)), 3)
		self.assertEqual(len(experts_on(result, "P2", existing)), 3)
		self.assertEqual(sum(1 for p, _e in result.pairs if p == "P1"), 2)

	def test_caps_are_respected_including_current_load(self):
		projects = [project(f"P{i}") for i in range(10)]
		experts = [
			Expert("E1", cap=2),
			Expert("E2", cap=3, load=2),  # room for one more
			Expert("E3", cap=4),
			Expert("E4", cap=4),
			Expert("E5", cap=5),
		]
		result = assign_experts(projects, experts, 2)
		counts = Counter(e for _p, e in result.pairs)
		self.assertLessEqual(counts["E1"], 2)
		self.assertLessEqual(counts["E2"], 1)
		for e in experts:
			self.assertLessEqual(result.loads[e.id], e.cap)
			self.assertEqual(result.loads[e.id], e.load + counts[e.id])
		# total room 2 + 1 + 4 + 4 + 5 = 16 < 20 needed
		self.assertEqual(len(result.pairs), 16)
		self.assertEqual(sum(s.missing for s in result.shortfalls), 4)

	def test_load_is_balanced_within_one(self):
		projects = [project(f"P{i:02d}") for i in range(10)]
		experts = [Expert(f"E{i}") for i in range(7)]
		result = assign_experts(projects, experts, 3)
		loads = sorted(result.loads.values())
		self.assertEqual(sum(loads), 30)
		self.assertEqual(loads, [4, 4, 4, 4, 4, 5, 5])
		self.assertEqual(result.shortfalls, [])

	def test_balancing_starts_from_current_loads(self):
		projects = [project(f"P{i}") for i in range(4)]
		experts = [Expert("E1", load=4), Expert("E2", load=1), Expert("E3"), Expert("E4")]
		result = assign_experts(projects, experts, 2)
		# The 8 new slots bring E2, E3 and E4 to 3 each; E1, already at 4, gets none.
		self.assertEqual(Counter(e for _p, e in result.pairs)["E1"], 0)
		self.assertEqual(result.loads, {"E1": 4, "E2": 3, "E3": 3, "E4": 3})

	def test_expertise_match_is_preferred_at_equal_load(self):
		p = project("P1", domains=["城市管理"])
		experts = [
			Expert("E1", expertise=["政务服务"]),
			Expert("E2", expertise=["产业与经济发展"]),
			Expert("E3", expertise=["城市管理", "社会治理"]),
		]
		self.assertEqual(assign_experts([p], experts, 1).pairs, [("P1", "E3")])
		# load beats expertise: a busier matching expert is passed over
		busy = [experts[0], experts[1], Expert("E3", expertise=["城市管理"], load=1)]
		self.assertEqual(assign_experts([p], busy, 1).pairs, [("P1", "E1")])

	def test_unstaffable_project_is_reported_with_the_reason(self):
		hard = project("P1", name="历下区某科技公司")
		experts = [
			Expert("E1", organisation="历下区某科技公司"),
			Expert("E2", conflict_units={"U-P1"}),
			Expert("E3", conflict_units={"U-P1"}),
			Expert("E4"),
		]
		result = assign_experts([hard], experts, 3)
		self.assertEqual(result.pairs, [("P1", "E4")])  # staffed as far as possible
		(short,) = result.shortfalls
		self.assertEqual((short.project, short.required, short.assigned, short.missing), ("P1", 3, 1, 2))
		self.assertEqual(
			short.reason,
			"需3名评审专家，现有1名，仍缺2名（专家库共4名专家，3名因与参赛单位同单位或申报回避须回避）",
		)

	def test_shortfall_from_full_experts_and_withdrawals(self):
		experts = [Expert("E1", cap=1, load=1), Expert("E2"), Expert("E3")]
		blocked = [("P1", "E2")]  # E2 recused from P1
		result = assign_experts([project("P1")], experts, 3, blocked=blocked)
		self.assertEqual(result.pairs, [("P1", "E3")])
		(short,) = result.shortfalls
		self.assertEqual(
			short.reason,
			"需3名评审专家，现有1名，仍缺2名（专家库共3名专家，1名已回避或被移出本项目评审，1名已达评审项目数量上限）",
		)

	def test_the_project_with_spare_experts_is_the_one_left_short(self):
		# Room for 3 assignments in all; P2 has exactly the 2 it needs (E1, E2), P1 also has E3.
		projects = [project("P1"), project("P2")]
		experts = [Expert("E1", cap=1), Expert("E2", cap=1), Expert("E3", conflict_units={"U-P2"})]
		result = assign_experts(projects, experts, 2)
		self.assertEqual(experts_on(result, "P2"), {"E1", "E2"})
		self.assertEqual(experts_on(result, "P1"), {"E3"})
		(short,) = result.shortfalls
		self.assertEqual((short.project, short.missing), ("P1", 1))
		self.assertIn("2名已达评审项目数量上限", short.reason)

	def test_blocked_pairs_do_not_count_towards_staffing(self):
		result = assign_experts(
			[project("P1")], [Expert("E1"), Expert("E2"), Expert("E3")], 2, blocked=[("P1", "E1")]
		)
		self.assertEqual(result.pairs, [("P1", "E2"), ("P1", "E3")])

	def test_hardest_project_is_served_first(self):
		# P2 can only take E1; P1 could take E1 or E2. Each expert reviews one project.
		projects = [project("P1"), project("P2")]
		experts = [Expert("E1", cap=1), Expert("E2", cap=1, conflict_units={"U-P2"})]
		result = assign_experts(projects, experts, 1)
		self.assertEqual(result.pairs, [("P2", "E1"), ("P1", "E2")])
		self.assertEqual(result.shortfalls, [])

	def test_full_experts_are_freed_along_a_chain(self):
		# Hardest-first alone serves P1 (E0), then P0 takes E1 (lower id), leaving P2 with E0 and E1
		# both full; E1 moves from P0 to P2 and E2 takes P0.
		projects = [project("P0"), project("P1"), project("P2")]
		experts = [
			Expert("E0", cap=1, conflict_units={"U-P0"}),
			Expert("E1", cap=1, conflict_units={"U-P1"}),
			Expert("E2", cap=1, conflict_units={"U-P1", "U-P2"}),
		]
		result = assign_experts(projects, experts, 1)
		self.assertEqual(set(result.pairs), {("P1", "E0"), ("P0", "E2"), ("P2", "E1")})
		self.assertEqual(result.shortfalls, [])

	def test_existing_assignments_are_never_moved(self):
		projects = [project("P1"), project("P2")]
		experts = [Expert("E1", cap=1, load=1), Expert("E2", cap=1, conflict_units={"U-P2"})]
		result = assign_experts(projects, experts, 1, existing=[("P1", "E1")])
		self.assertEqual(result.pairs, [])
		self.assertEqual([s.project for s in result.shortfalls], ["P2"])

	def test_as_many_assignments_as_any_method_could_make(self):
		for seed in range(150):
			rng = random.Random(seed)
			projects = [project(f"P{j}", name=f"单位{rng.randint(0, 6)}") for j in range(rng.randint(2, 9))]
			experts = [
				Expert(
					f"E{i}",
					organisation=f"单位{rng.randint(0, 6)}",
					cap=rng.choice([None, 1, 2, 3]),
					conflict_units={p.unit for p in projects if rng.random() < 0.3},
				)
				for i in range(rng.randint(2, 7))
			]
			per_project = rng.randint(1, 3)
			with self.subTest(seed=seed):
				result = assign_experts(projects, experts, per_project)
				self.assertEqual(len(result.pairs), max_new_assignments(projects, experts, per_project))
				short = {p.id for p in projects if len(experts_on(result, p.id)) < per_project}
				self.assertEqual({s.project for s in result.shortfalls}, short)

	def test_deterministic_whatever_the_input_order(self):
		rng = random.Random(3)
		projects = [project(f"P{i:02d}", name=f"单位{i % 5}", domains=[rng.choice("ABC")]) for i in range(30)]
		experts = [
			Expert(
				f"E{i:02d}", organisation=f"单位{i % 7}", expertise=[rng.choice("ABC")], cap=rng.randint(3, 8)
			)
			for i in range(12)
		]
		expected = assign_experts(projects, experts, 3)
		for _ in range(3):
			rng.shuffle(projects)
			rng.shuffle(experts)
			again = assign_experts(projects, experts, 3)
			self.assertEqual(again.pairs, expected.pairs)
			self.assertEqual(
				sorted(again.shortfalls, key=lambda s: s.project),
				sorted(expected.shortfalls, key=lambda s: s.project),
			)

	def test_bad_arguments_are_refused(self):
		with self.assertRaises(ValueError):
			assign_experts([project("P1")], [Expert("E1")], 0)
		with self.assertRaises(ValueError):
			assign_experts([project("P1"), project("P1")], [Expert("E1")], 1)
		with self.assertRaises(ValueError):
			assign_experts([project("P1")], [Expert("E1"), Expert("E1")], 1)
		with self.assertRaises(ValueError):
			assign_experts([project("P1")], [Expert("E1", cap=-1)], 1)
