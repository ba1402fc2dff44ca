"""The whole contest in a real browser, as its staff work in the desk: an applicant (who works in the
portal, test_portal_flow.py) has submitted a project; the district reviewer checks, recommends and files the
推荐汇总表; an expert scores; the city bureau closes the review and awards; the public notice page
shows the winner. Each step asserts what the page shows and saves a screenshot."""

import frappe
import pytest
from frappe.utils.password import update_password

from tests.factories import random_uscc
from tests.integration.world import make_edition, open_notice_window, open_review_window

PASSWORD = "Test@2021-desk"


def person(roles, districts=()):
	email = f"{frappe.generate_hash(length=8)}@browser.example.com"
	frappe.get_doc({"doctype": "User", "email": email, "first_name": email[:8], "send_welcome_email": 0,
		"language": "zh", "roles": [{"role": r} for r in roles]}).insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	for district in districts:
		frappe.permissions.add_user_permission("Contest District", district, email, ignore_permissions=True)
	frappe.db.commit()
	return email


@pytest.fixture
def cast(frappe_site):
	frappe.set_user("Administrator")
	contest = make_edition(f"浏览器测试届次{frappe.generate_hash(length=6)}")
	expert_user = person(["Contest Expert"])
	expert = frappe.get_doc({"doctype": "Review Expert", "user": expert_user, "expert_name": "王专家",
		"organisation": "山东大学"}).insert(ignore_permissions=True).name
	frappe.db.commit()
	return frappe._dict(
		contest=contest,
		applicant=person(["Contest Applicant"]),
		reviewer=person(["District Reviewer"], districts=["历下区"]),
		admin=person(["Contest Admin"]),
		expert_user=expert_user,
		expert=expert,
	)


def uploaded_by(user, *file_names):
	"""Files the user has uploaded (private, not yet attached): an Attach field takes only such files."""
	from tests.integration.world import tiny_pdf

	urls = []
	frappe.set_user(user)
	try:
		for file_name in file_names:
			doc = frappe.get_doc({"doctype": "File", "file_name": file_name, "is_private": 1,
				"content": tiny_pdf(f"{file_name} {frappe.generate_hash(length=8)}")}).insert()
			urls.append(doc.file_url)
		frappe.db.commit()
	finally:
		frappe.set_user("Administrator")
	return urls


def applied_and_submitted(user, contest, unit_name, project_name) -> str:
	"""The unit and its complete project, saved and submitted as `user` (an applicant: a Website User)."""
	from smart_city_contest.district_review.project_flow import apply_action
	from tests.factories import project_payload, unit_payload

	assert frappe.db.get_value("User", user, "user_type") == "Website User"
	proof, pledge = uploaded_by(user, "completion-proof.pdf", "pledge.pdf")
	frappe.set_user(user)
	try:
		unit = frappe.get_doc({"doctype": "Participant Unit", **unit_payload(unit_name=unit_name, uscc=random_uscc())}).insert()
		project = frappe.get_doc({"doctype": "Contest Project", **project_payload(unit.name, contest=contest,
			project_name=project_name, completion_proof=proof, signed_pledge=pledge)}).insert()
		frappe.db.commit()
		apply_action(project.name, "提交")
		frappe.db.commit()
		return project.name
	finally:
		frappe.set_user("Administrator")


def state_of(project):
	frappe.db.rollback()
	return frappe.db.get_value("Contest Project", project, "workflow_state")


def test_the_contest_in_the_desk(browser, cast):
	desk = browser
	unit_name = f"济南泉城数智科技有限公司{frappe.generate_hash(length=4).upper()}"
	project_name = f"泉城一网统管城市运行平台{frappe.generate_hash(length=4).upper()}"

	# 1–2. The applicant registers the unit, fills the project and submits it — in the portal, never the
	# desk (test_portal_flow.py walks those pages): here through the same server rules as that user.
	project = applied_and_submitted(cast.applicant, cast.contest, unit_name, project_name)
	assert frappe.db.get_value("Contest Project", project, "district") == "历下区"  # taken from the unit
	assert state_of(project) == "已提交（区县审核中）"

	# 3. The district reviewer checks eligibility and materials, recommends, files the 推荐汇总表.
	desk.login(cast.reviewer, PASSWORD)
	desk.open("/app/contest-project")
	desk.wait_text(project_name)
	desk.open_form("contest-project", project)
	desk.tab("区县审核")
	for label in ("项目实施完成证明材料已核验", "申报材料真实性承诺书已签章", "申报书各部分及相关附件齐全",
			"项目已实施完成、具备实地考察条件、实施区域在本市范围内"):
		desk.tick(label)
	desk.tick("参赛单位资格（辖区企事业单位、独立法人、近两年无环保违规和较大及以上安全生产事故、未列入失信联合惩戒对象名单）已核实")
	desk.save()
	desk.workflow_action("推荐")
	desk.wait_text("区县已推荐", css=".page-head")
	desk.shot("03-reviewer-recommends")

	desk.new_form("district-recommendation")
	desk.set_value("contest", cast.contest)
	desk.set_value("district", "历下区")
	desk.save()
	desk.wait_text(project_name, css='.frappe-control[data-fieldname="items"]')
	(stamped,) = uploaded_by(cast.reviewer, "推荐汇总表（盖章）.pdf")  # filing needs the stamped scan
	desk.set_value("stamped_summary", stamped)
	desk.save()
	desk.primary("提交")
	desk.confirm()
	desk.wait(lambda d: d.execute_script("return cur_frm.doc.docstatus") == 1, 30)
	desk.shot("04-reviewer-files-summary")
	assert state_of(project) == "市局已受理"

	# 4. The city bureau assigns an expert; the review window opens; the expert scores.
	frappe.set_user("Administrator")
	frappe.get_doc({"doctype": "Expert Review", "contest": cast.contest, "project": project, "expert": cast.expert}).insert()
	frappe.db.commit()
	open_review_window(cast.contest)
	review = frappe.db.get_value("Expert Review", {"project": project}, "name")

	desk.login(cast.expert_user, PASSWORD)
	desk.open("/app/expert-review")
	desk.wait_text(project_name)
	desk.open_form("expert-review", review)
	desk.driver.execute_script(
		"cur_frm.doc.scores.forEach((row, i) => frappe.model.set_value(row.doctype, row.name, 'score', [86, 92, 88][i]));"
	)
	desk.wait_idle()
	desk.save()
	assert desk.doc_value("total_score") == pytest.approx(0.3 * 86 + 0.4 * 92 + 0.3 * 88)
	desk.primary("提交")
	desk.confirm()
	desk.wait(lambda d: d.execute_script("return cur_frm.doc.docstatus") == 1, 30)
	desk.wait_text("已提交", css=".page-head")
	desk.shot("05-expert-scores")

	# 5. The city bureau closes the review and awards on the ranked list.
	desk.login(cast.admin, PASSWORD)
	desk.open(f"/app/query-report/Project Ranking?contest={cast.contest}")
	desk.wait_text(project_name, timeout=30)
	desk.modal_button_or_inner("结束评审")
	desk.confirm()
	desk.wait_text("已结束评审 1 个项目", css=".modal.show")
	desk.close_modal()
	desk.wait(lambda d: state_of(project) == "已评审", 20)
	desk.open(f"/app/query-report/Project Ranking?contest={cast.contest}")
	desk.wait_text("已评审", timeout=30)
	desk.modal_button_or_inner("评奖")
	desk.wait_css(".modal.show")
	desk.driver.execute_script(
		"const grid = cur_dialog.fields_dict.decisions.grid; grid.data[0].award_level = '一等奖'; grid.refresh();"
	)
	desk.modal_button("预览名额")
	desk.wait_text("本次拟授予", css=".modal.show")
	desk.shot("06-admin-previews-awards")
	desk.modal_button("确认评奖")
	desk.confirm()
	desk.wait(lambda d: state_of(project) == "获奖", 20)
	desk.shot("07-admin-awards")

	# 6. The public notice shows the winner, without logging in.
	open_notice_window(cast.contest)
	desk.driver.delete_all_cookies()
	desk.open("/contest-notice")
	desk.wait_text(project_name)
	desk.wait_text("一等奖")
	section = desk.text(f'section[data-edition="{cast.contest}"]')
	assert project_name in section and unit_name in section and "历下区" in section
	desk.shot("08-public-notice")
