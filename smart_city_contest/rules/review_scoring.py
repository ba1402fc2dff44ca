"""One expert's review of one project: whether its scores are complete and in range, and the weighted
total out of 100 they make.

The edition's scoring dimensions (评审维度) are rows read with `.get` (a dict or a Frappe child row):
`dimension` (name), `weight` (percent; the edition keeps the weights summing to 100) and `max_score`
(满分). A review scores every dimension exactly once with a number from 0 to its `max_score`.

Total: Σ weight/100 × score/max_score × 100, i.e. each dimension contributes its weight scaled by the
share of its maximum the expert gave, so the total is out of 100 whatever each dimension's 满分 is.

Rounding: the arithmetic is exact decimal arithmetic on the numbers as entered (a float is taken at
its shortest decimal form, so 85.3 is 85.3 and not 85.29999…), and the result is rounded once, at the
end, to 2 decimals half-up (四舍五入), as a reviewer checks it by hand. Python's `round()` is not used:
it rounds half to even on the binary value (round(2.675, 2) == 2.67).
"""

import math
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

PLACES = Decimal("0.01")
FULL_MARKS = Decimal(100)
_WEIGHT_TOLERANCE = Decimal("0.001")

Scores = Mapping[str, Any] | Iterable[Any]


def as_decimal(value: Any) -> Decimal | None:
	"""`value` as an exact Decimal when it is a finite number (int, float, Decimal, Fraction); else None.

	Booleans, strings (even "85") and None are not numbers here: a score must be entered as a number.
	"""
	if isinstance(value, bool):
		return None
	if isinstance(value, int):
		return Decimal(value)
	if isinstance(value, float):
		return Decimal(repr(value)) if math.isfinite(value) else None
	if isinstance(value, Decimal):
		return value if value.is_finite() else None
	if isinstance(value, Fraction):
		return Decimal(value.numerator) / Decimal(value.denominator)
	return None


def round2(value: Decimal) -> float:
	"""`value` rounded half-up to 2 decimals, as the float a Frappe Float field stores."""
	return float(value.quantize(PLACES, rounding=ROUND_HALF_UP))


def shown(value: Decimal) -> str:
	"""A number the way a person writes it: 100 not 100.00, 85.5 not 85.50."""
	text = format(value, "f")
	return text.rstrip("0").rstrip(".") if "." in text else text


def score_entries(scores: Scores) -> list[tuple[str, Any]]:
	"""(dimension, score) pairs from a mapping, from pairs, or from rows with `dimension` and `score`."""
	if isinstance(scores, Mapping):
		return [(str(k), v) for k, v in scores.items()]
	entries = []
	for item in scores:
		if isinstance(item, tuple | list):
			dimension, score = item
			entries.append((str(dimension or ""), score))
		else:
			entries.append((str(item.get("dimension") or ""), item.get("score")))
	return entries


def score_problems(scores: Scores, dimensions: Iterable[Any]) -> list[tuple[str, str]]:
	"""(dimension, Chinese message) for each thing wrong with one review's scores; empty when it is complete.

	Decides: every dimension of the edition is scored exactly once, no other dimension is scored, and
	each score is a number with 0 ≤ score ≤ max_score of its dimension.
	"""
	max_by_name = {row.get("dimension"): as_decimal(row.get("max_score")) for row in dimensions}
	problems: list[tuple[str, str]] = []
	seen: set[str] = set()
	for dimension, score in score_entries(scores):
		if not dimension:
			problems.append(("", "评分行未填写评审维度"))
			continue
		if dimension not in max_by_name:
			problems.append((dimension, f"“{dimension}”不是本届大赛的评审维度"))
			continue
		if dimension in seen:
			problems.append((dimension, f"评审维度“{dimension}”重复评分"))
			continue
		seen.add(dimension)
		value = as_decimal(score)
		if value is None:
			problems.append((dimension, f"“{dimension}”的得分须为数字"))
		elif value < 0:
			problems.append((dimension, f"“{dimension}”的得分不能为负数"))
		else:
			top = max_by_name[dimension]
			if top is not None and value > top:
				problems.append((dimension, f"“{dimension}”的得分为{shown(value)}分，超过满分{shown(top)}分"))
	for dimension in max_by_name:
		if dimension not in seen:
			problems.append((dimension, f"未对评审维度“{dimension}”评分"))
	return problems


def weighted_total(scores: Scores, dimensions: Iterable[Any]) -> float:
	"""The review's total out of 100: Σ weight/100 × score/max_score × 100, rounded half-up to 2 decimals.

	Raises ValueError (Chinese message) when the scores are not a complete, valid review (see
	`score_problems`) or the dimensions cannot make a total out of 100 (满分 not positive, weights not
	summing to 100); callers validate first, so this is a guard, not the way problems are reported.
	"""
	dimensions = list(dimensions)
	problems = score_problems(scores, dimensions)
	if problems:
		raise ValueError("；".join(message for _d, message in problems))
	scored = dict(score_entries(scores))
	with localcontext() as ctx:
		ctx.prec = 34
		weight_sum = Decimal(0)
		total = Decimal(0)
		for row in dimensions:
			name = row.get("dimension")
			weight, top = as_decimal(row.get("weight")), as_decimal(row.get("max_score"))
			if weight is None or weight < 0:
				raise ValueError(f"评审维度“{name}”的权重须为非负数")
			if top is None or top <= 0:
				raise ValueError(f"评审维度“{name}”的满分须大于0")
			weight_sum += weight
			total += weight * as_decimal(scored[name]) / top
		if abs(weight_sum - FULL_MARKS) > _WEIGHT_TOLERANCE:
			raise ValueError(f"评审维度权重合计须为100%，当前为{shown(weight_sum)}%")
		return round2(total)
