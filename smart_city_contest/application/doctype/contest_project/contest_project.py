import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from smart_city_contest.errors import (
	DuplicateApplication,
	InvalidIndicator,
	TextTooLong,
	throw_for_field,
)
from smart_city_contest.rules.indicators import indicator_problem
from smart_city_contest.rules.text_limits import PROJECT_SUMMARY_MAX, over_limit

# (fieldname, the official 涉及领域 option) in the order of the 申报表.
DOMAIN_FIELDS = (
	("domain_industry", "产业与经济发展"),
	("domain_government_service", "政务服务"),
	("domain_urban_management", "城市管理"),
	("domain_social_governance", "社会治理"),
	("domain_other", "其他"),
)
UNIQUE_APPLICATION_INDEX = "unique_contest_unit"


class ContestProject(Document):
	def validate(self):
		self.set_district_from_unit()
		self.validate_one_project_per_unit()
		self.validate_domains()
		self.validate_investment()
		self.validate_text_limits()
		self.validate_period()
		self.validate_indicators()

	def set_district_from_unit(self):
		"""属地原则: the district is the unit's. A client that types another one is refused."""
		unit_district = frappe.db.get_value("Participant Unit", self.unit, "district") if self.unit else None
		stored = self.get_doc_before_save()
		typed = self.district if (stored is None or self.district != stored.district) else None
		if typed and typed != unit_district:
			throw_for_field(
				self, "district",
				_("所在区县取自参赛单位（{0}），不能填写为“{1}”").format(unit_district or _("未填写"), typed),
			)
		self.district = unit_district

	def validate_one_project_per_unit(self):
		if not (self.contest and self.unit):
			return
		existing = frappe.db.get_value(
			"Contest Project", {"contest": self.contest, "unit": self.unit, "name": ("!=", self.name)}, "name"
		)
		if existing:
			self.throw_duplicate(existing)

	def throw_duplicate(self, existing: str | None = None):
		unit_name = frappe.db.get_value("Participant Unit", self.unit, "unit_name") or self.unit
		throw_for_field(
			self, "unit",
			_("参赛单位“{0}”在“{1}”中已申报项目{2}，每个参赛单位只能申报1个项目").format(
				unit_name, self.contest, existing or ""
			),
			exc=DuplicateApplication,
		)

	def validate_domains(self):
		if not any(self.get(fieldname) for fieldname, _label in DOMAIN_FIELDS):
			throw_for_field(self, "domain_industry", _("请至少选择一个涉及领域"))
		if self.domain_other and not (self.other_domain_name or "").strip():
			throw_for_field(self, "other_domain_name", _("涉及领域选择“其他”时须填写名称"))
		if not self.domain_other:
			self.other_domain_name = None

	def validate_investment(self):
		if flt(self.investment_amount) < 0:
			throw_for_field(self, "investment_amount", _("不能为负数（当前为{0}）").format(self.investment_amount))

	def validate_text_limits(self):
		if problem := over_limit(self.project_summary, PROJECT_SUMMARY_MAX):
			throw_for_field(self, "project_summary", problem, exc=TextTooLong)

	def validate_period(self):
		if self.period_start and self.period_end and getdate(self.period_end) < getdate(self.period_start):
			throw_for_field(self, "period_end", _("不能早于项目期限（起）{0}").format(self.period_start))

	def validate_indicators(self):
		for row in self.indicators:
			if problem := indicator_problem(row.level_1, row.level_2, row.level_1_other, row.level_2_other):
				throw_for_field(row, "level_2", problem, exc=InvalidIndicator, row_of=_("绩效指标"))
			if row.level_1 != "其他":
				row.level_1_other = None
			if row.level_2 != "其他":
				row.level_2_other = None

	@property
	def domain_labels(self) -> list[str]:
		"""The chosen 涉及领域 as the form prints them (其他 with its name)."""
		labels = []
		for fieldname, label in DOMAIN_FIELDS:
			if self.get(fieldname):
				labels.append(f"{label}（{self.other_domain_name}）" if fieldname == "domain_other" else label)
		return labels

	def db_insert(self, *args, **kwargs):
		"""Two requests racing past validate_one_project_per_unit meet the unique index: say so in Chinese."""
		try:
			return super().db_insert(*args, **kwargs)
		except frappe.UniqueValidationError as e:
			if UNIQUE_APPLICATION_INDEX not in str(e.args[-1] if e.args else e):
				raise
			frappe.clear_last_message()
			self.throw_duplicate()


def on_doctype_update():
	"""每个参赛单位只能申报1个项目 (per edition), held by the database."""
	frappe.db.add_unique("Contest Project", ["contest", "unit"], constraint_name=UNIQUE_APPLICATION_INDEX)
	frappe.db.add_index("Contest Project", ["district", "contest"])
