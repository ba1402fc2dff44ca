"""Participant Unit over REST: what is accepted, what is refused and with which Chinese message."""

import frappe
import pytest

from tests.factories import random_uscc, unit_payload

DT = "Participant Unit"


def stored_count(unit_name: str) -> int:
	frappe.db.rollback()  # see what the server committed
	return frappe.db.count(DT, {"unit_name": unit_name})


def assert_refused(r, *fragments, exc_type="ValidationError", status=417):
	assert r.status == status, r
	assert r.exc_type == exc_type, r
	for fragment in fragments:
		assert fragment in r.message, r


def test_valid_unit_is_stored_with_normalised_uscc(admin_api):
	payload = unit_payload()
	code = payload["uscc"]
	payload["uscc"] = f" {code[:8]}-{code[8:]} ".lower()
	r = admin_api.insert(DT, payload)
	assert r.ok, r
	assert r.data["name"].startswith("UNIT-")
	stored = admin_api.get(DT, r.data["name"]).data
	assert stored["uscc"] == code
	assert stored["district"] == "历下区"
	assert stored["unit_name"] == payload["unit_name"]
	assert stored["net_profit_current_year"] == -20  # a loss is allowed


@pytest.mark.parametrize(
	"mutate, fragments",
	[
		(lambda c: c[:17], ["“统一社会信用代码”", "应为18位，实际为17位"]),
		(lambda c: c[:10] + "I" + c[11:], ["“统一社会信用代码”", "不允许的字符“I”"]),
		(lambda c: c[:17] + ("0" if c[17] != "0" else "1"), ["“统一社会信用代码”", "校验位（第18位）错误", "应为“"]),
	],
	ids=["length", "characters", "check-digit"],
)
def test_bad_uscc_is_refused_and_names_the_problem(admin_api, mutate, fragments):
	payload = unit_payload()
	payload["uscc"] = mutate(payload["uscc"])
	r = admin_api.insert(DT, payload)
	assert_refused(r, *fragments, exc_type="InvalidUscc")
	assert stored_count(payload["unit_name"]) == 0


def test_check_digit_message_gives_the_right_digit(admin_api):
	payload = unit_payload()
	good = payload["uscc"]
	payload["uscc"] = good[:17] + ("0" if good[17] != "0" else "1")
	r = admin_api.insert(DT, payload)
	assert f"应为“{good[17]}”" in r.message, r


def test_same_uscc_twice_is_refused(admin_api):
	first = admin_api.insert(DT, unit_payload())
	assert first.ok, first
	again = unit_payload(uscc=first.data["uscc"])
	r = admin_api.insert(DT, again)
	assert_refused(r, "“统一社会信用代码”", "已由参赛单位", exc_type="DuplicateEntryError", status=409)
	assert stored_count(again["unit_name"]) == 0


def test_unit_profile_limit_is_200_characters(admin_api):
	assert admin_api.insert(DT, unit_payload(unit_profile="字" * 200)).ok
	payload = unit_payload(unit_profile="字" * 201)
	r = admin_api.insert(DT, payload)
	assert_refused(r, "“单位简介（限200字）”", "当前201字", exc_type="TextTooLong")
	assert stored_count(payload["unit_name"]) == 0


@pytest.mark.parametrize("field, label", [
	("registered_capital", "注册资本（万元）"),
	("total_assets", "总资产（万元）"),
	("revenue_previous_year", "上一年度销售收入（万元）"),
	("revenue_current_year", "本年度销售收入（万元）"),
])
def test_negative_money_is_refused(admin_api, field, label):
	payload = unit_payload(**{field: -1})
	r = admin_api.insert(DT, payload)
	assert_refused(r, f"“{label}”", "不能为负数")
	assert stored_count(payload["unit_name"]) == 0


@pytest.mark.parametrize("ratio", [-0.5, 100.01, 250])
def test_debt_ratio_outside_0_100_is_refused(admin_api, ratio):
	payload = unit_payload(debt_ratio=ratio)
	r = admin_api.insert(DT, payload)
	assert_refused(r, "“负债率（%）”", "须在0%到100%之间")
	assert stored_count(payload["unit_name"]) == 0


def test_debt_ratio_bounds_are_allowed(admin_api):
	assert admin_api.insert(DT, unit_payload(debt_ratio=0)).ok
	assert admin_api.insert(DT, unit_payload(debt_ratio=100)).ok


def test_enterprise_needs_its_nature_and_others_do_not_keep_one(admin_api):
	r = admin_api.insert(DT, unit_payload(enterprise_nature=None))
	assert_refused(r, "“企业性质”")
	university = admin_api.insert(DT, unit_payload(unit_category="高等院校", enterprise_nature="国有"))
	assert university.ok, university
	assert university.data.get("enterprise_nature") is None


def test_unknown_select_option_is_refused(admin_api):
	r = admin_api.insert(DT, unit_payload(enterprise_nature="外资"))
	assert r.status == 417, r
	assert "企业性质" in r.message, r


def test_name_change_needs_former_name_and_proof(admin_api):
	r = admin_api.insert(DT, unit_payload(name_changed=1, former_name="旧名称有限公司"))
	assert_refused(r, "“工商注册变更登记材料”", "须上传")
	r = admin_api.insert(DT, unit_payload(name_changed=1, name_change_proof="/private/files/proof.pdf"))
	assert_refused(r, "“原单位名称”")
	ok = admin_api.insert(
		DT, unit_payload(name_changed=1, former_name="旧名称有限公司", name_change_proof="/private/files/proof.pdf")
	)
	assert ok.ok, ok


def test_update_with_bad_uscc_changes_nothing(admin_api):
	created = admin_api.insert(DT, unit_payload())
	name, code = created.data["name"], created.data["uscc"]
	r = admin_api.update(DT, name, {"uscc": code[:17] + ("0" if code[17] != "0" else "1"), "address": "新地址"})
	assert_refused(r, "校验位", exc_type="InvalidUscc")
	stored = admin_api.get(DT, name).data
	assert (stored["uscc"], stored["address"]) == (code, "济南市历下区经十路1号")


def test_unknown_district_is_refused(admin_api):
	payload = unit_payload(district="火星区")
	r = admin_api.insert(DT, payload)
	assert r.status == 417 and "火星区" in r.message, r
	assert stored_count(payload["unit_name"]) == 0


def test_random_factory_codes_are_valid(admin_api):
	# The factory is the base of every other test: its codes must pass the site's own check.
	for _ in range(5):
		r = admin_api.insert(DT, unit_payload(uscc=random_uscc("370112"), district="历城区"))
		assert r.ok, r
