"""Exceptions and the one way this app reports bad input: a Chinese message that names the field."""

import frappe
from frappe import _


class InvalidUscc(frappe.ValidationError):
	pass


class TextTooLong(frappe.ValidationError):
	pass


class InvalidIndicator(frappe.ValidationError):
	pass


class DuplicateApplication(frappe.DuplicateEntryError):
	pass


def field_label(doc, fieldname: str) -> str:
	df = doc.meta.get_field(fieldname)
	return _(df.label) if df and df.label else fieldname


def throw_for_field(doc, fieldname: str, problem: str, exc=frappe.ValidationError, row_of: str | None = None):
	"""Stop the save with “<字段>：<问题>”; for a child row, “<表格>第N行<字段>：<问题>”."""
	label = field_label(doc, fieldname)
	if row_of:
		label = _("{0}第{1}行“{2}”").format(row_of, doc.idx, label)
	else:
		label = _("“{0}”").format(label)
	frappe.throw(_("{0}：{1}").format(label, problem), exc=exc, title=_("填写有误"))


class InvalidTransition(frappe.ValidationError):
	"""A workflow move that the state, the role or a missing reason does not allow."""


class DeadlinePassed(frappe.ValidationError):
	"""The edition's window for this action is closed (or not yet open)."""


class IncompleteApplication(frappe.ValidationError):
	"""Declarations, materials or the district's check list are not complete."""


class ServerManagedField(frappe.ValidationError):
	"""A client tried to set a field that only the server fills (state, dates, log)."""


class NotYourUnit(frappe.PermissionError):
	pass


class ConflictOfInterest(frappe.ValidationError):
	pass


class QuotaExceeded(frappe.ValidationError):
	pass
