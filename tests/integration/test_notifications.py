"""Each workflow step tells the right people, in Chinese, by e-mail (queued) and in the desk; daily
reminders go to districts that have not filed and experts with unscored projects."""

from datetime import timedelta

import frappe

from smart_city_contest.notifications import send_deadline_reminders
from smart_city_contest.rules.deadlines import now_in
from tests.integration.world import REVIEWER, act, make_edition, make_expert, move_edition, register_and_apply


def queued(recipient: str, subject_part: str) -> list:
	"""The queued e-mails to `recipient` whose decoded subject contains `subject_part` (subject and body)."""
	import email
	from email.header import decode_header, make_header

	frappe.db.rollback()
	rows = frappe.db.sql(
		"""select q.message from `tabEmail Queue` q join `tabEmail Queue Recipient` r on r.parent = q.name
		where r.recipient = %s""",
		recipient,
		as_dict=True,
	)
	found = []
	for row in rows:
		mail = email.message_from_string(row.message)
		subject = str(make_header(decode_header(mail["Subject"])))
		body = "".join(
			part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
			for part in mail.walk()
			if part.get_content_type() in ("text/html", "text/plain")
		)
		if subject_part in subject:
			found.append(frappe._dict(subject=subject, message=body))
	return found


def alerts(user: str, subject_part: str) -> list:
	frappe.db.rollback()
	return frappe.get_all("Notification Log", filters={"for_user": user, "subject": ("like", f"%{subject_part}%")}, pluck="subject")


def test_submission_reaches_only_the_districts_reviewers(make_api_user):
	mine = make_api_user([REVIEWER], districts=["南部山区"])
	other = make_api_user([REVIEWER], districts=["高新区"])
	app = register_and_apply(make_api_user, "南部山区")
	assert act(app.applicant, app.project, "提交").ok
	assert queued(mine.user, "【待审核】") and alerts(mine.user, "【待审核】")
	assert not queued(other.user, "【待审核】") and not alerts(other.user, "【待审核】")


def test_a_return_tells_the_applicant_why(make_api_user):
	reviewer = make_api_user([REVIEWER], districts=["南部山区"])
	app = register_and_apply(make_api_user, "南部山区")
	assert act(app.applicant, app.project, "提交").ok
	assert act(reviewer, app.project, "退回修改", reason="请补充项目验收报告").ok
	[mail] = queued(app.applicant.user, "【退回修改】")
	assert "请补充项目验收报告" in mail.message
	[alert] = alerts(app.applicant.user, "【退回修改】")
	assert app.project in alert


def test_daily_reminders_before_the_deadlines(admin_api, make_api_user):
	title = make_edition(f"提醒测试届次{frappe.generate_hash(length=6)}")
	now = now_in("Asia/Shanghai").replace(microsecond=0)
	move_edition(title, application_end=now + timedelta(days=1), recommendation_deadline=now + timedelta(days=2))
	reviewer = make_api_user([REVIEWER], districts=["槐荫区"])
	frappe.set_user("Administrator")
	send_deadline_reminders()
	frappe.db.commit()
	assert [m for m in queued(reviewer.user, "推荐汇总表尚未报送") if title in m.message]

	# Experts with unscored projects, when the review ends within three days.
	expert = make_expert(admin_api, make_api_user, organisation="提醒测试单位")
	frappe.get_doc({"doctype": "Expert Review", "contest": title, "project": _accepted_project(make_api_user, title),
		"expert": expert.expert}).insert(ignore_permissions=True)
	frappe.db.commit()
	assert queued(expert.user, "【评审任务】")
	move_edition(title, application_end=now - timedelta(days=3), recommendation_deadline=now - timedelta(days=2),
		review_start=now - timedelta(days=1), review_end=now + timedelta(days=2),
		notice_start=now + timedelta(days=3), notice_end=now + timedelta(days=10))
	send_deadline_reminders()
	frappe.db.commit()
	assert [m for m in queued(expert.user, "未评分") if title in m.message]


def _accepted_project(make_api_user, contest):
	from tests.integration.world import accepted_projects

	return accepted_projects(make_api_user, "槐荫区", contest, 1)[0].project
