"""Issue #11, points 1–3 over HTTP: an application is complete before 提交; once submitted, the
unit's data (申报表 part (一)) is frozen until a return (the city may correct it, logged); the
推荐汇总表 lists the right rows — a preview of the 区县已推荐 projects before filing, the filed items
after, and the city's workbook only filed districts with a cover naming the others."""

import io
import json

import frappe
from openpyxl import load_workbook

from tests.integration.world import (
	REVIEWER,
	act,
	file_recommendation,
	make_edition,
	recommend,
	register_and_apply,
	stored,
)

UNIT = "Participant Unit"
CHECK = "smart_city_contest.api.workflow.submission_check"
DOCS = "/api/method/smart_city_contest.api.documents."


def text(r) -> str:
	return json.dumps(r.json, ensure_ascii=False) if r.json else r.raw.text


def check(client, project):
	return client.request("GET", f"/api/method/{CHECK}", params={"project": project})


# 3. Complete before submit -------------------------------------------------------------------------


def test_submit_names_every_missing_piece_at_once_and_the_check_shows_them(make_api_user):
	app = register_and_apply(
		make_api_user, "历下区", project_summary="", innovation="<p><br></p>", promotion_plan="<p>&nbsp;</p>",
		indicators=[{"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "接入社区数量"}],
	)
	assert app.applicant.update(UNIT, app.unit, {"unit_profile": ""}).ok
	expected = [
		"参赛单位“单位简介”",
		"“项目简介”",
		"项目方案及完成情况报告“一、项目情况 2.项目实施的创新性与先进性”",
		"项目方案及完成情况报告“五、下一步推广计划”",
		"项目绩效评价表“效益指标”（至少填写一项指标）",
		"项目绩效评价表“社会公众或服务对象满意度指标”（至少填写一项指标）",
	]
	r = act(app.applicant, app.project, "提交")
	assert r.status == 417 and r.exc_type == "IncompleteApplication", r
	assert r.message.startswith("申报材料不完整，不能提交："), r
	for piece in expected:
		assert piece in r.message, (piece, r)
	assert "产出指标" not in r.message and "一、项目情况 1.项目概述" not in r.message, r
	assert stored("Contest Project", app.project, "workflow_state") == "草稿"

	# the read-only check: the unit itself and its district's reviewer; nobody else
	r = check(app.applicant, app.project)
	assert r.ok and r.data["complete"] is False and r.data["missing"] == expected, r
	reviewer = make_api_user([REVIEWER], districts=["历下区"])
	assert check(reviewer, app.project).data["missing"] == expected
	for outsider in (make_api_user(["Contest Applicant"]), make_api_user([REVIEWER], districts=["市中区"])):
		r = check(outsider, app.project)
		assert r.status == 403 and "参赛单位“单位简介”" not in text(r), r

	assert app.applicant.update(UNIT, app.unit, {"unit_profile": "本单位从事城市数字化治理。"}).ok
	r = app.applicant.update("Contest Project", app.project, {
		"project_summary": "项目简介。", "innovation": "<p>创新。</p>", "promotion_plan": "<p>推广。</p>",
		"indicators": [
			{"level_1": "产出指标", "level_2": "数量指标", "indicator_content": "接入社区数量"},
			{"level_1": "效益指标", "level_2": "社会效益指标", "indicator_content": "处置时长"},
			{"level_1": "社会公众或服务对象满意度指标", "level_2": "具体指标", "indicator_content": "满意度"},
		],
	})
	assert r.ok, r
	r = check(app.applicant, app.project)
	assert r.ok and r.data == {"project": app.project, "workflow_state": "草稿", "complete": True, "missing": []}, r
	assert act(app.applicant, app.project, "提交").ok


def test_resubmission_is_held_to_the_same_rule(make_api_user):
	app = register_and_apply(make_api_user, "历下区")
	reviewer = make_api_user([REVIEWER], districts=["历下区"])
	assert act(app.applicant, app.project, "提交").ok
	assert act(reviewer, app.project, "退回修改", reason="请补充项目成效。").ok
	assert app.applicant.update("Contest Project", app.project, {"outcomes": ""}).ok
	r = act(app.applicant, app.project, "重新提交")
	assert r.status == 417 and "项目方案及完成情况报告“四、项目成效”" in r.message, r
	assert stored("Contest Project", app.project, "workflow_state") == "退回修改"


# 1. Submitted means frozen: the unit ---------------------------------------------------------------


def test_a_submitted_units_data_is_locked_until_a_return(make_api_user):
	app = register_and_apply(make_api_user, "历下区")
	reviewer = make_api_user([REVIEWER], districts=["历下区"])
	assert app.applicant.update(UNIT, app.unit, {"contact_mobile": "13900000001"}).ok  # a draft: free
	assert act(app.applicant, app.project, "提交").ok
	before = stored(UNIT, app.unit, "unit_name")

	r = app.applicant.update(UNIT, app.unit, {"unit_name": "提交后改的名称", "total_assets": 1})
	assert r.status == 403 and "参赛单位信息已随申报书锁定" in r.message, r
	assert "“参赛单位名称”" in r.message and "“总资产（万元）”" in r.message and app.project in r.message, r
	r = app.applicant.call("frappe.client.set_value", doctype=UNIT, name=app.unit, fieldname="decl_not_dishonest", value=0)
	assert r.status == 403 and "参赛单位信息已随申报书锁定" in r.message, r
	assert stored(UNIT, app.unit, "unit_name") == before
	assert stored(UNIT, app.unit, "decl_not_dishonest") == 1

	assert act(reviewer, app.project, "退回修改", reason="请核对单位名称。").ok
	assert app.applicant.update(UNIT, app.unit, {"unit_name": before + "（更正）"}).ok
	assert act(app.applicant, app.project, "重新提交").ok
	r = app.applicant.update(UNIT, app.unit, {"contact_name": "王六"})
	assert r.status == 403 and "“姓名”" in r.message, r


def test_a_unit_is_free_again_once_its_editions_results_are_published(make_api_user):
	"""The lock holds while an edition runs; after 公布结果 its documents are settled (archived 申报书, filed
	items, certificates) and the unit brings its data up to date for the next edition."""
	from tests.integration.world import make_edition

	contest = make_edition(f"解锁测试届次{frappe.generate_hash(length=6)}")
	app = register_and_apply(make_api_user, "历下区", contest=contest)
	assert act(app.applicant, app.project, "提交").ok
	assert app.applicant.update(UNIT, app.unit, {"contact_name": "赵七"}).status == 403
	# as 公布结果 leaves it (public_notice/results.py), without the notice window this test has no use for
	frappe.db.set_value("Contest Edition", contest, {"results_published": 1,
		"results_published_on": frappe.utils.now_datetime(), "results_published_by": "Administrator"})
	frappe.db.commit()
	r = app.applicant.update(UNIT, app.unit, {"contact_name": "赵七"})
	assert r.ok, r
	assert stored(UNIT, app.unit, "contact_name") == "赵七"


def test_the_city_corrects_a_locked_unit_and_the_correction_is_logged(make_api_user):
	app = register_and_apply(make_api_user, "历下区")
	assert act(app.applicant, app.project, "提交").ok
	city = make_api_user(["Contest Admin"])
	r = city.update(UNIT, app.unit, {"contact_mobile": "13700000002"})
	assert r.ok, r
	frappe.db.rollback()
	assert frappe.db.get_value(UNIT, app.unit, "contact_mobile") == "13700000002"
	comments = frappe.get_all(
		"Comment", filters={"reference_doctype": UNIT, "reference_name": app.unit, "comment_type": "Info"},
		fields=["content", "owner"],
	)
	assert any(
		"更正已锁定的参赛单位信息" in c.content and city.user in c.content and "“手机号”" in c.content for c in comments
	), comments
	versions = frappe.get_all("Version", filters={"ref_doctype": UNIT, "docname": app.unit}, fields=["data", "owner"])
	assert any("13700000002" in v.data and v.owner == city.user for v in versions), versions


# 2. Right rows, and 1. the filed table is printed from its items -----------------------------------


def _rows(r, sheet=None):
	wb = load_workbook(io.BytesIO(r.raw.content))
	ws = wb[sheet] if sheet else wb.worksheets[0]
	return wb, ws, [[c.value for c in row] for row in ws.iter_rows(min_row=5)]


def test_summaries_list_the_right_rows_before_and_after_filing(make_api_user):
	contest = make_edition(f"汇总表行测试届次{frappe.generate_hash(length=6)}")
	district, other = "槐荫区", "天桥区"
	reviewer = make_api_user([REVIEWER], districts=[district])
	draft = register_and_apply(make_api_user, district, contest=contest)
	pending = register_and_apply(make_api_user, district, contest=contest)
	chosen = register_and_apply(make_api_user, district, contest=contest)
	elsewhere = register_and_apply(make_api_user, other, contest=contest)
	for app in (pending, chosen, elsewhere):
		assert act(app.applicant, app.project, "提交").ok
	recommend(reviewer, chosen.project)
	names = {a.project: stored("Contest Project", a.project, "project_name") for a in (draft, pending, chosen)}
	params = {"contest": contest, "district": district, "format": "xlsx"}

	# before filing: a preview of the 区县已推荐 projects only, marked as such
	r = reviewer.request("GET", DOCS + "district_summary", params=params)
	assert r.status == 200, r
	_wb, ws, rows = _rows(r)
	assert ws["A2"].value == "济南市新型智慧城市试点示范项目推荐汇总表（草稿预览（未报送））"
	assert [row[1] for row in rows] == [names[chosen.project]]
	r = reviewer.request("GET", DOCS + "district_summary", params={**params, "format": "pdf"})
	assert r.status == 200 and r.raw.content.startswith(b"%PDF"), r
	# another district's reviewer, and an applicant of the district, are refused
	for outsider in (make_api_user([REVIEWER], districts=[other]), chosen.applicant):
		r = outsider.request("GET", DOCS + "district_summary", params=params)
		assert r.status == 403, r

	city = make_api_user(["Contest Admin"])
	r = city.request("GET", DOCS + "city_summary", params={"contest": contest, "format": "xlsx"})
	assert r.status == 200, r
	wb = load_workbook(io.BytesIO(r.raw.content))
	assert wb.sheetnames[0] == "未报送区县" and district not in wb.sheetnames and other not in wb.sheetnames
	cover = {row[1]: row for row in ([c.value for c in row] for row in wb["未报送区县"].iter_rows(min_row=4))}
	assert cover[district][3:] == ["未创建推荐汇总表", 3, 1] and cover[other][3:] == ["未创建推荐汇总表", 1, 0]
	assert chosen.applicant.request("GET", DOCS + "city_summary", params={"contest": contest}).status == 403
	assert reviewer.request("GET", DOCS + "city_summary", params={"contest": contest}).status == 403

	# filing (报送)
	r = reviewer.insert("District Recommendation", {"contest": contest, "district": district})
	assert r.ok, r
	assert file_recommendation(reviewer, r.data["name"]).ok
	filed_unit_name = stored(UNIT, chosen.unit, "unit_name")

	# the city corrects the unit afterwards: the filed table does not change
	assert city.update(UNIT, chosen.unit, {"unit_name": "市局更正后的单位名称", "contact_name": "赵七"}).ok
	r = reviewer.request("GET", DOCS + "district_summary", params=params)
	_wb, ws, rows = _rows(r)
	assert ws["A2"].value == "济南市新型智慧城市试点示范项目推荐汇总表"
	assert [(row[1], row[4], row[8]) for row in rows] == [(names[chosen.project], filed_unit_name, "李四")]

	r = city.request("GET", DOCS + "city_summary", params={"contest": contest, "format": "xlsx"})
	wb, ws, rows = _rows(r, district)
	assert wb.sheetnames == ["未报送区县", district]
	assert [(row[1], row[4]) for row in rows] == [(names[chosen.project], filed_unit_name)]
	cover = [[c.value for c in row] for row in wb["未报送区县"].iter_rows(min_row=4)]
	assert other in [row[1] for row in cover] and district not in [row[1] for row in cover]
	r = city.request("GET", DOCS + "city_summary", params={"contest": contest, "format": "pdf"})
	assert r.status == 200 and r.raw.content.startswith(b"%PDF"), r
