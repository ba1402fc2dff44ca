import re

from frappe import _
from frappe.model.document import Document

from smart_city_contest.errors import throw_for_field


class ContestDistrict(Document):
	def validate(self):
		self.division_code = (self.division_code or "").strip() or None
		if self.division_code and not re.fullmatch(r"\d{6}", self.division_code):
			throw_for_field(self, "division_code", _("应为6位数字，当前为“{0}”").format(self.division_code))
