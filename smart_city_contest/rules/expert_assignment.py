"""Which experts review which projects (评审专家分配), and whether an expert must stay away from a project.

Conflict of interest (回避), decided by `conflict_reason` for both automatic and manual assignment:
- the expert's organisation is the applicant unit: organisation names are compared after
  `normalise_organisation` (full-/half-width forms unified, blanks and brackets removed, case
  ignored), so “山东大学（威海）” and “山东大学 (威海)” are the same organisation; an empty name
  matches nothing;
- the expert declared the applicant unit a conflict (申报回避), by unit id.

Automatic assignment (`assign_experts`) gives every project `per_project` experts:
- never a conflicted expert, never an expert already on the project (existing assignments) or taken
  off it (`blocked`: recused or removed pairs, which do not count towards staffing);
- never more projects to an expert than their cap; `Expert.load` is the expert's current number of
  assignments and already includes the existing ones;
- hardest projects first: ascending by spare eligible experts (eligible experts with room left minus
  experts still needed), then by eligible experts, then by project id;
- each slot goes to the least-loaded eligible expert, then the one whose expertise covers more of the
  project's domains, then the lowest expert id. With no conflicts this keeps every expert's load
  within 1 of every other's;
- when a project would stay short because its eligible experts are full, an augmenting path is
  sought (as in a maximum-flow algorithm): a full eligible expert joins it and hands one of their
  assignments from this run to another eligible expert, who may hand on one of theirs, until an
  expert with room takes the last one. Existing assignments are never moved. Hence the number of
  new assignments is the largest the conflicts, caps and existing assignments allow; what still
  cannot be staffed is reported with the reason in Chinese.
Everything is deterministic: the same input gives the same pairs in the same order.
"""

import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

SAME_ORGANISATION = "专家所在单位与参赛单位相同"
DECLARED_CONFLICT = "专家已申报回避该参赛单位"

_IGNORED = re.compile(r"[\s()\[\]{}【】〔〕〖〗［］｛｝]+")


def normalise_organisation(name: str | None) -> str:
	"""The organisation name as compared for conflicts: NFKC (full-width “（）” → “()”), no blanks, no
	brackets of any kind, case-folded."""
	return _IGNORED.sub("", unicodedata.normalize("NFKC", name or "")).casefold()


@dataclass(frozen=True)
class Project:
	id: str
	unit: str  # applicant unit id
	unit_name: str = ""  # applicant unit name, compared with the expert's organisation
	district: str = ""
	domains: tuple[str, ...] = ()

	def __post_init__(self):
		object.__setattr__(self, "domains", tuple(self.domains or ()))


@dataclass(frozen=True)
class Expert:
	id: str
	organisation: str = ""
	expertise: tuple[str, ...] = ()
	conflict_units: frozenset[str] = frozenset()  # applicant unit ids the expert declared a conflict with
	cap: int | None = None  # most projects the expert may review; None: no cap
	load: int = 0  # projects assigned now, existing assignments included

	def __post_init__(self):
		object.__setattr__(self, "expertise", tuple(self.expertise or ()))
		object.__setattr__(self, "conflict_units", frozenset(self.conflict_units or ()))


@dataclass(frozen=True)
class Shortfall:
	"""A project left with fewer experts than required, and why (Chinese)."""

	project: str
	required: int
	assigned: int  # experts on the project after this run, existing ones included
	reason: str

	@property
	def missing(self) -> int:
		return self.required - self.assigned


@dataclass(frozen=True)
class AssignmentResult:
	pairs: list[tuple[str, str]]  # new (project id, expert id) assignments
	shortfalls: list[Shortfall] = field(default_factory=list)
	loads: dict[str, int] = field(default_factory=dict)  # every expert's load after the run


def conflict_reason(project: Project, expert: Expert) -> str | None:
	"""None when `expert` may review `project`; otherwise why not, as a Chinese sentence."""
	organisation = normalise_organisation(expert.organisation)
	if organisation and organisation == normalise_organisation(project.unit_name):
		return SAME_ORGANISATION
	if project.unit in expert.conflict_units:
		return DECLARED_CONFLICT
	return None


def assign_experts(
	projects: Iterable[Project],
	experts: Iterable[Expert],
	per_project: int,
	existing: Iterable[tuple[str, str]] = (),
	blocked: Iterable[tuple[str, str]] = (),
) -> AssignmentResult:
	"""New (project, expert) pairs giving each project `per_project` experts, and the projects left short.

	`existing` are the (project id, expert id) assignments already made (they count towards
	`per_project`); `blocked` are pairs that must not be made again and do not count (recusals,
	removals). See the module docstring for the rules and the order of choice.
	"""
	if isinstance(per_project, bool) or not isinstance(per_project, int) or per_project < 1:
		raise ValueError(f"per_project must be a positive integer, got {per_project!r}")
	projects = list(projects)
	experts = sorted(experts, key=lambda e: e.id)
	_require_unique("project", [p.id for p in projects])
	_require_unique("expert", [e.id for e in experts])
	for expert in experts:
		if (expert.cap is not None and expert.cap < 0) or expert.load < 0:
			raise ValueError(f"expert {expert.id!r}: cap and load must not be negative")

	on_project: dict[str, set[str]] = {p.id: set() for p in projects}
	for project_id, expert_id in existing:
		on_project.setdefault(project_id, set()).add(expert_id)
	blocked_pairs = set(blocked)
	load = {e.id: e.load for e in experts}
	cap = {e.id: e.cap for e in experts}

	def has_room(expert_id: str) -> bool:
		return cap[expert_id] is None or load[expert_id] < cap[expert_id]

	eligible: dict[str, list[Expert]] = {}
	match: dict[tuple[str, str], int] = {}
	for project in projects:
		domains = set(project.domains)
		eligible[project.id] = [
			e
			for e in experts
			if e.id not in on_project[project.id]
			and (project.id, e.id) not in blocked_pairs
			and conflict_reason(project, e) is None
		]
		for e in eligible[project.id]:
			match[project.id, e.id] = len(domains.intersection(e.expertise))

	needed = {p.id: max(0, per_project - len(on_project[p.id])) for p in projects}

	def hardness(project: Project) -> tuple[int, int, str]:
		with_room = sum(1 for e in eligible[project.id] if has_room(e.id))
		return (with_room - needed[project.id], with_room, project.id)

	def choice_key(project_id: str, expert_id: str) -> tuple[int, int, str]:
		return (load[expert_id], -match[project_id, expert_id], expert_id)

	new_pairs: dict[tuple[str, str], None] = {}  # insertion-ordered set
	new_by_expert: dict[str, list[str]] = {e.id: [] for e in experts}

	def assign(project_id: str, expert_id: str) -> None:
		new_pairs[project_id, expert_id] = None
		new_by_expert[expert_id].append(project_id)
		on_project[project_id].add(expert_id)
		load[expert_id] += 1

	def unassign(project_id: str, expert_id: str) -> None:
		del new_pairs[project_id, expert_id]
		new_by_expert[expert_id].remove(project_id)
		on_project[project_id].discard(expert_id)
		load[expert_id] -= 1

	def augment(project_id: str) -> bool:
		"""Give `project_id` one more expert along a chain of this run's assignments; True when done.

		Breadth-first from the eligible experts not on the project: an expert without room may join
		if they leave one of their new projects to another eligible expert, and so on, until an expert
		with room ends the chain. Only that expert's load grows; everyone else swaps one project.
		"""
		if not any(has_room(e.id) for e in experts):
			return False
		joins: dict[str, tuple[str | None, str]] = {}  # expert -> (expert they replace, project joined)
		queue: deque[str] = deque()
		for e in eligible[project_id]:
			if e.id not in on_project[project_id]:
				joins[e.id] = (None, project_id)
				queue.append(e.id)
		while queue:
			expert_id = queue.popleft()
			if has_room(expert_id):
				while True:
					replaced, joined = joins[expert_id]
					assign(joined, expert_id)
					if replaced is None:
						return True
					unassign(joined, replaced)
					expert_id = replaced
			for other_id in new_by_expert[expert_id]:
				for e in eligible[other_id]:
					if e.id not in joins and e.id not in on_project[other_id]:
						joins[e.id] = (expert_id, other_id)
						queue.append(e.id)
		return False

	for project in sorted((p for p in projects if needed[p.id]), key=hardness):
		for _slot in range(needed[project.id]):
			candidates = [
				e.id for e in eligible[project.id] if e.id not in on_project[project.id] and has_room(e.id)
			]
			if candidates:
				assign(project.id, min(candidates, key=lambda x, pid=project.id: choice_key(pid, x)))
			elif not augment(project.id):
				break

	shortfalls = [
		_shortfall(project, experts, per_project, on_project, blocked_pairs, has_room)
		for project in projects
		if len(on_project[project.id]) < per_project
	]
	return AssignmentResult(pairs=list(new_pairs), shortfalls=shortfalls, loads=dict(load))


def _require_unique(kind: str, ids: list[str]) -> None:
	if len(set(ids)) != len(ids):
		duplicates = sorted({i for i in ids if ids.count(i) > 1})
		raise ValueError(f"duplicate {kind} ids: {duplicates}")


def _shortfall(
	project: Project,
	experts: list[Expert],
	per_project: int,
	on_project: dict[str, set[str]],
	blocked_pairs: set[tuple[str, str]],
	has_room: Callable[[str], bool],
) -> Shortfall:
	"""Why `project` is short, counting each expert of the pool under the first reason that keeps them off."""
	assigned = len(on_project[project.id])
	conflicted = withdrawn = full = 0
	for expert in experts:
		if expert.id in on_project[project.id]:
			continue
		if conflict_reason(project, expert):
			conflicted += 1
		elif (project.id, expert.id) in blocked_pairs:
			withdrawn += 1
		elif not has_room(expert.id):
			full += 1
	causes = [f"专家库共{len(experts)}名专家"]
	if conflicted:
		causes.append(f"{conflicted}名因与参赛单位同单位或申报回避须回避")
	if withdrawn:
		causes.append(f"{withdrawn}名已回避或被移出本项目评审")
	if full:
		causes.append(f"{full}名已达评审项目数量上限")
	return Shortfall(
		project=project.id,
		required=per_project,
		assigned=assigned,
		reason=(
			f"需{per_project}名评审专家，现有{assigned}名，仍缺{per_project - assigned}名"
			f"（{'，'.join(causes)}）"
		),
	)
