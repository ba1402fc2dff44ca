"""Fixtures for the tests that need a real Frappe site (tests/integration, tests/browser).

Integration tests run on a real Frappe site and talk to it over HTTP.

`scripts/test` creates the site and sets SCC_BENCH_DIR / SCC_TEST_SITE. This conftest connects
to the site in-process (for set-up and for reading what really got stored) and starts a gunicorn
serving the bench on 127.0.0.1, so every rule is exercised through the same REST paths an
integrator uses. Data made over HTTP is committed by the server; tests use fresh names so they
do not depend on each other.
"""

import os

import pytest

BENCH_DIR = os.environ.get("SCC_BENCH_DIR", "/home/frappe/frappe-bench")
SITE = os.environ.get("SCC_TEST_SITE")


NEEDS_SITE = ("tests/integration/", "tests/browser/")

# A full run (scripts/test) runs these tests in two sessions at once on the one site (pytest-xdist,
# `-n 2 --dist loadfile --no-loadscope-reorder`: each session takes whole modules, with its own
# gunicorn), then the modules marked `exclusive` alone. Tests use fresh names and their own editions,
# so sessions do not meet; a module that deletes what others may be using, or must see the site
# unchanged while it works, is marked `pytestmark = pytest.mark.exclusive`. Modules are handed out in
# collection order, the slowest first, so that the two sessions finish together.
SLOWEST_FIRST = (
	"tests/browser/test_chinese_screens.py",
	"tests/integration/test_upgrade.py",
	"tests/integration/test_expert_review.py",
	"tests/browser/test_portal_flow.py",
	"tests/integration/test_email_delivery.py",
	"tests/integration/test_document_jobs.py",
	"tests/browser/test_desk_flow.py",
	"tests/integration/test_notifications.py",
)


def pytest_collection_modifyitems(config, items):
	if not SITE and any(any(part in item.nodeid for part in NEEDS_SITE) for item in items):
		raise pytest.UsageError(
			"integration and browser tests need a site: run scripts/test (or set SCC_TEST_SITE and SCC_BENCH_DIR)"
		)
	rank = {path: i for i, path in enumerate(SLOWEST_FIRST)}
	items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))  # stable: the rest as collected


@pytest.fixture(scope="session")
def frappe_site():
	import frappe

	sites_path = os.path.join(BENCH_DIR, "sites")
	os.chdir(sites_path)
	frappe.init(site=SITE, sites_path=sites_path)
	frappe.connect()
	frappe.flags.in_test = True
	frappe.local.conf.throttle_user_limit = 100_000  # the tests make many accounts within the hour
	# Test sessions running at once on the site (pytest-xdist's workers, see scripts/test) set it up one
	# after the other: a MariaDB named lock, held by this connection until released.
	assert frappe.db.sql("select get_lock('scc-test-session-setup', 600)")[0][0] == 1
	try:
		frappe.clear_cache()
		for fn in frappe.get_hooks("before_tests", app_name="smart_city_contest"):
			frappe.get_attr(fn)()
		from tests.factories import OPEN_EDITION, edition_payload

		frappe.set_user("Administrator")
		if frappe.db.exists("Contest Edition", OPEN_EDITION):
			frappe.get_doc("Contest Edition", OPEN_EDITION).update(edition_payload(OPEN_EDITION)).save()
		else:
			frappe.get_doc(dict(edition_payload(OPEN_EDITION), doctype="Contest Edition")).insert()
		if not frappe.db.exists("Email Account", {"default_outgoing": 1}):
			# A default outgoing account so the app's notifications are queued (nothing is sent in tests).
			frappe.get_doc(
				{"doctype": "Email Account", "email_account_name": "大赛通知", "email_id": "contest@example.com",
				 "enable_outgoing": 1, "default_outgoing": 1, "smtp_server": "127.0.0.1", "smtp_port": 2525,
				 "no_smtp_authentication": 1}
			).insert(ignore_permissions=True)
		frappe.db.commit()
	finally:
		frappe.db.sql("select release_lock('scc-test-session-setup')")
	yield frappe
	frappe.db.commit()
	frappe.destroy()


@pytest.fixture(scope="session")
def server_url(frappe_site):
	"""A gunicorn (2 workers x 4 threads, as in production) serving the bench, for this session."""
	from frappe.installer import update_site_config

	from tests.integration.server import running_server

	with running_server(BENCH_DIR, SITE) as url:
		# Links the site makes to itself (print stylesheets, emails) point at this server.
		frappe_site.local.conf.host_name = url
		update_site_config("host_name", url)
		yield url


@pytest.fixture(scope="session")
def admin_api(server_url, frappe_site):
	from tests.integration.client import ApiClient, api_user

	return ApiClient(server_url, SITE, *api_user("Administrator"))


@pytest.fixture(scope="session")
def make_api_user(server_url, frappe_site):
	"""make_api_user(roles, districts=(), units=()) -> ApiClient for a new desk user with those roles and
	User Permissions (Contest District / Participant Unit)."""
	from tests.integration.client import ApiClient, api_user

	def make(roles, districts=(), units=(), email=None):
		email = email or f"{frappe_site.generate_hash(length=8)}@test.example.com"
		user = frappe_site.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"language": "zh",
				"roles": [{"role": r} for r in roles],
			}
		)
		user.insert(ignore_permissions=True)
		for district in districts:
			frappe_site.permissions.add_user_permission("Contest District", district, email, ignore_permissions=True)
		for unit in units:
			frappe_site.permissions.add_user_permission("Participant Unit", unit, email, ignore_permissions=True)
		frappe_site.db.commit()
		client = ApiClient(server_url, SITE, *api_user(email))
		client.user = email
		return client

	return make
