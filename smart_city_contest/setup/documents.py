"""Install/migrate set-up of the official documents (idempotent).

- The standard Print Formats listed in documents/templates.py PRINT_FORMATS are shipped as module
  files (<module>/print_format/<name>/<name>.json, synced by Frappe) without HTML; their HTML is
  the repository's print_formats/<template> with print_formats/_base.css in front, copied here
  into Print Format.html whenever it differs. The print_formats/ files stay the one source.
- The Fandol fonts are converted once to TrueType outlines (documents/fonts.py) so that PDFs
  are written about four times faster.
"""

import frappe

from smart_city_contest.documents import fonts
from smart_city_contest.documents.templates import PRINT_FORMATS, print_format_html


def after_install():
	setup()


def after_migrate():
	setup()


def setup():
	sync_print_formats()
	prepare_fonts()


def sync_print_formats() -> list[str]:
	"""Create missing print formats and refresh their HTML from print_formats/; returns the changed ones."""
	changed = []
	for spec in PRINT_FORMATS:
		html = print_format_html(spec)
		if not frappe.db.exists("Print Format", spec.name):
			doc = frappe.get_doc(
				{
					"doctype": "Print Format",
					"name": spec.name,
					"doc_type": spec.doc_type,
					"module": spec.module,
					"standard": "Yes",
					"custom_format": 0,
					"print_format_type": "Jinja",
					"default_print_language": "zh",
					"html": html,
				}
			)
			doc.flags.ignore_permissions = True
			doc.insert()
			changed.append(spec.name)
		elif frappe.db.get_value("Print Format", spec.name, "html") != html:
			frappe.db.set_value("Print Format", spec.name, "html", html, update_modified=False)
			changed.append(spec.name)
	for name in changed:
		frappe.clear_document_cache("Print Format", name)
	return changed


def prepare_fonts():
	try:
		fonts.prepare()
	except Exception:
		# The PDFs still work from the OpenType files, only slower.
		frappe.log_error(title="smart_city_contest: font conversion failed")
