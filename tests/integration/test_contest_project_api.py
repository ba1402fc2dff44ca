"""Contest Project over REST, including one project per unit per edition under a race."""

import threading

import frappe
import pytest

from smart_city_contest.errors import DuplicateApplication
from tests.factories import OPEN_EDITION, project_payload, unit_payload

DT = "Contest Project"


@pytest.fixture
def unit(admin_api):
	r = admin_api.insert("Participant Unit", unit_payload())
	assert r.ok, r
	return r.data["name"]


def project_count(unit: str) -> int:
	frappe.db.rollback()
	return frappe.db.count(DT, {"unit": unit})


def test_valid_project_is_stored_with_the_units_district(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit))
	assert r.ok, r
	stored = admin_api.get(DT, r.data["name"]).data
	assert stored["district"] == "历下区"
	assert stored["unit_name"].startswith("济南智慧城市测试科技有限公司")
	assert [(i["level_1"], i["level_2"]) for i in stored["indicators"]] == [
		("产出指标", "数量指标"), ("效益指标", "社会效益指标"), ("社会公众或服务对象满意度指标", "具体指标"),
	]


def test_typing_another_district_is_refused(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, district="市中区"))
	assert r.status == 417 and "“所在区县”" in r.message and "取自参赛单位（历下区）" in r.message, r
	assert project_count(unit) == 0
	created = admin_api.insert(DT, project_payload(unit))
	r = admin_api.update(DT, created.data["name"], {"district": "天桥区"})
	assert r.status == 417, r
	assert admin_api.get(DT, created.data["name"]).data["district"] == "历下区"


def test_at_least_one_domain(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, domain_social_governance=0, domain_urban_management=0))
	assert r.status == 417 and "请至少选择一个涉及领域" in r.message, r
	assert project_count(unit) == 0


def test_other_domain_needs_its_name(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, domain_other=1))
	assert r.status == 417 and "“其他领域名称”" in r.message, r
	ok = admin_api.insert(DT, project_payload(unit, domain_other=1, other_domain_name="智慧医疗"))
	assert ok.ok, ok
	assert ok.data["other_domain_name"] == "智慧医疗"


def test_summary_limit_is_800_characters(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, project_summary="字" * 801))
	assert r.status == 417 and r.exc_type == "TextTooLong" and "“项目简介（限800字）”" in r.message, r
	assert admin_api.insert(DT, project_payload(unit, project_summary="字" * 800)).ok


def test_negative_investment_is_refused(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, investment_amount=-5))
	assert r.status == 417 and "“投资金额（万元）”" in r.message and "不能为负数" in r.message, r
	assert project_count(unit) == 0


def test_city_funded_must_be_yes_or_no(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, city_funded=None))
	assert r.status == 417 and "市财政投资建设" in r.message, r


def test_period_end_before_start_is_refused(admin_api, unit):
	r = admin_api.insert(DT, project_payload(unit, period_start="2021-10-01", period_end="2021-01-01"))
	assert r.status == 417 and "“项目期限（止）”" in r.message, r


def test_indicator_outside_the_taxonomy_is_refused_with_its_row(admin_api, unit):
	payload = project_payload(unit)
	payload["indicators"].append(
		{"level_1": "产出指标", "level_2": "经济效益指标", "indicator_content": "x", "indicator_value": "1"}
	)
	r = admin_api.insert(DT, payload)
	assert r.status == 417 and r.exc_type == "InvalidIndicator", r
	assert "绩效指标第4行" in r.message and "不属于一级指标“产出指标”" in r.message, r
	assert project_count(unit) == 0
	frappe.db.rollback()
	assert frappe.db.count("Performance Indicator", {"parent": ("like", "PRJ-%"), "indicator_content": "x"}) == 0


def test_other_indicator_rows_with_names_are_kept(admin_api, unit):
	payload = project_payload(unit)
	payload["indicators"].append(
		{"level_1": "产出指标", "level_2": "其他", "level_2_other": "安全指标", "indicator_content": "等保测评", "indicator_value": "三级"}
	)
	r = admin_api.insert(DT, payload)
	assert r.ok, r
	assert r.data["indicators"][-1]["level_2_other"] == "安全指标"


def test_second_project_of_a_unit_in_the_same_edition_is_refused(admin_api, unit):
	assert admin_api.insert(DT, project_payload(unit)).ok
	r = admin_api.insert(DT, project_payload(unit))
	assert r.status == 409 and r.exc_type == "DuplicateApplication", r
	assert "每个参赛单位只能申报1个项目" in r.message, r
	assert project_count(unit) == 1


def test_racing_requests_create_exactly_one_project(admin_api, unit):
	barrier = threading.Barrier(4)
	results = []

	def post():
		barrier.wait()
		results.append(admin_api.insert(DT, project_payload(unit)))

	threads = [threading.Thread(target=post) for _ in range(4)]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert sorted(r.status for r in results) == [200, 409, 409, 409], results
	assert all("每个参赛单位只能申报1个项目" in r.message for r in results if not r.ok), results
	assert project_count(unit) == 1


def test_database_refuses_a_duplicate_that_slipped_past_validation(admin_api, unit, monkeypatch):
	"""The race path itself: with the Python check out of the way, the unique index answers, in Chinese."""
	from smart_city_contest.application import one_project_per_unit

	assert admin_api.insert(DT, project_payload(unit)).ok
	frappe.db.rollback()
	monkeypatch.setattr(one_project_per_unit, "check", lambda project: None)
	doc = frappe.get_doc(dict(project_payload(unit), doctype=DT))
	with pytest.raises(DuplicateApplication) as raised:
		doc.insert(ignore_permissions=True)
	assert "每个参赛单位只能申报1个项目" in str(raised.value)
	frappe.db.rollback()
	assert frappe.db.count(DT, {"unit": unit}) == 1


def test_same_unit_may_apply_in_another_edition(admin_api, unit):
	assert admin_api.insert(DT, project_payload(unit)).ok
	next_year = frappe.copy_doc(frappe.get_doc("Contest Edition", OPEN_EDITION))
	next_year.title = f"测试届次{frappe.generate_hash(length=6)}"
	next_year.year = 2022
	next_year.insert(ignore_permissions=True)
	frappe.db.commit()
	r = admin_api.insert(DT, project_payload(unit, contest=next_year.title))
	assert r.ok, r
	assert project_count(unit) == 2


def test_edition_with_windows_out_of_order_is_refused(admin_api):
	edition = frappe.get_doc("Contest Edition", OPEN_EDITION).as_dict(no_default_fields=True)
	payload = {k: v for k, v in edition.items() if not isinstance(v, list)}
	payload.update(title="顺序错误的届次", recommendation_deadline=str(edition.application_start))
	payload["award_levels"] = [{"award_level": "一等奖", "rank": 1, "quota": 2}]
	payload["scoring_dimensions"] = [{"dimension": "综合", "weight": 100, "max_score": 100}]
	r = admin_api.request("POST", "/api/resource/Contest Edition", json={k: str(v) if hasattr(v, "isoformat") else v for k, v in payload.items()})
	assert r.status == 417 and "“区县推荐截止时间”" in r.message and "不早于申报截止时间" in r.message, r


def test_edition_weights_must_sum_to_100(admin_api):
	edition = frappe.get_doc("Contest Edition", OPEN_EDITION)
	edition.scoring_dimensions[0].weight = 10
	with pytest.raises(frappe.ValidationError, match="权重合计须为100%"):
		edition.save(ignore_permissions=True)
	frappe.db.rollback()
