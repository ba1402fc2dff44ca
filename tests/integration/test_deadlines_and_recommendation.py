"""The edition's windows, judged on the server clock, and the district's formal filing (推荐汇总表).

The server's clock cannot be moved from outside, so each test moves the edition's boundaries
around it instead: an edition whose window closed a second ago is what a real edition looks like
one second after its deadline.
"""

from datetime import timedelta

import frappe
import pytest

from smart_city_contest.rules.deadlines import now_in
from tests.factories import edition_windows, project_payload, unit_payload
from tests.integration.world import (
	REVIEWER,
	act,
	file_recommendation,
	make_edition,
	move_edition,
	recommend,
	register_and_apply,
	stamped_summary_scan,
	stored,
)


def now():
	return now_in("Asia/Shanghai").replace(microsecond=0)


@pytest.fixture
def edition():
	return make_edition(f"测试届次{frappe.generate_hash(length=6)}")


def test_no_application_before_the_window_opens(make_api_user):
	title = make_edition(
		f"未开始届次{frappe.generate_hash(length=6)}",
		**edition_windows(application_opened_days_ago=-1),
	)
	applicant = make_api_user(["Contest Applicant"])
	unit = applicant.insert("Participant Unit", unit_payload()).data["name"]
	r = applicant.insert("Contest Project", project_payload(unit, contest=title))
	assert r.status == 417 and r.exc_type == "DeadlinePassed" and "申报尚未开始" in r.message, r


def test_no_application_after_the_window_closes(make_api_user, edition):
	applicant = make_api_user(["Contest Applicant"])
	unit = applicant.insert("Participant Unit", unit_payload()).data["name"]
	move_edition(edition, application_end=now() - timedelta(seconds=1))
	r = applicant.insert("Contest Project", project_payload(unit, contest=edition))
	assert r.status == 417 and r.exc_type == "DeadlinePassed", r
	assert "截止，逾期不再受理" in r.message and "“大赛届次”" in r.message, r
	frappe.db.rollback()
	assert not frappe.db.exists("Contest Project", {"unit": unit})


def test_no_submission_after_the_application_window(make_api_user, edition):
	app = register_and_apply(make_api_user, "历下区", contest=edition)
	move_edition(edition, application_end=now() - timedelta(seconds=1))
	r = act(app.applicant, app.project, "提交")
	assert r.status == 417 and r.exc_type == "DeadlinePassed", r
	assert stored("Contest Project", app.project, "workflow_state") == "草稿"


def test_recommendation_closes_at_the_deadline_unless_extended(make_api_user, admin_api, edition):
	reviewer = make_api_user([REVIEWER], districts=["天桥区"])
	app = register_and_apply(make_api_user, "天桥区", contest=edition)
	assert act(app.applicant, app.project, "提交").ok
	assert reviewer.update("Contest Project", app.project, {"check_unit_eligibility": 1, "check_project_eligibility": 1,
		"check_completion_proof": 1, "check_pledge": 1, "check_materials_complete": 1}).ok

	past = now() - timedelta(seconds=1)
	move_edition(edition, application_end=past - timedelta(days=1), recommendation_deadline=past)
	r = act(reviewer, app.project, "推荐")
	assert r.status == 417 and r.exc_type == "DeadlinePassed" and "区县推荐已于" in r.message, r

	# An extension needs a reason; a reviewer cannot grant one; the city bureau can.
	extension = {"contest": edition, "district": "天桥区", "extended_until": str(now() + timedelta(days=3))}
	r = admin_api.insert("District Deadline Extension", extension)
	assert r.status == 417 and "延期原因" in r.message, r
	assert reviewer.insert("District Deadline Extension", dict(extension, reason="系统故障")).status == 403
	granted = admin_api.insert("District Deadline Extension", dict(extension, reason="区县机构调整，材料报送延后", granted_by=reviewer.user))
	assert granted.ok, granted
	assert granted.data["granted_by"] == "Administrator"  # recorded by the server, not the client

	# The reviewer sees the extension of their district, and now may recommend.
	seen = reviewer.list("District Deadline Extension", fields=["district", "reason"], filters={"contest": edition})
	assert [(row["district"], row["reason"]) for row in seen.data] == [("天桥区", "区县机构调整，材料报送延后")], seen
	assert act(reviewer, app.project, "推荐").ok

	# Another district is not extended.
	other_reviewer = make_api_user([REVIEWER], districts=["历城区"])
	assert other_reviewer.list("District Deadline Extension", filters={"contest": edition}).data == []


def test_an_extension_must_be_later_than_the_deadline(admin_api, edition):
	deadline = frappe.db.get_value("Contest Edition", edition, "recommendation_deadline")
	r = admin_api.insert("District Deadline Extension", {"contest": edition, "district": "长清区",
		"extended_until": str(deadline - timedelta(days=1)), "reason": "x"})
	assert r.status == 417 and "须晚于大赛规定的区县推荐截止时间" in r.message, r


def test_district_files_its_summary_and_projects_are_received(make_api_user, admin_api, edition):
	reviewer = make_api_user([REVIEWER], districts=["章丘区"])
	apps = [register_and_apply(make_api_user, "章丘区", contest=edition) for _ in range(3)]
	for app in apps:
		assert act(app.applicant, app.project, "提交").ok
	for app in apps[:2]:
		recommend(reviewer, app.project)

	r = reviewer.insert("District Recommendation", {"contest": edition, "district": "章丘区"})
	assert r.ok, r
	rec = r.data
	assert [row["project"] for row in rec["items"]] == [apps[0].project, apps[1].project]
	first = rec["items"][0]
	assert first["uscc"] and first["unit_name"] and first["category"] == "城市管理、社会治理"
	assert first["contact_phones"] == "0531-66602617 / 13800000000"

	# A second summary for the same district and edition is refused.
	again = reviewer.insert("District Recommendation", {"contest": edition, "district": "章丘区"})
	assert again.status == 409, again

	# A client-sent filing time is refused.
	r = reviewer.update("District Recommendation", rec["name"], {"submitted_on": "2021-12-01 10:00:00"})
	assert r.status == 417 and "由系统在报送时记录" in r.message, r

	# 报送 without the stamped scan of the summary is refused, naming it.
	r = reviewer.update("District Recommendation", rec["name"], {"docstatus": 1})
	assert r.status == 417 and "推荐汇总表盖章扫描件" in r.message and "不能报送" in r.message, r
	assert stored("District Recommendation", rec["name"], "docstatus") == 0
	# …and a scan that is not a PDF too.
	r = reviewer.request("POST", "/api/method/upload_file", files={"file": ("盖章.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")},
		data={"is_private": 1, "doctype": "District Recommendation", "docname": rec["name"], "fieldname": "stamped_summary"})
	assert r.status == 417 and "只能上传 PDF" in r.message, r

	# 报送.
	r = file_recommendation(reviewer, rec["name"])
	assert r.ok, r
	assert r.data["stamped_summary"].startswith("/private/files/")
	assert r.data["submitted_on"] and r.data["submitted_by"] == reviewer.user and r.data["fill_date"]
	for app in apps[:2]:
		assert stored("Contest Project", app.project, "workflow_state") == "市局已受理"
		log = app.applicant.get("Contest Project", app.project).data["state_log"]
		assert (log[-1]["action"], log[-1]["to_state"], log[-1]["user"]) == ("报送市局", "市局已受理", reviewer.user)
	assert stored("Contest Project", apps[2].project, "workflow_state") == "已提交（区县审核中）"

	# Locked: the applicant cannot edit, the summary cannot be withdrawn.
	r = apps[0].applicant.update("Contest Project", apps[0].project, {"project_summary": "再改一次"})
	assert r.status == 403 and "申报内容不能修改" in r.message, r
	r = reviewer.call("frappe.client.cancel", doctype="District Recommendation", name=rec["name"])
	assert not r.ok, r

	# The city bureau sees which districts have filed and which have not.
	report = admin_api.call("frappe.desk.query_report.run", report_name="District Submission Status", filters={"contest": edition})
	assert report.ok, report
	by_district = {row["district"]: row for row in report.data["result"] if isinstance(row, dict) and row.get("district")}
	assert by_district["章丘区"]["status"] == "已报送" and by_district["章丘区"]["project_count"] == 2
	assert by_district["章丘区"]["pending"] == 1
	assert by_district["历下区"]["status"] == "未报送"
	assert len(by_district) == 15
	# …and the district reviewer may not run the city's report.
	assert reviewer.call("frappe.desk.query_report.run", report_name="District Submission Status", filters={"contest": edition}).status == 403


def test_filing_refuses_a_summary_that_leaves_out_a_recommended_project(make_api_user, edition):
	reviewer = make_api_user([REVIEWER], districts=["济阳区"])
	apps = [register_and_apply(make_api_user, "济阳区", contest=edition) for _ in range(2)]
	for app in apps:
		assert act(app.applicant, app.project, "提交").ok
		recommend(reviewer, app.project)
	r = reviewer.insert("District Recommendation", {"contest": edition, "district": "济阳区", "items": [{"project": apps[0].project}]})
	assert r.ok, r
	r = file_recommendation(reviewer, r.data["name"])
	assert r.status == 417 and apps[1].project in r.message and "未列入推荐汇总表" in r.message, r


def test_filing_after_the_deadline_is_refused_unless_extended(make_api_user, admin_api, edition):
	reviewer = make_api_user([REVIEWER], districts=["莱芜区"])
	app = register_and_apply(make_api_user, "莱芜区", contest=edition)
	assert act(app.applicant, app.project, "提交").ok
	recommend(reviewer, app.project)
	rec = reviewer.insert("District Recommendation", {"contest": edition, "district": "莱芜区"}).data["name"]
	past = now() - timedelta(seconds=1)
	move_edition(edition, application_end=past - timedelta(days=1), recommendation_deadline=past)
	r = file_recommendation(reviewer, rec)
	assert r.status == 417 and r.exc_type == "DeadlinePassed" and "逾期不再受理" in r.message, r
	assert stored("Contest Project", app.project, "workflow_state") == "区县已推荐"
	assert admin_api.insert("District Deadline Extension", {"contest": edition, "district": "莱芜区",
		"extended_until": str(now() + timedelta(hours=2)), "reason": "同意延期两小时"}).ok
	assert reviewer.update("District Recommendation", rec, {"docstatus": 1, "stamped_summary": stamped_summary_scan(reviewer, rec)}).ok
	assert stored("Contest Project", app.project, "workflow_state") == "市局已受理"


def test_a_reviewer_cannot_file_for_another_district(make_api_user, edition):
	reviewer = make_api_user([REVIEWER], districts=["钢城区"])
	r = reviewer.insert("District Recommendation", {"contest": edition, "district": "平阴县"})
	assert r.status == 403, r


def test_a_summary_only_takes_its_districts_recommended_projects(make_api_user, edition):
	reviewer = make_api_user([REVIEWER], districts=["商河县"])
	other = register_and_apply(make_api_user, "平阴县", contest=edition)
	mine = register_and_apply(make_api_user, "商河县", contest=edition)
	r = reviewer.insert("District Recommendation", {"contest": edition, "district": "商河县", "items": [{"project": other.project}]})
	assert r.status in (403, 417), r
	r = reviewer.insert("District Recommendation", {"contest": edition, "district": "商河县", "items": [{"project": mine.project}]})
	assert r.status == 417 and "只有“区县已推荐”的项目可以列入" in r.message, r
