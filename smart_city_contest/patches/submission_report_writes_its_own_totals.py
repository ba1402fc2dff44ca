"""区县报送情况 writes its own 合计 row (Frappe's totals row is labelled "Total", untranslated): Frappe keeps
a site's `add_total_row` of a standard report on migrate, so an existing site turns its totals row off
here, or the report would show both."""

import frappe


def execute():
	if frappe.db.exists("Report", "District Submission Status"):
		frappe.db.set_value("Report", "District Submission Status", "add_total_row", 0, update_modified=False)
