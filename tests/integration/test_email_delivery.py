"""Notifications really leave the site: queued in Frappe's e-mail queue, sent by a real RQ worker running
the scheduler's jobs, and received by an SMTP server, in Chinese.

The SMTP server is a local sink (aiosmtpd on 127.0.0.1, a free port); the site's default outgoing
Email Account points at it for this module and gets its previous settings back afterwards. The worker
is `bench worker --queue default` started as the bench owner, as supervisor runs it. Jobs are enqueued
the way the scheduler does (frappe.core.doctype.scheduled_job_type.scheduled_job_type.run_scheduled_job
with the job type's queue and job id), at the front of the queue so a backlog left by other tests does
not delay them."""

import email
import threading
import time
from datetime import timedelta
from email.header import decode_header, make_header

import frappe
import pytest

from smart_city_contest.rules.deadlines import now_in
from tests.integration.bench_cli import running_bench, wait_for
from tests.integration.server import free_port
from tests.integration.world import REVIEWER, act, make_edition, move_edition, register_and_apply

RUN_SCHEDULED_JOB = "frappe.core.doctype.scheduled_job_type.scheduled_job_type.run_scheduled_job"
FLUSH = "frappe.email.queue.flush"
REMINDERS = "smart_city_contest.notifications.send_deadline_reminders"
SENDER = "contest@example.com"


class Inbox:
	"""aiosmtpd handler keeping every message it is given, decoded."""

	def __init__(self):
		self.lock = threading.Lock()
		self.received = []

	async def handle_DATA(self, server, session, envelope):
		mail = email.message_from_bytes(envelope.original_content or envelope.content)
		subject = str(make_header(decode_header(mail["Subject"] or "")))
		body = "\n".join(
			part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			for part in mail.walk()
			if part.get_content_type() in ("text/plain", "text/html")
		)
		with self.lock:
			self.received.append(
				frappe._dict(mail_from=envelope.mail_from, to=list(envelope.rcpt_tos), subject=subject, body=body, mail=mail)
			)
		return "250 Message accepted for delivery"

	def find(self, recipient: str, subject_part: str = "", body_part: str = "") -> list:
		with self.lock:
			return [
				m for m in self.received
				if recipient in m.to and subject_part in m.subject and body_part in m.body
			]


@pytest.fixture(scope="module")
def inbox(frappe_site):
	"""The SMTP sink, and the site's default outgoing account pointed at it (restored afterwards)."""
	from aiosmtpd.controller import Controller

	handler = Inbox()
	controller = Controller(handler, hostname="127.0.0.1", port=free_port())
	controller.start()
	frappe.set_user("Administrator")
	frappe.db.rollback()
	name = frappe.db.get_value("Email Account", {"default_outgoing": 1, "enable_outgoing": 1})
	assert name, "tests/conftest.py makes a default outgoing Email Account"
	account = frappe.get_doc("Email Account", name)
	fields = ("email_id", "smtp_server", "smtp_port", "use_tls", "use_ssl", "no_smtp_authentication")
	before = {f: account.get(f) for f in fields}
	account.update({"email_id": SENDER, "smtp_server": "127.0.0.1", "smtp_port": controller.port,
		"use_tls": 0, "use_ssl": 0, "no_smtp_authentication": 1})
	account.save(ignore_permissions=True)
	frappe.db.commit()
	try:
		yield handler
	finally:
		frappe.db.rollback()
		account = frappe.get_doc("Email Account", name)
		account.update(before)
		account.save(ignore_permissions=True)
		frappe.db.commit()
		controller.stop()


@pytest.fixture(scope="module")
def worker(inbox):
	"""A real RQ worker on the queue the scheduler puts these jobs on (`default`), as supervisor runs
	`bench worker --queue default`; jobs of the other queues left by earlier tests do not hold it up."""
	with running_bench("worker", "--queue", "default", log_name="test-worker.log") as proc:
		yield proc


def run_as_scheduler(method: str, timeout: float = 180):
	"""Enqueue the scheduled job `method` as the scheduler does and wait until the worker has run it."""
	job_type = frappe.get_doc("Scheduled Job Type", {"method": method})
	started = time.monotonic()
	job = frappe.enqueue(
		RUN_SCHEDULED_JOB, queue=job_type.get_queue_name(), job_type=method, job_id=job_type.rq_job_id, at_front=True
	)
	status = wait_for(
		lambda: (s := job.get_status(refresh=True)) in ("finished", "failed", "stopped", "canceled") and s,
		timeout, f"the worker to run {method}",
	)
	job.refresh()
	assert status == "finished", f"{method}: {status}\n{getattr(job, 'exc_info', '')}"
	assert job.worker_name, "run by an RQ worker"
	return time.monotonic() - started


def deliver(inbox: Inbox, recipient: str, timeout: float = 240, **match) -> list:
	"""Run the scheduler's e-mail job (frappe.email.queue.flush, up to 500 queued mails a run) on the
	worker until the sink has received the mail to `recipient` matching `match`."""
	deadline = time.monotonic() + timeout
	while True:
		run_as_scheduler(FLUSH)
		found = inbox.find(recipient, **match)
		if found:
			return found
		if time.monotonic() > deadline:
			raise AssertionError(f"no mail to {recipient} matching {match} after {timeout}s of queue flushes")


def queue_rows(recipient: str, **filters) -> list:
	frappe.db.rollback()
	conditions = "".join(f" and q.{field} = %({field})s" for field in filters)
	return frappe.db.sql(
		f"""select q.name, q.status, q.message from `tabEmail Queue` q
		join `tabEmail Queue Recipient` r on r.parent = q.name
		where r.recipient = %(recipient)s{conditions}""",
		dict(filters, recipient=recipient),
		as_dict=True,
	)


def test_a_submission_mail_reaches_the_district_reviewers_inbox(make_api_user, inbox, worker):
	reviewer = make_api_user([REVIEWER], districts=["南部山区"])
	elsewhere = make_api_user([REVIEWER], districts=["高新区"])
	app = register_and_apply(make_api_user, "南部山区")
	assert act(app.applicant, app.project, "提交").ok

	# The request only queued it: nothing has been sent before a worker runs the queue.
	[row] = queue_rows(reviewer.user, reference_name=app.project)
	assert row.status == "Not Sent"
	assert not inbox.find(reviewer.user, app.project)

	[mail] = deliver(inbox, reviewer.user, subject_part=app.project)
	unit_name, project_name = frappe.db.get_value("Contest Project", app.project, ["unit_name", "project_name"])
	assert mail.subject == f"【待审核】{unit_name}提交了参赛项目《{project_name}》（{app.project}）"
	assert "所在区县：南部山区" in mail.body and "请登录系统审核参赛单位资格和申报材料。" in mail.body
	assert mail.mail_from == SENDER
	assert [r.status for r in queue_rows(reviewer.user, reference_name=app.project)] == ["Sent"]
	# Only the district's reviewers: another district's reviewer got nothing about it.
	assert not inbox.find(elsewhere.user, subject_part=app.project)
	assert not queue_rows(elsewhere.user, reference_name=app.project)


def test_the_daily_reminder_reaches_a_district_that_has_not_filed(make_api_user, inbox, worker):
	title = make_edition(f"发信测试届次{frappe.generate_hash(length=6)}")
	now = now_in("Asia/Shanghai").replace(microsecond=0)
	move_edition(title, application_end=now + timedelta(days=1), recommendation_deadline=now + timedelta(days=2))
	reviewer = make_api_user([REVIEWER], districts=["济阳区"])
	frappe.set_user("Administrator")
	assert not queue_rows(reviewer.user, reference_name=title)

	since = frappe.utils.now_datetime() - timedelta(seconds=1)
	run_as_scheduler(REMINDERS)
	frappe.db.rollback()
	job_type = frappe.db.get_value("Scheduled Job Type", {"method": REMINDERS})
	logs = frappe.get_all(
		"Scheduled Job Log", filters={"scheduled_job_type": job_type, "creation": (">=", since)}, pluck="status"
	)
	assert logs == ["Complete"], logs
	[row] = queue_rows(reviewer.user, reference_name=title)
	assert row.status == "Not Sent"

	[mail] = deliver(inbox, reviewer.user, body_part=title)
	deadline = frappe.db.get_value("Contest Edition", title, "recommendation_deadline")
	assert mail.subject == f"【提醒】济阳区推荐汇总表尚未报送，截止时间{deadline}"
	assert f"大赛届次：{title}" in mail.body and "区县汇总材料逾期不再受理，请及时报送。" in mail.body
	assert [r.status for r in queue_rows(reviewer.user, reference_name=title)] == ["Sent"]
