"""Saving an account (a registration on deadline day) leaves the site's cache alone
(smart_city_contest/concurrency.py, write_password_default_when_changed)."""

import frappe
from frappe.core.doctype.user import user as user_controller
from frappe.tests.utils import FrappeTestCase

from smart_city_contest.concurrency import write_password_default_when_changed

MARKER = "scc-test-cache-marker"


def marker_in_redis() -> bool:
	return bool(frappe.cache.exists(MARKER))


def meta_in_redis(doctype: str) -> bool:
	return bool(frappe.cache.hexists("doctype_meta", doctype))


class TestAccountSaves(FrappeTestCase):
	def setUp(self):
		frappe.set_user("Administrator")
		frappe.local.conf.throttle_user_limit = 100_000

	def new_account(self):
		email = f"{frappe.generate_hash(length=10)}@test.example.com"
		return frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": "缓存", "send_welcome_email": 0,
			 "roles": [{"role": "Contest Applicant"}]}
		).insert(ignore_permissions=True)

	def test_frappe_calls_the_apps_version(self):
		self.assertIs(user_controller.ask_pass_update, write_password_default_when_changed)

	def test_a_new_account_and_its_save_leave_the_site_cache(self):
		frappe.cache.set_value(MARKER, "还在")
		frappe.get_meta("Contest Project", cached=False)  # built and put in Redis
		self.assertTrue(marker_in_redis())
		self.assertTrue(meta_in_redis("Contest Project"))
		user = self.new_account()
		user.reload()
		user.first_name = "缓存二"
		user.save(ignore_permissions=True)
		self.assertTrue(marker_in_redis())
		self.assertTrue(meta_in_redis("Contest Project"))

	def test_the_default_still_follows_the_accounts_awaiting_a_password(self):
		# A stale value (an account that no longer awaits one) is corrected by the next account save,
		# to what Frappe computes: the accounts with a User Email row awaiting a password.
		frappe.db.set_default("email_user_password", "gone@test.example.com")
		frappe.cache.set_value(MARKER, "还在")
		self.new_account()
		expected = ",".join(
			frappe.get_all(
				"User Email", filters={"awaiting_password": 1, "used_oauth": 0}, pluck="parent", distinct=True
			)
		)
		self.assertEqual(frappe.db.get_default("email_user_password") or "", expected)
		self.assertNotEqual(frappe.db.get_default("email_user_password"), "gone@test.example.com")
		# A change is written as Frappe writes it: the global default, and with it the cache cleared.
		self.assertFalse(marker_in_redis())

	def tearDown(self):
		frappe.cache.delete_value(MARKER)
