"""The unit tests run without a site (under pytest; Frappe's runner runs them on one). Messages go
through Frappe's _() (docs/translations.md), which without a site has no catalogue to read and would
try to log that into ../logs; with no language set it returns its source string, the Chinese the app
writes, so that is what a unit test sees."""

import pytest


@pytest.fixture(autouse=True)
def translate_without_a_site():
	try:
		import frappe
	except ImportError:  # the pure rules need no Frappe
		yield
		return
	if getattr(frappe.local, "site", None):  # a site is loaded (an integration run): leave it alone
		yield
		return
	missing = object()
	before = getattr(frappe.local, "lang", missing)
	frappe.local.lang = None
	yield
	if before is missing:
		del frappe.local.lang
	else:
		frappe.local.lang = before
