"""The application's path over REST: submit, return with a reason, resubmit, recommend, with every
abuse refused in Chinese and every move recorded."""

import frappe
import pytest

from tests.integration.world import (
	CHECKLIST,
	REVIEWER,
	act,
	recommend,
	register_and_apply,
	stored,
)


@pytest.fixture
def reviewer(make_api_user):
	return make_api_user([REVIEWER], districts=["历下区"])


@pytest.fixture
def application(make_api_user):
	return register_and_apply(make_api_user, "历下区")


def test_registering_ties_the_account_to_its_unit(make_api_user):
	app = register_and_apply(make_api_user, "槐荫区")
	frappe.db.rollback()
	assert frappe.db.get_value("Participant Unit", app.unit, "user") == app.applicant.user
	assert frappe.db.exists("User Permission", {"user": app.applicant.user, "allow": "Participant Unit", "for_value": app.unit})


def test_an_account_registers_only_one_unit(make_api_user):
	from tests.factories import unit_payload

	app = register_and_apply(make_api_user, "槐荫区")
	r = app.applicant.insert("Participant Unit", unit_payload(district="槐荫区"))
	assert r.status == 409 and "每个账号只能登记一个参赛单位" in r.message, r


def test_a_new_project_starts_as_draft(application):
	assert stored("Contest Project", application.project, "workflow_state") == "草稿"


def test_setting_the_state_directly_is_refused(application):
	r = application.applicant.update("Contest Project", application.project, {"workflow_state": "已提交（区县审核中）"})
	assert r.status == 417 and r.exc_type == "ServerManagedField", r
	assert "不能直接修改项目状态" in r.message, r
	assert stored("Contest Project", application.project, "workflow_state") == "草稿"


def test_a_project_cannot_be_created_in_a_later_state(make_api_user):
	from tests.factories import project_payload, unit_payload
	from tests.integration.world import complete_materials

	applicant = make_api_user(["Contest Applicant"])
	unit = applicant.insert("Participant Unit", unit_payload()).data["name"]
	r = applicant.insert("Contest Project", project_payload(unit, workflow_state="区县已推荐", **complete_materials(applicant)))
	assert r.status == 417 and "新申报的项目只能是“草稿”" in r.message, r


def test_client_dates_are_refused(make_api_user):
	from tests.factories import project_payload, unit_payload

	applicant = make_api_user(["Contest Applicant"])
	unit = applicant.insert("Participant Unit", unit_payload()).data["name"]
	r = applicant.insert("Contest Project", project_payload(unit, application_date="2021-01-01"))
	assert r.status == 417 and "“申报日期”" in r.message and "由系统填写" in r.message, r


def test_submission_needs_declarations_and_materials(make_api_user):
	app = register_and_apply(make_api_user, "历下区", materials=False, decl_completed=0)
	r = act(app.applicant, app.project, "提交")
	assert r.status == 417 and r.exc_type == "IncompleteApplication", r
	for missing in ("项目已实施完成且具备实地考察条件", "“项目实施完成证明材料”", "“申报材料真实性承诺书（盖章扫描件）”"):
		assert missing in r.message, r
	assert stored("Contest Project", app.project, "workflow_state") == "草稿"


def test_the_full_path_is_recorded(application, reviewer):
	app = application
	r = act(app.applicant, app.project, "提交")
	assert r.ok, r
	assert r.data["workflow_state"] == "已提交（区县审核中）"
	assert r.data["application_date"] and r.data["submitted_on"]

	# Submitted: the applicant can no longer change the content.
	r = app.applicant.update("Contest Project", app.project, {"project_name": "改过的名称"})
	assert r.status == 403 and "申报内容不能修改" in r.message, r

	# The reviewer returns it with a reason the applicant sees.
	assert act(reviewer, app.project, "退回修改").status == 417
	r = act(reviewer, app.project, "退回修改", reason="缺少项目投资额证明，请补充后重新提交")
	assert r.ok, r
	seen = app.applicant.get("Contest Project", app.project).data
	assert seen["workflow_state"] == "退回修改"
	assert seen["review_reason"] == "缺少项目投资额证明，请补充后重新提交"

	# Returned: the applicant edits and resubmits.
	assert app.applicant.update("Contest Project", app.project, {"project_summary": "补充了投资额证明。"}).ok
	assert act(app.applicant, app.project, "重新提交").ok

	# Recommendation is refused while the check list is incomplete.
	r = act(reviewer, app.project, "推荐")
	assert r.status == 417 and r.exc_type == "IncompleteApplication" and "审核清单未全部确认" in r.message, r
	recommend(reviewer, app.project)
	assert stored("Contest Project", app.project, "workflow_state") == "区县已推荐"

	log = app.applicant.get("Contest Project", app.project).data["state_log"]
	assert [(row["from_state"], row["action"], row["to_state"]) for row in log] == [
		("草稿", "提交", "已提交（区县审核中）"),
		("已提交（区县审核中）", "退回修改", "退回修改"),
		("退回修改", "重新提交", "已提交（区县审核中）"),
		("已提交（区县审核中）", "推荐", "区县已推荐"),
	]
	assert [row["user"] for row in log] == [app.applicant.user, reviewer.user, app.applicant.user, reviewer.user]
	assert log[1]["reason"] == "缺少项目投资额证明，请补充后重新提交"
	assert all(row["at"] for row in log)


def test_resubmission_clears_the_check_list(application, reviewer):
	app = application
	assert act(app.applicant, app.project, "提交").ok
	assert reviewer.update("Contest Project", app.project, CHECKLIST).ok
	assert act(reviewer, app.project, "退回修改", reason="补充材料").ok
	assert act(app.applicant, app.project, "重新提交").ok
	frappe.db.rollback()
	assert not any(frappe.db.get_value("Contest Project", app.project, list(CHECKLIST)))


def test_skipping_a_step_is_refused(application, reviewer):
	r = act(reviewer, application.project, "推荐")
	assert r.status == 417 and r.exc_type == "InvalidTransition", r
	assert "项目处于“草稿”状态，不能执行“推荐”" in r.message, r


def test_the_applicant_cannot_recommend_itself(application):
	assert act(application.applicant, application.project, "提交").ok
	r = act(application.applicant, application.project, "推荐")
	assert r.status == 417 and "“推荐”只能由区县审核员执行" in r.message, r


def test_a_reviewer_cannot_edit_the_application(application, reviewer):
	assert act(application.applicant, application.project, "提交").ok
	r = reviewer.update("Contest Project", application.project, {"project_name": "审核员改的名称"})
	assert r.status == 403 and "不能修改" in r.message, r
	r = reviewer.update("Contest Project", application.project, {"district": "市中区"})
	assert r.status == 403 and "无权访问" in r.message, r
	frappe.db.rollback()
	assert frappe.db.get_value("Contest Project", application.project, ["district", "project_name"])[0] == "历下区"


def test_a_reviewer_cannot_move_a_unit_to_another_district(application, reviewer):
	r = reviewer.update("Participant Unit", application.unit, {"district": "市中区"})
	assert r.status == 403, r
	assert stored("Participant Unit", application.unit, "district") == "历下区"


def test_a_submitted_unit_cannot_change_district(application):
	assert act(application.applicant, application.project, "提交").ok
	r = application.applicant.update("Participant Unit", application.unit, {"district": "市中区"})
	assert r.status == 417 and "不能再更改所在区县" in r.message, r


def test_an_applicant_cannot_apply_for_someone_elses_unit(make_api_user, application):
	from tests.factories import project_payload

	other = make_api_user(["Contest Applicant"])
	r = other.insert("Contest Project", project_payload(application.unit))
	assert r.status == 403, r
	assert not stored("Contest Project", {"unit": application.unit, "owner": other.user}, "name")


def test_the_checklist_is_the_reviewers(application):
	r = application.applicant.update("Contest Project", application.project, CHECKLIST)
	# Frappe drops fields of a permission level the user cannot write; nothing is ticked.
	assert not any(stored("Contest Project", application.project, f) for f in CHECKLIST)
	assert r.ok or r.status == 403


def test_a_rejection_needs_a_reason_and_ends_the_path(application, reviewer):
	assert act(application.applicant, application.project, "提交").ok
	assert act(reviewer, application.project, "不予推荐", reason="").status == 417
	assert act(reviewer, application.project, "不予推荐", reason="项目尚未实施完成").ok
	r = act(application.applicant, application.project, "重新提交")
	assert r.status == 417 and "不能执行“重新提交”" in r.message, r


def test_the_desk_workflow_button_goes_through_the_same_rules(application, reviewer):
	assert act(application.applicant, application.project, "提交").ok
	doc = reviewer.get("Contest Project", application.project).data
	r = reviewer.call("frappe.model.workflow.apply_workflow", doc=doc, action="退回修改")
	assert r.status == 417 and "须填写原因" in r.message, r
	doc["__transition_reason"] = "请补充承诺书盖章页"
	r = reviewer.call("frappe.model.workflow.apply_workflow", doc=doc, action="退回修改")
	assert r.ok, r
	assert stored("Contest Project", application.project, "review_reason") == "请补充承诺书盖章页"


def test_only_a_draft_can_be_deleted(application):
	assert act(application.applicant, application.project, "提交").ok
	r = application.applicant.delete("Contest Project", application.project)
	assert r.status == 403 and "不能删除" in r.message, r


def test_attachments_lock_with_the_application(application):
	def upload(name):
		return application.applicant.request(
			"POST", "/api/method/upload_file",
			files={"file": (name, b"%PDF-1.4 test", "application/pdf")},
			data={"doctype": "Contest Project", "docname": application.project, "is_private": 1},
		)

	assert upload("draft-proof.pdf").ok
	assert act(application.applicant, application.project, "提交").ok
	r = upload("late-proof.pdf")
	assert r.status == 403 and "申报材料已锁定" in r.message, r
	frappe.db.rollback()
	assert not frappe.db.exists("File", {"attached_to_name": application.project, "file_name": "late-proof.pdf"})
