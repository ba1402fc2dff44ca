from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, flt, get_datetime

from smart_city_contest.errors import ServerManagedField, throw_for_field
from smart_city_contest.rules.edition_windows import WINDOW_FIELDS, window_order_problems


class ContestEdition(Document):
	def validate(self):
		self.validate_publication_fields()
		self.validate_windows()
		self.validate_award_levels()
		self.validate_scoring_dimensions()
		self.validate_duplicate_threshold()

	# Set only by 公布结果 (public_notice/results.py publish_results), never by a form or REST.
	PUBLICATION_FIELDS = ("results_published", "results_published_on", "results_published_by")

	def validate_publication_fields(self):
		if self.flags.publishing_results:
			return
		before = None if self.is_new() else self.get_doc_before_save()
		def value(doc, fieldname):
			v = doc.get(fieldname) if doc else None
			if fieldname == "results_published":
				return cint(v)
			return str(get_datetime(v)) if fieldname == "results_published_on" and v else (v or None)

		for fieldname in self.PUBLICATION_FIELDS:
			if value(self, fieldname) != value(before, fieldname):
				throw_for_field(self, fieldname, _("由“公布结果”设置，不能直接修改"), ServerManagedField)

	def validate_windows(self):
		values = {f: get_datetime(self.get(f)) if self.get(f) else None for f, _label in WINDOW_FIELDS}
		for fieldname, problem in window_order_problems(values):
			throw_for_field(self, fieldname, problem)

	def validate_award_levels(self):
		seen_levels, seen_ranks = set(), set()
		for row in self.award_levels:
			if row.award_level in seen_levels:
				throw_for_field(row, "award_level", _("“{0}”重复").format(row.award_level), row_of=_("奖项与名额"))
			if row.rank in seen_ranks:
				throw_for_field(row, "rank", _("等次{0}重复").format(row.rank), row_of=_("奖项与名额"))
			seen_levels.add(row.award_level)
			seen_ranks.add(row.rank)
			if row.is_unlimited:
				row.quota = 0
			elif (row.quota or 0) <= 0:
				throw_for_field(row, "quota", _("须为正整数，或勾选“名额不限（若干）”"), row_of=_("奖项与名额"))

	def validate_scoring_dimensions(self):
		seen = set()
		for row in self.scoring_dimensions:
			if row.dimension in seen:
				throw_for_field(row, "dimension", _("“{0}”重复").format(row.dimension), row_of=_("评审维度"))
			seen.add(row.dimension)
			for fieldname in ("weight", "max_score"):
				if flt(row.get(fieldname)) <= 0:
					throw_for_field(row, fieldname, _("须大于0"), row_of=_("评审维度"))
		total = sum(flt(row.weight) for row in self.scoring_dimensions)
		if self.scoring_dimensions and abs(total - 100) > 0.001:
			throw_for_field(self, "scoring_dimensions", _("权重合计须为100%，当前为{0}%").format(flt(total, 2)))

	def award_level(self, level: str):
		"""The award-level row named `level`, or None."""
		return next((row for row in self.award_levels if row.award_level == level), None)

	def validate_duplicate_threshold(self):
		if self.get("duplicate_threshold") is None:
			return
		if not 0 < flt(self.duplicate_threshold) <= 100:
			throw_for_field(self, "duplicate_threshold", _("须大于0且不超过100"))
