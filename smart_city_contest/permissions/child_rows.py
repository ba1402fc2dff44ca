"""Child-table rows answer to their parent's rules, and are written only through their parent.

Frappe checks a child DocType against the *role* permissions of its parent DocType only: a list of
`Contest Project State Log` rows (REST, frappe.client.get_list/get_value, report view, link search)
is not filtered by the app's visibility rules, and a row can be changed or deleted on its own
(`PUT/DELETE /api/resource/<child>/<row>`), past the parent's locks and log. Here, for every child
DocType of the app:

- lists: a permission query condition keeps the rows whose parent the user may list
  (`child_query`, the parent's own condition in a sub-query);
- single rows: the controller base class `ChildRow` answers `has_permission` with the parent
  document's answer (read for reads, write for anything else);
- writes: a row saved or deleted on its own is refused; the parent's save (with all its rules) is
  the only way in.
"""

import frappe
from frappe import _
from frappe.model.document import Document

from smart_city_contest.permissions import visibility

# Each child DocType of the app and its parent DocType.
CHILD_PARENTS = {
	"Performance Indicator": "Contest Project",
	"Contest Project Attachment": "Contest Project",
	"Contest Project State Log": "Contest Project",
	"Expert Review Score": "Expert Review",
	"Expert Review Amendment": "Expert Review",
	"District Recommendation Item": "District Recommendation",
	"Review Expert Conflict": "Review Expert",
	"Contest Award Level": "Contest Edition",
	"Contest Scoring Dimension": "Contest Edition",
}


def parent_condition(parent: str, user: str | None) -> str:
	"""The parent DocType's own list condition ("" when the user sees every row)."""
	query = visibility.QUERY_CONDITIONS.get(parent)
	return query(user=user, doctype=parent) if query else ""


def child_query(user=None, doctype=None):
	parent = CHILD_PARENTS[doctype]
	condition = parent_condition(parent, user)
	if not condition:
		return ""
	return (
		f"(`tab{doctype}`.`parenttype` = {frappe.db.escape(parent)} and `tab{doctype}`.`parent` in "
		f"(select `tab{parent}`.`name` from `tab{parent}` where {condition}))"
	)


def _refuse_direct_write(row, verb: str):
	frappe.throw(
		_("“{0}”的行只能随所属的{1}一起{2}，不能单独{2}").format(_(row.doctype), _(row.parenttype or CHILD_PARENTS.get(row.doctype, "")), verb),
		frappe.PermissionError,
		title=_("不能单独修改"),
	)


class ChildRow(Document):
	"""Base class of the app's child-table controllers."""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if self.flags.ignore_permissions:
			return True
		parent_doctype = self.parenttype or CHILD_PARENTS.get(self.doctype)
		if not (parent_doctype and self.parent) or parent_doctype != CHILD_PARENTS.get(self.doctype):
			return False
		try:
			parent = frappe.get_doc(parent_doctype, self.parent)
		except frappe.DoesNotExistError:
			frappe.clear_last_message()
			return False
		ptype = "read" if permtype in ("read", "select", "print", "email", "export", "report") else "write"
		return parent.has_permission(ptype, debug=debug, user=user)

	# A parent's save writes its rows with db_insert/db_update and never calls these; they run only
	# when a row itself is saved or deleted (REST, frappe.client.*, the desk).
	def validate(self):
		_refuse_direct_write(self, _("保存"))

	def on_trash(self):
		_refuse_direct_write(self, _("删除"))
