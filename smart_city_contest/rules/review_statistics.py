"""What a project's review totals add up to, and the order (名次) they put the projects in.

Input is the list of a project's review totals (each out of 100, see `review_scoring`); recused
reviews (回避) are excluded by the caller. Decided here:

- count, mean, median (average of the two middle totals when the count is even);
- trimmed mean: `TRIM_RULE` — with 5 or more reviews exactly one highest and one lowest total are
  dropped, with fewer the trimmed mean is the mean;
- standard deviation: the *sample* standard deviation (divisor n − 1), because a project's experts
  are a sample of the possible judges; 0 for a single review (`STDEV_RULE`);
- disagreement (评分分歧): measured by the *range* max − min, because a committee reads “the highest
  and lowest scores differ by more than X points” directly on the score sheet, and it means the same
  with 2 reviews as with 7; flagged when the range is strictly greater than the caller's threshold
  (`disagreement_rule`);
- ranking: see `rank_projects`.

Rounding: every figure is computed exactly in decimal arithmetic from the totals as given and rounded
once, half-up (四舍五入), to 2 decimals. Rankings compare those published 2-decimal figures, so two
projects that show the same figure are tied on it and go to the tie-breaks.
"""

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from smart_city_contest.rules.review_scoring import PLACES, as_decimal, round2, shown

TRIM_MIN_REVIEWS = 5
TRIM_RULE = "评审意见数不少于5份时，去掉一个最高分和一个最低分后取平均；少于5份时取全部平均"
STDEV_RULE = "标准差为样本标准差（离差平方和除以评审意见数减1后开方）；仅有1份评审意见时为0"

STATISTICS = ("trimmed_mean", "mean", "median", "calibrated")
STATISTIC_LABELS = {
	"trimmed_mean": "去掉最高分和最低分后的平均分",
	"mean": "平均分",
	"median": "中位数",
	"calibrated": "校准分",  # rules/review_calibration.py
}

_TWO = Decimal(2)


def disagreement_rule(threshold: float | int | Decimal) -> str:
	"""The disagreement rule as a Chinese sentence for the report, for the given threshold in points."""
	return f"同一项目最高分与最低分之差超过{shown(_threshold(threshold))}分时，标记为评分分歧"


@dataclass(frozen=True)
class ReviewStatistics:
	"""Figures of one project's reviews, each rounded half-up to 2 decimals; None when there is no review."""

	count: int
	mean: float | None
	median: float | None
	trimmed_mean: float | None
	stdev: float | None
	minimum: float | None
	maximum: float | None
	spread: float | None  # maximum − minimum, the disagreement measure
	trimmed: bool  # the trimmed mean dropped a highest and a lowest total
	disagreement: bool


@dataclass(frozen=True)
class RankedProject:
	"""One project in ranking order: `rank` is shared by ties (1, 1, 3); None for a project with no review."""

	project: Hashable
	rank: int | None
	score: float | None  # the ranking statistic
	statistics: ReviewStatistics
	row: Any  # the input row, for the caller's other columns


def _threshold(value: Any) -> Decimal:
	number = as_decimal(value)
	if number is None or number < 0:
		raise ValueError(f"disagreement threshold must be a non-negative number, got {value!r}")
	return number


def _totals(totals: Iterable[Any]) -> list[Decimal]:
	values = []
	for total in totals:
		number = as_decimal(total)
		if number is None:
			raise ValueError(f"review total must be a finite number, got {total!r}")
		values.append(number)
	values.sort()
	return values


def _statistics(values: list[Decimal], threshold: Decimal | None) -> ReviewStatistics:
	"""Statistics of `values`, already sorted ascending and exact; the shared core of both public entries."""
	n = len(values)
	if n == 0:
		return ReviewStatistics(0, None, None, None, None, None, None, None, False, False)
	with localcontext() as ctx:
		ctx.prec = 34
		total = sum(values, Decimal(0))
		mean = total / n
		middle = n // 2
		median = values[middle] if n % 2 else (values[middle - 1] + values[middle]) / _TWO
		trimmed = n >= TRIM_MIN_REVIEWS
		trimmed_mean = (total - values[0] - values[-1]) / (n - 2) if trimmed else mean
		if n == 1:
			stdev = Decimal(0)
		else:
			stdev = (sum(((v - mean) ** 2 for v in values), Decimal(0)) / (n - 1)).sqrt()
		spread = values[-1] - values[0]
	return ReviewStatistics(
		count=n,
		mean=round2(mean),
		median=round2(median),
		trimmed_mean=round2(trimmed_mean),
		stdev=round2(stdev),
		minimum=round2(values[0]),
		maximum=round2(values[-1]),
		spread=round2(spread),
		trimmed=trimmed,
		disagreement=threshold is not None and spread.quantize(PLACES, rounding=ROUND_HALF_UP) > threshold,
	)


def review_statistics(
	totals: Iterable[float | int | Decimal], disagreement_threshold: float | int | Decimal | None = None
) -> ReviewStatistics:
	"""Count, mean, median, trimmed mean, sample stdev, min, max, range and disagreement of `totals`.

	`disagreement_threshold` is in points (None: never flag); the flag is range > threshold.
	"""
	threshold = None if disagreement_threshold is None else _threshold(disagreement_threshold)
	return _statistics(_totals(totals), threshold)


def _project_and_totals(row: Any) -> tuple[Hashable, Iterable[Any]]:
	if isinstance(row, Mapping):
		return row["project"], row["totals"]
	project, totals = row
	return project, totals


def rank_projects(
	rows: Iterable[Any],
	statistic: str = "trimmed_mean",
	*,
	disagreement_threshold: float | int | Decimal | None = None,
	known: Mapping[Hashable, ReviewStatistics] | None = None,
) -> list[RankedProject]:
	"""The projects in ranking order with their statistics and competition ranks (1, 1, 3), in one pass.

	`rows` are mappings with `project` (id) and `totals` (list of review totals), other keys travel
	along in `RankedProject.row`, or (project, totals) pairs. `statistic` is one of `STATISTICS`; for
	"calibrated" each reviewed row is a mapping that also carries its `calibrated` score.

	Order: the chosen statistic descending, then the mean descending, then the number of reviews
	descending (a figure resting on more experts comes first), then the project id ascending. Projects
	share a rank when the statistic, the mean and the number of reviews are all equal; the project id
	only makes the listing order deterministic. Projects without any review come last, unranked
	(rank None), by project id. Project ids must be unique and mutually comparable (Frappe names are).

	`known`: statistics already computed for these rows with the same threshold (a previous ranking's
	`RankedProject.statistics` by project), reused instead of computed again.
	"""
	if statistic not in STATISTICS:
		raise ValueError(f"statistic must be one of {', '.join(STATISTICS)}, got {statistic!r}")
	threshold = None if disagreement_threshold is None else _threshold(disagreement_threshold)
	scored: list[tuple[tuple, Any, ReviewStatistics]] = []
	unreviewed: list[RankedProject] = []
	seen: set[Hashable] = set()
	for row in rows:
		project, totals = _project_and_totals(row)
		if project in seen:
			raise ValueError(f"project {project!r} appears twice")
		seen.add(project)
		stats = known.get(project) if known else None
		if stats is None:
			stats = _statistics(_totals(totals), threshold)
		if stats.count == 0:
			unreviewed.append(RankedProject(project, None, None, stats, row))
			continue
		if statistic == "calibrated":
			# The caller's calibrated score (review_calibration.calibrate), one per reviewed project.
			value = row.get("calibrated") if isinstance(row, Mapping) else None
			if value is None:
				raise ValueError(f"project {project!r} has reviews but no calibrated score")
			primary = float(value)
		else:
			primary = getattr(stats, statistic)
		scored.append(((-primary, -stats.mean, -stats.count, project), row, stats))
	scored.sort(key=lambda entry: entry[0])
	ranked: list[RankedProject] = []
	previous_tie = None
	rank = 0
	for position, (key, row, stats) in enumerate(scored, start=1):
		tie = key[:3]
		if tie != previous_tie:
			rank, previous_tie = position, tie
		ranked.append(RankedProject(key[3], rank, -key[0], stats, row))
	unreviewed.sort(key=lambda item: item.project)
	return ranked + unreviewed
