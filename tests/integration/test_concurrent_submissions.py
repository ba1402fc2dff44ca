"""Deadline day: many applicants at once must not fail for each other (issue #12).

Each test starts its requests together behind a barrier against the session's gunicorn (2 workers x
4 threads), as a burst of real applicants would arrive, and then reads what the server committed.
Before the fix, MariaDB at REPEATABLE READ answered some of these requests with HTTP 500
QueryDeadlockError: Frappe rewrites a document's child rows on save (DELETE ... WHERE parent=...,
then one INSERT per new row), and the DELETE's next-key (gap) locks on the child table's `parent`
index blocked the other transactions' INSERTs, and theirs blocked it.
"""

import threading

import frappe
import pytest

from smart_city_contest.rules.project_workflow import APPLICANT, DRAFT, SUBMIT, SUBMITTED
from tests.factories import project_payload, unit_payload
from tests.integration.world import act, complete_materials

APPLICANTS = 16
DRAFT_SAVES = 3
DISTRICTS = ("历下区", "市中区", "槐荫区", "天桥区")


def run_together(count: int, work) -> list:
	"""Run work(i) for i in range(count) in threads released at the same moment; their results
	(or the exception a thread raised) in order."""
	barrier = threading.Barrier(count)
	results: list = [None] * count

	def run(i):
		barrier.wait()
		try:
			results[i] = work(i)
		except Exception as e:  # reported by the test, not lost in the thread
			results[i] = e

	threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=300)
	return results


def indicator(i: int, k: int) -> dict:
	return {
		"level_1": "产出指标", "level_2": "数量指标", "indicator_content": f"新增接入设备（第{k}批）",
		"indicator_value": f"{10 * k}台", "completion": f"已完成{10 * k + i}台",
	}


def test_applicants_register_save_drafts_and_submit_at_once(make_api_user):
	"""Each applicant registers its unit, applies, saves its draft three times (a changed summary and
	one more indicator each time) and submits, all at once: every request succeeds and every
	submission is stored once, with everything it saved and one log line."""
	applicants = [make_api_user([APPLICANT]) for _ in range(APPLICANTS)]

	def deadline_day(i):
		client = applicants[i]
		responses = []
		r = client.insert("Participant Unit", unit_payload(district=DISTRICTS[i % len(DISTRICTS)]))
		responses.append(("register", r))
		if not r.ok:
			return responses, None
		unit = r.data["name"]
		r = client.insert("Contest Project", project_payload(unit, **complete_materials(client)))
		responses.append(("apply", r))
		if not r.ok:
			return responses, None
		doc = r.data
		for k in range(1, DRAFT_SAVES + 1):
			doc["project_summary"] = f"第{k}次保存：项目以社区网格为单元，汇聚多源数据（申报单位{i}）。"
			doc["indicators"] = [*doc["indicators"], indicator(i, k)]
			r = client.update("Contest Project", doc["name"], doc)
			responses.append((f"save {k}", r))
			if not r.ok:
				return responses, None
			doc = r.data
		r = act(client, doc["name"], SUBMIT)
		responses.append(("submit", r))
		return responses, (unit, doc["name"], doc["project_summary"])

	results = run_together(APPLICANTS, deadline_day)

	crashed = [r for r in results if isinstance(r, Exception)]
	assert not crashed, crashed
	failures = [(step, r) for responses, _stored in results for step, r in responses if not r.ok]
	assert not failures, f"{len(failures)} requests failed: {failures[:5]}"

	frappe.db.rollback()  # read what the server committed
	for _responses, (unit, project, summary) in results:
		assert frappe.db.count("Contest Project", {"unit": unit}) == 1
		stored = frappe.get_doc("Contest Project", project)
		assert stored.workflow_state == SUBMITTED
		assert stored.project_summary == summary
		assert len(stored.indicators) == len(project_payload(unit)["indicators"]) + DRAFT_SAVES
		assert stored.completion_proof and stored.signed_pledge
		assert [(row.from_state, row.action, row.to_state) for row in stored.state_log] == [(DRAFT, SUBMIT, SUBMITTED)]
		assert stored.submitted_on


@pytest.fixture
def no_account_throttle(frappe_site):
	"""Frappe refuses more than 60 new accounts an hour (throttle_user_limit); the suite makes more."""
	from frappe.installer import update_site_config

	previous = frappe.get_site_config().get("throttle_user_limit")
	in_process = frappe.local.conf.get("throttle_user_limit")  # what tests/conftest.py set for this process
	update_site_config("throttle_user_limit", 1_000_000)
	yield
	update_site_config("throttle_user_limit", previous if previous is not None else "None")
	# update_site_config also writes the value into this process's conf, "None" included: put back ours.
	frappe.local.conf.throttle_user_limit = in_process


def test_bureau_creates_applicant_accounts_at_once(admin_api, no_account_throttle):
	"""The bureau's System Manager (or its integration) creates many applicant accounts at once
	over REST: every account is created, once, with its role."""
	tag = frappe.generate_hash(length=6)
	emails = [f"{tag}{i:02d}@burst.example.com" for i in range(APPLICANTS)]

	def create(i):
		return admin_api.insert(
			"User",
			{"email": emails[i], "first_name": f"申报单位{tag}{i:02d}", "send_welcome_email": 0, "language": "zh",
			 "roles": [{"role": APPLICANT}]},
		)

	results = run_together(APPLICANTS, create)
	assert all(not isinstance(r, Exception) and r.ok for r in results), [r for r in results if isinstance(r, Exception) or not r.ok][:5]

	frappe.db.rollback()
	for email in emails:
		assert frappe.db.count("User", {"name": email}) == 1
		assert frappe.get_all("Has Role", filters={"parent": email, "parenttype": "User"}, pluck="role") == [APPLICANT]


def test_requests_and_jobs_run_at_read_committed(frappe_site):
	"""The hook every request and job runs first: whatever the server's default, the transaction that
	follows (including one a read has already opened) is READ COMMITTED: it sees what another
	connection committed in the meantime, which a REPEATABLE READ transaction would not."""
	from frappe.database import get_db

	from smart_city_contest.concurrency import use_read_committed

	hook = "smart_city_contest.concurrency.use_read_committed"
	assert hook in frappe.get_hooks("before_request") and hook in frappe.get_hooks("before_job")
	todo = frappe.get_doc({"doctype": "ToDo", "description": "隔离级别探针 0"}).insert(ignore_permissions=True)
	frappe.db.commit()
	conf = frappe.conf
	other = get_db(socket=conf.db_socket, host=conf.db_host, port=conf.db_port, user=conf.db_name,
		password=conf.db_password, cur_db_name=conf.db_name)

	def seen_after_another_connection_commits(value: str) -> str:
		frappe.db.get_value("ToDo", todo.name, "description")  # the transaction has read
		other.sql("update `tabToDo` set description=%s where name=%s", (value, todo.name))
		other.sql("commit")
		return frappe.db.sql("select description from `tabToDo` where name=%s", todo.name)[0][0]

	try:
		frappe.db.sql("set session transaction isolation level repeatable read")
		frappe.db.commit()
		assert seen_after_another_connection_commits("隔离级别探针 1") == "隔离级别探针 0"  # the server's default here
		frappe.db.rollback()
		frappe.db.get_value("ToDo", todo.name, "description")  # a read opens the transaction, as the session check does
		use_read_committed()
		assert seen_after_another_connection_commits("隔离级别探针 2") == "隔离级别探针 2"
	finally:
		other.close()
		frappe.db.rollback()
		frappe.db.sql("set session tx_isolation = @@global.tx_isolation")
		frappe.delete_doc("ToDo", todo.name, ignore_permissions=True)
		frappe.db.commit()


def test_a_deadlocked_transaction_is_retried_whole(frappe_site):
	"""A deadlock victim is run again from the start, and only the attempt that succeeded is stored."""
	from smart_city_contest.concurrency import retry_transaction

	tag = frappe.generate_hash(length=8)
	attempts = []

	@retry_transaction
	def write_then_deadlock():
		attempts.append(1)
		frappe.get_doc({"doctype": "ToDo", "description": f"重试探针 {tag} {len(attempts)}"}).insert(ignore_permissions=True)
		if len(attempts) < 3:
			raise frappe.QueryDeadlockError("Deadlock found when trying to get lock; try restarting transaction")
		return len(attempts)

	frappe.db.commit()
	try:
		assert write_then_deadlock() == 3
		frappe.db.commit()
		assert frappe.get_all("ToDo", filters={"description": ("like", f"重试探针 {tag}%")}, pluck="description") == [f"重试探针 {tag} 3"]
	finally:
		frappe.db.delete("ToDo", {"description": ("like", f"重试探针 {tag}%")})
		frappe.db.commit()


def test_no_retry_when_the_transaction_had_written_before(frappe_site):
	"""Work written earlier in the same transaction would be lost by a rollback: the error goes up."""
	from smart_city_contest.concurrency import retry_transaction

	calls = []

	@retry_transaction
	def deadlock():
		calls.append(1)
		raise frappe.QueryDeadlockError("deadlock")

	frappe.db.commit()
	frappe.get_doc({"doctype": "ToDo", "description": "先前写入"}).insert(ignore_permissions=True)
	try:
		with pytest.raises(frappe.QueryDeadlockError):
			deadlock()
		assert calls == [1]
	finally:
		frappe.db.rollback()
