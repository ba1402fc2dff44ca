"""Whether awards fit the edition's quotas (奖项名额): 一等奖 2, 二等奖 6, 三等奖 若干 in 2021, as data.

Award levels are the edition's rows read with `.get` (a dict or a Frappe child row): `award_level`
(name), `rank` (1 = highest), `quota` and `is_unlimited` (名额不限/若干; then `quota` is ignored).

Counts are whole projects. “Already” counts are awards decided before this batch; a project that is
in the batch (`proposed`) must not also be counted in them, so a change of level is not counted twice.

The arithmetic only; expert_review/award_quota.py enforces it on the site (locks, counts, the commit).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class QuotaPreview:
	"""Per level, ordered by rank: {quota (None when unlimited), unlimited, already, proposed, total,
	over_by}; and the Chinese problems, empty when the batch fits."""

	levels: dict[str, dict[str, Any]]
	problems: list[str] = field(default_factory=list)

	@property
	def ok(self) -> bool:
		return not self.problems


def _levels(levels: Iterable[Any]) -> dict[str, tuple[int | None, bool]]:
	"""{level name: (quota or None when unlimited, unlimited)} in rank order."""
	rows = sorted(levels, key=lambda row: row.get("rank") or 0)
	table: dict[str, tuple[int | None, bool]] = {}
	for row in rows:
		unlimited = bool(row.get("is_unlimited"))
		table[row.get("award_level")] = (None if unlimited else int(row.get("quota") or 0), unlimited)
	return table


def _unknown(level: str, table: Mapping[str, Any]) -> str:
	return f"奖项等级“{level}”不是本届大赛设置的奖项（可选：{'、'.join(table)}）"


def _count(value: Any, what: str) -> int:
	if isinstance(value, bool) or not isinstance(value, int) or value < 0:
		raise ValueError(f"{what} must be a non-negative integer, got {value!r}")
	return value


def _over_message(level: str, quota: int, already: int, adding: int, total: int) -> str:
	over = total - quota
	if already and adding:
		return f"{level}名额为{quota}名，已授予{already}名，本次拟授予{adding}名，合计{total}名，超出{over}名"
	if already:
		return f"{level}名额为{quota}名，已授予{already}名，超出{over}名"
	return f"{level}名额为{quota}名，本次拟授予{adding}名，超出{over}名"


def preview(
	proposed: Mapping[str, str | None],
	existing_awarded_counts: Mapping[str, int],
	levels: Iterable[Any],
) -> QuotaPreview:
	"""What a batch of award decisions does to each level's quota, and whether it fits.

	`proposed` maps project → award level, None or "" for no award. Decides, per level: quota,
	unlimited, already (awarded before this batch), proposed (in this batch), total = already +
	proposed, over_by = how far total exceeds the quota (0 when within it or unlimited). Problems: a
	level over its quota, and any level name the edition does not have (with the projects using it).
	"""
	table = _levels(levels)
	proposed_counts = dict.fromkeys(table, 0)
	unknown_projects: dict[str, list[str]] = {}
	for project, level in proposed.items():
		if not level:
			continue
		if level in table:
			proposed_counts[level] += 1
		else:
			unknown_projects.setdefault(level, []).append(str(project))

	problems: list[str] = []
	for level, count in existing_awarded_counts.items():
		if level not in table and _count(count, f"existing count of {level}"):
			problems.append(f"已授予的{_unknown(level, table)}")
	for level, projects in unknown_projects.items():
		problems.append(f"{_unknown(level, table)}，涉及项目：{'、'.join(projects)}")

	summary: dict[str, dict[str, Any]] = {}
	for level, (quota, unlimited) in table.items():
		already = _count(existing_awarded_counts.get(level, 0), f"existing count of {level}")
		adding = proposed_counts[level]
		total = already + adding
		over_by = 0 if unlimited else max(0, total - quota)
		summary[level] = {
			"quota": quota,
			"unlimited": unlimited,
			"already": already,
			"proposed": adding,
			"total": total,
			"over_by": over_by,
		}
		if over_by:
			problems.append(_over_message(level, quota, already, adding, total))
	return QuotaPreview(levels=summary, problems=problems)


def check_fits(level: str, current_count: int, adding: int, levels: Iterable[Any]) -> str | None:
	"""None when `adding` more projects at `level` stay within its quota, given `current_count` already
	awarded; otherwise the problem in Chinese (also for a level the edition does not have)."""
	table = _levels(levels)
	if level not in table:
		return _unknown(level, table)
	current_count = _count(current_count, "current_count")
	adding = _count(adding, "adding")
	quota, unlimited = table[level]
	total = current_count + adding
	if unlimited or total <= quota:
		return None
	return f"{level}名额为{quota}名，已授予{current_count}名，再授予{adding}名将超出{total - quota}名"
