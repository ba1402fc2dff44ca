"""Production as a bureau runs it (scripts/setup --production), driven through nginx only.

scripts/test's production phase (root) serves the test site as setup_production does: nginx on port 80
in front of gunicorn on 127.0.0.1:8000, the RQ workers, the scheduler and socketio under supervisor.
It sets SCC_PRODUCTION_URL (http://127.0.0.1/); without it this module skips. Accounts and editions
are made in-process; everything an applicant or the public does goes through nginx:

- an applicant submits a complete application and downloads its 申报书 PDF, which a worker under
  supervisor (no other runs in that phase) archived after the submission, and a private file of the
  project, which nginx sends from the site's folder after Frappe's permission check;
- nginx answers (Server header) and replaces a forged X-Forwarded-For, so the public notice's rate
  limit (5 objections an hour per address) counts the real client address;
- gunicorn listens on the loopback interface only.
"""

import os
import socket
import subprocess
import time

import frappe
import pytest
import requests

from tests.conftest import SITE
from tests.integration.client import ApiClient, api_user
from tests.integration.world import act, make_edition, register_and_apply

PRODUCTION_URL = (os.environ.get("SCC_PRODUCTION_URL") or "").rstrip("/")
pytestmark = pytest.mark.skipif(
	not PRODUCTION_URL,
	reason="SCC_PRODUCTION_URL is not set: scripts/test's production phase (as root) serves the site "
	"through nginx and supervisor and sets it",
)

PDF_ENDPOINT = "/api/method/smart_city_contest.api.documents.application_pdf"
OBJECTION = "smart_city_contest.api.notice.submit_objection"
OBJECTION_LIMIT = 5  # smart_city_contest/api/notice.py: @rate_limit(limit=5, seconds=60 * 60)
GUNICORN_PORT = 8000
DISTRICT = "槐荫区"


@pytest.fixture(scope="module")
def make_api_user(frappe_site):
	"""make_api_user(roles) -> ApiClient of a new account, speaking to the site through nginx."""

	def make(roles):
		email = f"{frappe.generate_hash(length=8)}@prod.test.example.com"
		frappe.get_doc(
			{"doctype": "User", "email": email, "first_name": email.split("@")[0], "send_welcome_email": 0,
			 "language": "zh", "roles": [{"role": r} for r in roles]}
		).insert(ignore_permissions=True)
		frappe.db.commit()
		client = ApiClient(PRODUCTION_URL, SITE, *api_user(email))
		client.user = email
		return client

	return make


def through_nginx(response: requests.Response):
	assert response.headers.get("Server", "").lower().startswith("nginx"), dict(response.headers)


def file_bytes(file_url: str) -> bytes:
	content = frappe.get_doc("File", {"file_url": file_url}).get_content()
	return content if isinstance(content, bytes) else content.encode()


def other_addresses() -> list[str]:
	"""This machine's non-loopback IPv4 addresses (none in a container without a network)."""
	try:
		out = subprocess.run(["hostname", "-I"], capture_output=True, text=True, timeout=5).stdout
	except (OSError, subprocess.SubprocessError):
		return []
	return [a for a in out.split() if "." in a and not a.startswith("127.")]


def test_nginx_serves_the_site():
	r = requests.get(f"{PRODUCTION_URL}/api/method/ping", timeout=30)
	assert r.status_code == 200 and r.json() == {"message": "pong"}, r.text
	through_nginx(r)
	# Static assets come from nginx itself (bench's `location /assets`), not from gunicorn.
	r = requests.get(f"{PRODUCTION_URL}/assets/frappe/images/frappe-framework-logo.svg", timeout=30)
	assert r.status_code == 200, r.status_code
	through_nginx(r)


def test_submission_is_archived_by_supervisor_workers_and_downloaded(make_api_user):
	contest = make_edition(f"生产部署测试{frappe.generate_hash(length=6)}")
	app = register_and_apply(make_api_user, DISTRICT, contest=contest)
	r = act(app.applicant, app.project, "提交")
	assert r.ok, r
	through_nginx(r.raw)
	frappe.db.rollback()
	assert frappe.db.get_value("Contest Project", app.project, "workflow_state") != "草稿"

	# The archive job runs on `bench worker` under supervisor (documents/archive.py); the main suite's
	# workers are not running during this phase.
	deadline = time.monotonic() + 180
	while True:
		frappe.db.rollback()
		archived = frappe.db.get_value("Contest Project", app.project, "archived_application")
		if archived or time.monotonic() > deadline:
			break
		time.sleep(0.5)
	assert archived, "no worker archived the submitted 申报书 within 180 s (supervisorctl status; logs/worker*.log)"
	archived_bytes = file_bytes(archived)

	r = app.applicant.session.get(PRODUCTION_URL + PDF_ENDPOINT, params={"project": app.project}, timeout=120)
	assert r.status_code == 200, (r.status_code, r.text[:300])
	through_nginx(r)
	assert r.headers["Content-Type"].startswith("application/pdf"), r.headers
	assert r.content.startswith(b"%PDF") and r.content == archived_bytes

	# A private file of the project: Frappe checks the permission, nginx sends the file from the site's
	# folder (X-Accel-Redirect to bench's internal /protected/ location).
	proof = frappe.db.get_value("Contest Project", app.project, "completion_proof")
	assert proof.startswith("/private/files/"), proof
	r = app.applicant.session.get(PRODUCTION_URL + proof, timeout=60)
	assert r.status_code == 200, (r.status_code, r.text[:300])
	through_nginx(r)
	assert r.content == file_bytes(proof)


def test_forged_forwarded_for_is_counted_against_the_real_address():
	"""nginx sets X-Forwarded-For to the address it sees, so each request below, whatever address it
	claims, counts against 127.0.0.1: the sixth in the hour is refused."""
	real = "127.0.0.1"
	forged = [f"203.0.113.{i}" for i in range(1, OBJECTION_LIMIT + 2)]
	others = other_addresses()[:1]
	direct = "198.51.100.7"

	def key(address):
		return frappe.cache.make_key(f"rl:{OBJECTION}:{address}")

	def clear():
		for address in (real, direct, *forged, *others):
			frappe.cache.delete(key(address))

	clear()
	try:
		statuses = []
		for address in forged:
			r = requests.post(
				f"{PRODUCTION_URL}/api/method/{OBJECTION}",
				json={"project": "不存在的项目", "reason": "测试", "contact_name": "测试", "contact_phone": "13800000000"},
				headers={"X-Forwarded-For": address, "Accept": "application/json"},
				timeout=30,
			)
			through_nginx(r)
			statuses.append(r.status_code)
		assert 429 not in statuses[:OBJECTION_LIMIT] and statuses[OBJECTION_LIMIT] == 429, statuses
		assert int(frappe.cache.get(key(real)) or 0) == OBJECTION_LIMIT + 1
		assert not any(frappe.cache.get(key(address)) for address in forged)

		# The control: Frappe itself trusts X-Forwarded-For (a request straight to gunicorn, possible only
		# from this machine, is counted against the address it claims), so nginx's rewrite is what counts.
		r = requests.post(
			f"http://127.0.0.1:{GUNICORN_PORT}/api/method/{OBJECTION}",
			json={"project": "不存在的项目", "reason": "测试", "contact_name": "测试", "contact_phone": "13800000000"},
			headers={"X-Forwarded-For": direct, "X-Frappe-Site-Name": SITE, "Accept": "application/json"},
			timeout=30,
		)
		assert r.status_code != 429, (r.status_code, r.text[:300])
		assert int(frappe.cache.get(key(direct)) or 0) == 1
		assert int(frappe.cache.get(key(real)) or 0) == OBJECTION_LIMIT + 1

		# Another real address (this machine's own, when it has one) has its own count.
		for address in others:
			r = requests.post(
				f"http://{address}/api/method/{OBJECTION}",
				json={"project": "不存在的项目", "reason": "测试", "contact_name": "测试", "contact_phone": "13800000000"},
				headers={"X-Forwarded-For": real, "Accept": "application/json"},
				timeout=30,
			)
			assert r.status_code != 429, (address, r.status_code, r.text[:300])
			assert int(frappe.cache.get(key(address)) or 0) == 1
	finally:
		clear()


def listening_addresses(port: int) -> set[str]:
	"""The local addresses of the TCP sockets listening on `port` (from /proc/net/tcp and tcp6)."""
	found = set()
	for table in ("/proc/net/tcp", "/proc/net/tcp6"):
		try:
			with open(table) as f:
				rows = f.read().splitlines()[1:]
		except OSError:
			continue
		for row in rows:
			local, state = row.split()[1], row.split()[3]
			address, hex_port = local.split(":")
			if state == "0A" and int(hex_port, 16) == port:
				found.add(address)
	return found


def test_gunicorn_listens_on_loopback_only():
	loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
	listening = listening_addresses(GUNICORN_PORT)
	assert listening and listening <= loopback, listening
	with socket.create_connection(("127.0.0.1", GUNICORN_PORT), timeout=5):
		pass
	for address in other_addresses():
		with pytest.raises(OSError):
			socket.create_connection((address, GUNICORN_PORT), timeout=5).close()
