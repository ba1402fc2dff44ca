import frappe
from frappe import _
from frappe.model.document import Document

from smart_city_contest.errors import throw_for_field
from smart_city_contest.rules.project_workflow import EXPERT

EXPERTISE_FIELDS = (
	("expertise_industry", "产业与经济发展"),
	("expertise_government_service", "政务服务"),
	("expertise_urban_management", "城市管理"),
	("expertise_social_governance", "社会治理"),
	("expertise_other", "其他"),
)


class ReviewExpert(Document):
	def validate(self):
		if self.user and EXPERT not in frappe.get_roles(self.user):
			throw_for_field(self, "user", _("账号{0}没有“评审专家”角色，请先为该账号分配角色").format(self.user))
		seen = set()
		for row in self.conflicts:
			if row.unit in seen:
				throw_for_field(row, "unit", _("{0}重复").format(row.unit), row_of=_("回避单位"))
			seen.add(row.unit)

	@property
	def expertise(self) -> tuple[str, ...]:
		return tuple(label for fieldname, label in EXPERTISE_FIELDS if self.get(fieldname))
