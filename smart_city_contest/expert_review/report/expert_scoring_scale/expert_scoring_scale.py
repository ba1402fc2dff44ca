"""专家评分尺度: each expert's scale in the edition (number of reviews, mean, spread, how far his mean lies
from the edition's, whether his totals are calibrated) and how far calibration moves his totals on average.
The same reviews and the same rule as the ranking's 校准分 (rules/review_calibration.py). City only."""

from decimal import Decimal

import frappe
from frappe import _

from smart_city_contest.expert_review.report.project_ranking.project_ranking import edition_reviews
from smart_city_contest.rules.review_calibration import CALIBRATION_RULE, MIN_REVIEWS, calibrate
from smart_city_contest.rules.review_scoring import round2


def execute(filters=None):
	filters = frappe._dict(filters or {})
	contest = filters.contest or frappe.db.get_value("Contest Edition", {}, "name", order_by="year desc")
	if not contest:
		return columns(), [], None
	reviews = edition_reviews(contest)
	calibration = calibrate(reviews)
	moved: dict[str, list[float]] = {}
	for project, expert, total in reviews:
		moved.setdefault(expert, []).append(abs(calibration.reviews[(project, expert)] - total))
	names = dict(
		frappe.get_all("Review Expert", filters={"name": ("in", list(calibration.experts))},
			fields=["name", "expert_name"], as_list=True)
	) if calibration.experts else {}
	rows = []
	for scale in sorted(calibration.experts.values(), key=lambda s: (-s.offset, str(s.expert))):
		shifts = moved[scale.expert]
		rows.append(
			{
				"expert": scale.expert,
				"expert_name": names.get(scale.expert) or "",
				"reviews": scale.count,
				"mean": scale.mean,
				"stdev": scale.stdev,
				"offset": scale.offset,
				"tendency": tendency(scale, calibration.stdev),
				"calibrated": _("是") if scale.calibrated else _("否（评审少于{0}份，保留原始分）").format(MIN_REVIEWS),
				"mean_shift": round2(sum((Decimal(str(x)) for x in shifts), Decimal(0)) / len(shifts)),
			}
		)
	message = "；".join(
		[
			_("本届有效评审{0}份，平均分{1}，标准差{2}").format(
				len(reviews), calibration.mean if calibration.mean is not None else "—",
				calibration.stdev if calibration.stdev is not None else "—",
			),
			CALIBRATION_RULE,
			_("偏宽/偏严：专家平均分高于/低于本届平均分超过本届标准差的一半"),
		]
	)
	return columns(), rows, message


def tendency(scale, edition_stdev) -> str:
	"""偏宽 / 偏严 when the expert's mean lies more than half the edition's spread above / below its mean."""
	if not edition_stdev:
		return _("适中")
	if scale.offset > edition_stdev / 2:
		return _("偏宽")
	if scale.offset < -edition_stdev / 2:
		return _("偏严")
	return _("适中")


def columns():
	return [
		{"fieldname": "expert", "label": _("专家编号"), "fieldtype": "Link", "options": "Review Expert", "width": 110},
		{"fieldname": "expert_name", "label": _("专家姓名"), "fieldtype": "Data", "width": 100},
		{"fieldname": "reviews", "label": _("评审数"), "fieldtype": "Int", "width": 70},
		{"fieldname": "mean", "label": _("平均分"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "stdev", "label": _("标准差"), "fieldtype": "Float", "precision": 2, "width": 80},
		{"fieldname": "offset", "label": _("与本届平均分之差"), "fieldtype": "Float", "precision": 2, "width": 130},
		{"fieldname": "tendency", "label": _("评分尺度"), "fieldtype": "Data", "width": 80},
		{"fieldname": "calibrated", "label": _("参与校准"), "fieldtype": "Data", "width": 200},
		{"fieldname": "mean_shift", "label": _("平均校准幅度"), "fieldtype": "Float", "precision": 2, "width": 110},
	]
