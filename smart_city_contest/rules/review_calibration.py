"""Lenient and harsh experts: each expert's review totals standardised against his own scale (校准分).

A project's five experts are drawn from a larger pool, so a project that draws two harsh experts would
lose places it did not earn. The calibrated score removes each expert's own level and spread:

- an expert's scale is the mean and the *sample* standard deviation (divisor n − 1) of all his review
  totals in the edition (every project he reviewed, whatever the report shows);
- a review's standard score is z = (total − expert's mean) / expert's standard deviation, mapped back
  to the 100-point scale with the mean and sample standard deviation of every review total of the
  edition: calibrated = edition mean + z × edition standard deviation, limited to 0–100;
- an expert with fewer than `MIN_REVIEWS` reviews keeps his totals as they are (too few to tell how
  lenient he is); an expert who gives every project the same total has no spread: his standard scores
  are 0, so each of his reviews counts as the edition mean (he told the projects apart in no way);
- when the edition's totals themselves have no spread (or there is one review in all), nothing is
  calibrated: the calibrated totals are the totals;
- a project's calibrated score is the mean of its reviews' calibrated totals.

Every figure is computed exactly in decimal arithmetic and rounded once, half-up, to 2 decimals, as
the other statistics are (`review_statistics`). The rule as a Chinese sentence is `CALIBRATION_RULE`.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import Any

from smart_city_contest.rules.review_scoring import as_decimal, round2

MIN_REVIEWS = 3
CALIBRATION_RULE = (
	"校准分：每位专家的评分按其本届全部评分的平均分和标准差换算为标准分，再按本届全部评分的平均分和标准差"
	f"折算回百分制（限0至100分），取项目各份评审的平均；本届评审少于{MIN_REVIEWS}份的专家保留原始分，"
	"对所有项目评分相同的专家其标准分记为0（即按本届平均分计）"
)

_ZERO, _HUNDRED = Decimal(0), Decimal(100)


@dataclass(frozen=True)
class ExpertScale:
	"""One expert's scale in the edition, each figure rounded half-up to 2 decimals."""

	expert: Hashable
	count: int
	mean: float
	stdev: float
	offset: float  # the expert's mean − the edition's mean: > 0 lenient, < 0 harsh
	calibrated: bool  # False: fewer than MIN_REVIEWS reviews, his totals are kept as they are


@dataclass(frozen=True)
class Calibration:
	"""The edition's calibration: the experts' scales, the edition's own mean and spread, and per
	project the calibrated score (None for a project without a review) and its reviews' calibrated totals."""

	experts: dict
	mean: float | None
	stdev: float | None
	projects: dict  # project -> calibrated score (float, 2 decimals)
	reviews: dict  # (project, expert) -> calibrated total (float, 2 decimals)


def _mean_stdev(values: list[Decimal]) -> tuple[Decimal, Decimal]:
	n = len(values)
	mean = sum(values, _ZERO) / n
	if n == 1:
		return mean, _ZERO
	return mean, (sum(((v - mean) ** 2 for v in values), _ZERO) / (n - 1)).sqrt()


def calibrate(reviews: Iterable[tuple[Hashable, Hashable, Any]]) -> Calibration:
	"""Calibrate `reviews`, (project, expert, total) triples: every counted review of the edition (recused
	reviews are left out by the caller). An expert reviews a project at most once."""
	rows: list[tuple[Hashable, Hashable, Decimal]] = []
	by_expert: dict[Hashable, list[Decimal]] = {}
	seen: set[tuple[Hashable, Hashable]] = set()
	for project, expert, total in reviews:
		value = as_decimal(total)
		if value is None:
			raise ValueError(f"review total must be a finite number, got {total!r}")
		if (project, expert) in seen:
			raise ValueError(f"expert {expert!r} reviews project {project!r} twice")
		seen.add((project, expert))
		rows.append((project, expert, value))
		by_expert.setdefault(expert, []).append(value)
	if not rows:
		return Calibration({}, None, None, {}, {})
	with localcontext() as ctx:
		ctx.prec = 34
		edition_mean, edition_stdev = _mean_stdev([v for _p, _e, v in rows])
		scales: dict[Hashable, tuple[Decimal, Decimal, bool]] = {}
		experts = {}
		for expert, values in by_expert.items():
			mean, stdev = _mean_stdev(values)
			usable = len(values) >= MIN_REVIEWS and edition_stdev > 0
			scales[expert] = (mean, stdev, usable)
			experts[expert] = ExpertScale(
				expert, len(values), round2(mean), round2(stdev), round2(mean - edition_mean), usable
			)
		calibrated_reviews: dict[tuple[Hashable, Hashable], Decimal] = {}
		per_project: dict[Hashable, list[Decimal]] = {}
		for project, expert, value in rows:
			mean, stdev, usable = scales[expert]
			if not usable:
				calibrated = value
			else:
				z = (value - mean) / stdev if stdev > 0 else _ZERO
				calibrated = min(_HUNDRED, max(_ZERO, edition_mean + z * edition_stdev))
			calibrated_reviews[(project, expert)] = calibrated
			per_project.setdefault(project, []).append(calibrated)
		projects = {p: round2(sum(vs, _ZERO) / len(vs)) for p, vs in per_project.items()}
	return Calibration(
		experts,
		round2(edition_mean),
		round2(edition_stdev),
		projects,
		{key: round2(value) for key, value in calibrated_reviews.items()},
	)
