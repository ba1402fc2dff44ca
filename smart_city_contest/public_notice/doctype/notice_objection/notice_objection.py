from frappe import _
from frappe.model.document import Document
from frappe.utils import cstr, get_datetime

from smart_city_contest.errors import ServerManagedField, throw_for_field
from smart_city_contest.rules.final_results import DECIDED_STATUS

# Set only by public_notice/results.py decide_objection (with the quota locks), never by a form or REST.
DECISION_FIELDS = (
	"decision",
	"new_award_level",
	"decision_reason",
	"level_before",
	"level_after",
	"decided_by",
	"decided_on",
)


def _value(doc, fieldname):
	value = doc.get(fieldname) if doc else None
	if fieldname == "decided_on" and value:
		return str(get_datetime(value))
	return cstr(value).strip() or None


class NoticeObjection(Document):
	def validate(self):
		if self.flags.deciding:
			return
		before = None if self.is_new() else self.get_doc_before_save()
		for fieldname in DECISION_FIELDS:
			if _value(self, fieldname) != _value(before, fieldname):
				throw_for_field(
					self, fieldname, _("由“作出处理决定”填写，不能直接修改"), ServerManagedField
				)
		was_decided = bool(before and before.decision)
		if was_decided and self.status != DECIDED_STATUS:
			throw_for_field(self, "status", _("异议已作出处理决定，状态不能再修改"), ServerManagedField)
		if not was_decided and self.status == DECIDED_STATUS:
			throw_for_field(
				self, "status", _("“{0}”由“作出处理决定”设置，不能直接选择").format(DECIDED_STATUS), ServerManagedField
			)
