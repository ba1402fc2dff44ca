import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_datetime, now_datetime

from smart_city_contest.errors import throw_for_field

UNIQUE_INDEX = "unique_extension_contest_district"


class DistrictDeadlineExtension(Document):
	def validate(self):
		deadline = frappe.db.get_value("Contest Edition", self.contest, "recommendation_deadline")
		if deadline and get_datetime(self.extended_until) <= get_datetime(deadline):
			throw_for_field(
				self, "extended_until", _("须晚于大赛规定的区县推荐截止时间（{0}）").format(deadline)
			)
		if not (self.reason or "").strip():
			throw_for_field(self, "reason", _("延期须说明原因"))
		existing = frappe.db.get_value(
			"District Deadline Extension",
			{"contest": self.contest, "district": self.district, "name": ("!=", self.name)},
			"name",
		)
		if existing:
			throw_for_field(
				self, "district", _("{0}在本届已有延期记录{1}，请在该记录上修改").format(self.district, existing),
				frappe.DuplicateEntryError,
			)
		# Recorded by the server, whatever the client sent.
		self.granted_by = frappe.session.user
		self.granted_on = now_datetime()


def on_doctype_update():
	frappe.db.add_unique("District Deadline Extension", ["contest", "district"], constraint_name=UNIQUE_INDEX)
