"""One record per winner, opened by 公布结果 (public_notice/results.py) with its 获奖证书 number; the
city keeps the follow-up (试点示范, 奖补, 劳动竞赛推荐) here. Only the city bureau has permissions on it."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, cstr, flt, getdate

from smart_city_contest.district_review.project_flow import edition_now
from smart_city_contest.errors import ServerManagedField, throw_for_field
from smart_city_contest.rules.award_follow_up import follow_up_problems

# Written by 公布结果 only: which award this is and its certificate.
SERVER_FIELDS = (
	"project",
	"contest",
	"project_name",
	"unit",
	"unit_name",
	"district",
	"award_level",
	"certificate_no",
	"certificate_date",
)
UNIQUE_CERTIFICATE_INDEX = "unique_contest_certificate_no"


def _value(doc, fieldname):
	value = doc.get(fieldname) if doc else None
	if fieldname == "certificate_date":
		return str(getdate(value)) if value else None
	return cstr(value).strip() or None


class AwardFollowUp(Document):
	def validate(self):
		if self.is_new():
			if not self.flags.from_publication:
				frappe.throw(_("获奖项目跟踪记录在公布结果时自动生成，不能手工新建"), frappe.PermissionError)
		else:
			before = self.get_doc_before_save()
			for fieldname in SERVER_FIELDS:
				if _value(self, fieldname) != _value(before, fieldname):
					throw_for_field(self, fieldname, _("由公布结果生成，不能修改"), ServerManagedField)
		today = edition_now(self.contest).date()
		for fieldname, problem in follow_up_problems(
			bool(cint(self.pilot_included)),
			getdate(self.pilot_date) if self.pilot_date else None,
			flt(self.subsidy_amount),
			self.subsidy_status or None,
			getdate(self.subsidy_paid_on) if self.subsidy_paid_on else None,
			bool(cint(self.labour_contest_recommended)),
			self.labour_contest_note,
			today,
		):
			throw_for_field(self, fieldname, _(problem))

	def on_trash(self):
		frappe.throw(_("获奖项目跟踪记录随最终结果保存，不能删除"), frappe.PermissionError)


def on_doctype_update():
	"""A certificate number is unique within its edition, whoever issues it and however concurrently."""
	frappe.db.add_unique("Award Follow Up", ("contest", "certificate_no"), constraint_name=UNIQUE_CERTIFICATE_INDEX)
