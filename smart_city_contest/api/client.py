"""Permission-aware replacements for Frappe endpoints that would otherwise leak across districts."""

import frappe


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False):
	"""frappe.client.get_count counts with frappe.db.count, which applies no permission at all: any
	logged-in user could count (and so probe for) another district's applications. Count through
	frappe.get_list instead, which applies role permissions, User Permissions and the app's
	permission query conditions, like the list view's own count does."""
	from frappe.client import get_safe_filters

	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as total"], order_by=None)
	return rows[0].total if rows else 0
