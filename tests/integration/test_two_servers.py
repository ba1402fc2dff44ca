"""Two app servers sharing one MariaDB, one Redis and one sites folder: the contest's rules hold across them.

Production beyond one machine runs several gunicorns (each with its own worker processes) behind nginx,
all on the same database, Redis and files volume (docs/deploy.md). Here the two app servers are two
gunicorns of the same bench, one on 127.0.0.1 (the session's) and one on 127.0.0.2, each 2 workers x 4
threads, as production runs them: nothing is shared between them but MariaDB, Redis and the sites folder.
Requests are sent to both directly (nginx only picks which one gets a request; an upstream block for the
two is in docs/deploy.md).

- A unit's one project per edition: racing POSTs of the same unit's project, half to each server, make
  exactly one project; every other request is refused with the app's message.
- The award quotas: administrators racing for the last 一等奖, on both servers, leave exactly the quota.
- Files: a private file uploaded through one server is served, byte for byte, by the other (and refused
  to another applicant there)."""

import hashlib
import threading
import time

import frappe
import pytest
import requests

from tests.conftest import BENCH_DIR, SITE
from tests.factories import project_payload, unit_payload
from tests.integration.client import ApiClient
from tests.integration.server import running_server
from tests.integration.world import (
	APPLICANT,
	accepted_projects,
	make_edition,
	make_expert,
	open_review_window,
	tiny_pdf,
	upload,
)

DT = "Contest Project"
REVIEW = "Expert Review"
DUPLICATE = "每个参赛单位只能申报1个项目"


@pytest.fixture(scope="module")
def second_server(server_url):
	"""(url of server 1, url of server 2): the session's gunicorn on 127.0.0.1 and another on 127.0.0.2."""
	assert server_url.startswith("http://127.0.0.1:")
	with running_server(BENCH_DIR, SITE, host="127.0.0.2") as url:
		yield server_url, url


def on(client: ApiClient, url: str) -> ApiClient:
	"""The same account (same API key) talking to the server at `url`, on its own HTTP session."""
	other = ApiClient.__new__(ApiClient)
	other.__dict__.update(client.__dict__)
	other.base_url = url
	other.session = requests.Session()
	other.session.headers.update(client.session.headers)
	return other


def race(calls):
	"""Run the zero-argument `calls` at the same moment, one thread each; their results in order."""
	barrier = threading.Barrier(len(calls))
	results = [None] * len(calls)

	def run(i, fn):
		barrier.wait()
		results[i] = fn()

	threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(calls)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	return results


def test_the_two_servers_are_two_processes_on_two_addresses(second_server, admin_api):
	one, two = second_server
	assert one.split(":")[1] == "//127.0.0.1" and two.split(":")[1] == "//127.0.0.2"
	for url in (one, two):
		r = on(admin_api, url).request("GET", "/api/method/frappe.auth.get_logged_user")
		assert r.ok and r.data == "Administrator", r


def test_racing_projects_of_one_unit_on_two_servers_make_exactly_one(second_server, make_api_user):
	one, two = second_server
	per_server = 3
	rounds = []
	for _round in range(3):
		applicant = make_api_user([APPLICANT])
		r = applicant.insert("Participant Unit", unit_payload(district="历下区"))
		assert r.ok, r
		unit = r.data["name"]
		clients = [on(applicant, url) for url in (one, two) for _ in range(per_server)]
		started = time.monotonic()
		results = race([lambda c=c: c.insert(DT, project_payload(unit)) for c in clients])
		rounds.append(time.monotonic() - started)
		statuses = [r.status for r in results]
		assert sorted(statuses) == [200] + [409] * (2 * per_server - 1), results
		assert all(DUPLICATE in r.message for r in results if not r.ok), results
		frappe.db.rollback()
		assert frappe.db.count(DT, {"unit": unit}) == 1
	print(f"3 rounds of {2 * per_server} racing POSTs on two servers: {', '.join(f'{s:.2f}s' for s in rounds)}")


def test_racing_awards_on_two_servers_hold_the_quota(second_server, admin_api, make_api_user):
	"""一等奖 has 2 places; one is taken; four administrators (two on each server) race for the other."""
	one, two = second_server
	contest = make_edition(f"双机评奖届次{frappe.generate_hash(length=6)}")
	apps = accepted_projects(make_api_user, "天桥区", contest, 5)
	expert = make_expert(admin_api, make_api_user, organisation="双机评审单位")
	for app in apps:
		assert admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert}).ok
	open_review_window(contest)
	for app in apps:
		frappe.db.rollback()
		review = frappe.db.get_value(REVIEW, {"project": app.project, "expert": expert.expert}, "name")
		scores = [{"dimension": d, "score": 80} for d in ("项目基本情况", "项目方案及实施情况", "项目建设成效")]
		r = expert.update(REVIEW, review, {"scores": scores, "docstatus": 1})
		assert r.ok, r
	review_api = "smart_city_contest.api.review."
	assert admin_api.call(review_api + "finish_review", contest=contest).ok
	assert admin_api.call(review_api + "commit_awards", contest=contest, decisions={apps[0].project: "一等奖"}).ok

	admins = [admin_api] + [make_api_user(["Contest Admin"]) for _ in range(3)]
	contenders = [(on(admin, url), app.project) for admin, url, app in zip(admins, (one, two, one, two), apps[1:], strict=False)]
	results = race([lambda c=c, p=p: c.call(review_api + "commit_awards", contest=contest, decisions={p: "一等奖"})
		for c, p in contenders])
	assert sorted(r.status for r in results) == [200, 417, 417, 417], results
	assert all(r.exc_type == "QuotaExceeded" and "一等奖名额为2名" in r.message for r in results if not r.ok), results
	frappe.db.rollback()
	assert frappe.db.count(DT, {"contest": contest, "award_level": "一等奖"}) == 2
	assert frappe.db.count(DT, {"contest": contest, "workflow_state": "获奖"}) == 2


def test_a_file_uploaded_through_one_server_is_served_by_the_other(second_server, make_api_user):
	one, two = second_server
	applicant = make_api_user([APPLICANT])
	content = tiny_pdf(f"双机文件 {frappe.generate_hash(length=12)}")
	r = upload(on(applicant, one), "竣工验收意见.pdf", content=content)
	assert r.ok, r
	url = r.data["file_url"]
	assert url.startswith("/private/files/"), url
	downloaded = on(applicant, two).session.get(two + url, timeout=60)
	assert downloaded.status_code == 200, downloaded.text[:300]
	assert hashlib.sha256(downloaded.content).hexdigest() == hashlib.sha256(content).hexdigest()
	# The other server applies the same file permissions: another applicant is refused there.
	stranger = make_api_user([APPLICANT])
	refused = on(stranger, two).session.get(two + url, timeout=60)
	assert refused.status_code == 403, refused.status_code
	# And a file uploaded through the second server is served by the first.
	again = tiny_pdf(f"双机文件 {frappe.generate_hash(length=12)}")
	r = upload(on(applicant, two), "承诺书.pdf", content=again)
	assert r.ok, r
	back = on(applicant, one).session.get(one + r.data["file_url"], timeout=60)
	assert back.status_code == 200 and back.content == again
