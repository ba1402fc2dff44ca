"""Who is told what, when: e-mail (Frappe's email queue) and a desk notification for each workflow
step, and daily reminders before deadlines. Recipients follow the same 属地 scope as permissions:
a district's reviewers are the users holding a User Permission on that district."""

import frappe
from frappe import _
from frappe.desk.doctype.notification_log.notification_log import make_notification_logs
from frappe.utils import add_days, escape_html, get_datetime

from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules import review_statuses

TEMPLATE = "smart_city_contest/templates/emails/contest_notice.html"


def district_reviewers(district: str) -> list[str]:
	users = frappe.get_all(
		"User Permission", filters={"allow": "Contest District", "for_value": district}, pluck="user"
	)
	return [u for u in users if wf.DISTRICT_REVIEWER in frappe.get_roles(u) and _enabled(u)]


def city_admins() -> list[str]:
	users = frappe.get_all(
		"Has Role", filters={"role": wf.CONTEST_ADMIN, "parenttype": "User"}, pluck="parent", distinct=True
	)
	return [u for u in users if u not in ("Administrator", "Guest") and _enabled(u)]


def applicant_of(project) -> list[str]:
	user = frappe.db.get_value("Participant Unit", project.unit, "user") or project.owner
	return [user] if user and user not in ("Administrator", "Guest") and _enabled(user) else []


def _enabled(user: str) -> bool:
	return bool(frappe.db.get_value("User", user, "enabled"))


def send(users: list[str], subject: str, lines: list[str], doctype: str, name: str):
	"""One e-mail (queued) and one desk notification per recipient, in Chinese."""
	users = sorted(set(users))
	if not users:
		return
	message = frappe.render_template(TEMPLATE, {"subject": subject, "lines": lines})
	try:
		frappe.sendmail(
			recipients=users,
			subject=subject,
			message=message,
			reference_doctype=doctype,
			reference_name=name,
			delayed=True,
		)
	except frappe.OutgoingEmailError:
		# No outgoing e-mail account on this site yet: the desk notification below still goes out,
		# and a missing mail server never blocks a workflow step.
		frappe.clear_last_message()
		frappe.logger("smart_city_contest").warning("no outgoing email account; e-mail not queued: %s", subject)
	make_notification_logs(
		{
			"subject": escape_html(subject),  # the desk shows it as HTML; applicants' text stays text
			"email_content": message,
			"document_type": doctype,
			"document_name": name,
			"type": "Alert",
			"from_user": frappe.session.user,
		},
		users,
	)


def on_project_transition(project, transition: wf.Transition, reason: str | None):
	title = f"《{project.project_name}》（{project.name}）"
	if transition.action in (wf.SUBMIT, wf.RESUBMIT):
		send(
			district_reviewers(project.district),
			_("【待审核】{0}提交了参赛项目{1}").format(project.unit_name, title),
			[_("所在区县：{0}").format(project.district), _("请登录系统审核参赛单位资格和申报材料。")],
			project.doctype, project.name,
		)
	elif transition.action in (wf.RETURN, wf.REJECT):
		send(
			applicant_of(project),
			_("【{0}】参赛项目{1}").format(transition.next_state, title),
			[_("区县审核意见：{0}").format(reason or ""),
			 _("请登录系统修改后重新提交。") if transition.action == wf.RETURN else _("该项目本届不予推荐。")],
			project.doctype, project.name,
		)
	elif transition.action == wf.RECOMMEND:
		send(applicant_of(project), _("【区县已推荐】参赛项目{0}").format(title),
			[_("{0}已推荐该项目，将随推荐汇总表报送市工业和信息化局。").format(project.district)], project.doctype, project.name)
	elif transition.action in (wf.AWARD, wf.NO_AWARD):
		result = _("获{0}").format(project.award_level) if transition.action == wf.AWARD else _("未获奖")
		send(applicant_of(project), _("【评审结果】参赛项目{0}{1}").format(title, result),
			[_("评审结果将在公示期内公开，公示期满无异议后正式确定。")], project.doctype, project.name)
	elif transition.action in (wf.REVOKE_AWARD, wf.CHANGE_AWARD_LEVEL):
		send(applicant_of(project), _("【评审结果调整】参赛项目{0}{1}").format(title, transition.action),
			[_("经异议核查，市工业和信息化局决定：{0}").format(reason or transition.action)], project.doctype, project.name)


def on_recommendation_filed(rec):
	send(
		city_admins(),
		_("【推荐汇总表】{0}已报送{1}个项目").format(rec.district, rec.project_count),
		[_("大赛届次：{0}").format(rec.contest), _("报送时间：{0}").format(rec.submitted_on)],
		rec.doctype, rec.name,
	)


def on_expert_assigned(review):
	send(
		[review.expert_user],
		_("【评审任务】请评审项目《{0}》").format(review.project_name),
		[_("请在专家评审时间内登录系统完成评分。")],
		review.doctype, review.name,
	)


# --- daily reminders (scheduler) -------------------------------------------------------------------

REMIND_DAYS = 3


def send_deadline_reminders():
	"""Districts that have not filed their 推荐汇总表, and experts with unscored projects, when their
	deadline is within REMIND_DAYS days (on the server clock in each edition's time zone)."""
	from smart_city_contest.district_review.project_flow import edition_now, recommendation_deadline

	for edition in frappe.get_all("Contest Edition", fields=["name", "review_start", "review_end", "application_start"]):
		now = edition_now(edition.name)
		soon = add_days(now, REMIND_DAYS)
		filed = set(
			frappe.get_all(
				"District Recommendation", filters={"contest": edition.name, "docstatus": 1}, pluck="district"
			)
		)
		for district in frappe.get_all("Contest District", filters={"enabled": 1}, pluck="name"):
			if district in filed:
				continue
			deadline = recommendation_deadline(edition.name, district)
			if get_datetime(edition.application_start) <= now <= deadline <= soon:
				send(
					district_reviewers(district),
					_("【提醒】{0}推荐汇总表尚未报送，截止时间{1}").format(district, deadline),
					[_("大赛届次：{0}").format(edition.name), _("区县汇总材料逾期不再受理，请及时报送。")],
					"Contest Edition", edition.name,
				)
		if get_datetime(edition.review_start) <= now <= get_datetime(edition.review_end) <= soon:
			pending = frappe.get_all(
				"Expert Review",
				filters={"contest": edition.name, "status": review_statuses.PENDING},
				fields=["expert_user", "count(*) as n"],
				group_by="expert_user",
			)
			for row in pending:
				send(
					[row.expert_user],
					_("【提醒】您还有{0}个项目未评分，评审截止时间{1}").format(row.n, edition.review_end),
					[_("大赛届次：{0}").format(edition.name)],
					"Contest Edition", edition.name,
				)
