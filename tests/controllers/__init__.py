"""Site-level tests of the DocType controllers, in-process on a real site, in Frappe's own style
(FrappeTestCase: each class's writes are rolled back). Frappe's runner runs them
(`bench --site <site> run-tests --app smart_city_contest`, through smart_city_contest/tests/); so
does pytest (tests/controllers/conftest.py connects to the site first)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from ..factories import OPEN_EDITION, edition_payload, project_payload, unit_payload


class ContestTestCase(FrappeTestCase):
	"""As the Administrator (the city bureau's rights), with an edition whose application window is open."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		if frappe.db.exists("Contest Edition", OPEN_EDITION):
			frappe.get_doc("Contest Edition", OPEN_EDITION).update(edition_payload(OPEN_EDITION)).save()
		else:
			frappe.get_doc(dict(edition_payload(OPEN_EDITION), doctype="Contest Edition")).insert()

	def make_unit(self, **overrides):
		return frappe.get_doc(dict(unit_payload(**overrides), doctype="Participant Unit")).insert()

	def new_project(self, unit: str, **overrides):
		return frappe.get_doc(dict(project_payload(unit, **overrides), doctype="Contest Project"))
