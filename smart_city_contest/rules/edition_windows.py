"""The dated windows of a contest edition and the order they must keep.

Times are naive datetimes in the edition's time zone (Asia/Shanghai for Jinan).
"""

from datetime import datetime

# (fieldname, Chinese label) in the order the plan runs them.
WINDOW_FIELDS: tuple[tuple[str, str], ...] = (
	("application_start", "申报开始时间"),
	("application_end", "申报截止时间"),
	("recommendation_deadline", "区县推荐截止时间"),
	("review_start", "专家评审开始时间"),
	("review_end", "专家评审结束时间"),
	("notice_start", "公示开始时间"),
	("notice_end", "公示结束时间"),
)

# Pairs (earlier, later, strict): the later one may not come before the earlier one.
_ORDER = (
	("application_start", "application_end", True),
	("application_end", "recommendation_deadline", False),
	("recommendation_deadline", "review_start", False),
	("review_start", "review_end", True),
	("review_end", "notice_start", False),
	("notice_start", "notice_end", True),
)


def window_order_problems(values: dict[str, datetime | None]) -> list[tuple[str, str]]:
	"""(fieldname, Chinese message) for each window boundary out of order; empty when all is well."""
	labels = dict(WINDOW_FIELDS)
	problems = []
	for earlier, later, strict in _ORDER:
		a, b = values.get(earlier), values.get(later)
		if a is None or b is None:
			continue
		if b < a or (strict and b == a):
			relation = "晚于" if strict else "不早于"
			problems.append((later, f"{labels[later]}须{relation}{labels[earlier]}（{a:%Y-%m-%d %H:%M}）"))
	return problems
