"""What install and migrate put on the site, and that running them again keeps a bureau's edits."""

import frappe

from smart_city_contest.setup.install import load_master_data
from tests.factories import EDITION_2021

DISTRICTS = {
	"历下区": "370102", "市中区": "370103", "槐荫区": "370104", "天桥区": "370105",
	"历城区": "370112", "长清区": "370113", "章丘区": "370114", "济阳区": "370115",
	"莱芜区": "370116", "钢城区": "370117", "平阴县": "370124", "商河县": "370126",
}
ZONES = ("高新区", "起步区", "南部山区")


def test_all_15_districts_with_codes_and_bureaus():
	rows = frappe.get_all("Contest District", fields=["name", "division_code", "district_type", "bureau_name"])
	by_name = {r.name: r for r in rows}
	assert set(DISTRICTS) | set(ZONES) <= set(by_name)
	for name, code in DISTRICTS.items():
		assert by_name[name].division_code == code
		assert by_name[name].bureau_name
	for zone in ZONES:
		assert by_name[zone].district_type == "功能区"
		assert not by_name[zone].division_code


def test_the_2021_edition_carries_the_plan():
	edition = frappe.get_doc("Contest Edition", EDITION_2021)
	assert edition.year == 2021 and edition.time_zone == "Asia/Shanghai"
	assert str(edition.application_start) == "2021-11-18 00:00:00"
	assert str(edition.application_end) == "2021-12-15 23:59:59"
	assert str(edition.recommendation_deadline) == "2021-12-15 23:59:59"
	assert str(edition.review_start).startswith("2021-12") and str(edition.review_end).startswith("2022-01")
	assert str(edition.notice_start).startswith("2022-01") and str(edition.notice_end).startswith("2022-02")
	quotas = {row.award_level: (row.quota, row.is_unlimited) for row in edition.award_levels}
	assert quotas == {"一等奖": (2, 0), "二等奖": (6, 0), "三等奖": (0, 1)}
	assert [row.dimension for row in edition.scoring_dimensions] == ["项目基本情况", "项目方案及实施情况", "项目建设成效"]
	assert sum(row.weight for row in edition.scoring_dimensions) == 100


def test_loading_again_adds_nothing_and_keeps_site_edits():
	before = frappe.db.count("Contest District"), frappe.db.count("Contest Edition")
	frappe.db.set_value("Contest District", "历下区", "bureau_name", "历下区工信局（已改名）")
	try:
		load_master_data()
		assert (frappe.db.count("Contest District"), frappe.db.count("Contest Edition")) == before
		assert frappe.db.get_value("Contest District", "历下区", "bureau_name") == "历下区工信局（已改名）"
	finally:
		frappe.db.rollback()


def test_a_deleted_master_record_comes_back_on_migrate():
	frappe.db.delete("Contest District", {"name": "南部山区"})
	try:
		load_master_data()
		assert frappe.db.get_value("Contest District", "南部山区", "district_type") == "功能区"
	finally:
		frappe.db.rollback()


def test_unique_index_guards_one_project_per_unit_per_edition():
	indexes = frappe.db.sql("show index from `tabContest Project` where Key_name='unique_contest_unit'", as_dict=True)
	assert [(i.Column_name, i.Non_unique) for i in indexes] == [("contest", 0), ("unit", 0)]


def test_doctype_names_read_in_chinese():
	from frappe.translate import get_all_translations

	zh = get_all_translations("zh")
	for doctype, chinese in {
		"Contest Edition": "大赛届次", "Contest District": "区县", "Participant Unit": "参赛单位",
		"Contest Project": "参赛项目", "Performance Indicator": "绩效指标",
	}.items():
		assert zh.get(doctype) == chinese


def test_every_field_label_is_chinese():
	import re

	han = re.compile(r"[\u4e00-\u9fff]")
	for doctype in frappe.get_all("DocType", filters={"module": ("in", ["Contest Setup", "Application", "District Review"])}, pluck="name"):
		for df in frappe.get_meta(doctype).fields:
			if df.fieldtype in ("Column Break",) or not df.label:
				continue
			assert han.search(df.label), f"{doctype}.{df.fieldname} label {df.label!r} is not Chinese"


def test_unique_indexes_hold_the_one_to_one_rules():
	def columns(table, key):
		return [i.Column_name for i in frappe.db.sql(f"show index from `tab{table}` where Key_name=%s", key, as_dict=True)]

	assert columns("Participant Unit", "unique_unit_user") == ["user"]  # one unit per applicant account
	assert columns("District Recommendation", "unique_recommendation_contest_district") == ["contest", "district"]
	assert columns("District Deadline Extension", "unique_extension_contest_district") == ["contest", "district"]
	assert columns("Expert Review", "unique_review_project_expert") == ["project", "expert"]


def test_applicants_have_no_desk_and_staff_keep_it():
	"""Frappe creates the roles the DocTypes' permissions name, with desk access, before the app's install
	code runs: install leaves Contest Applicant without it (so its accounts are Website Users), the staff
	roles with it; an applicant account made in the desk by the bureau is a Website User."""
	from smart_city_contest.setup.workflow import DESK_ACCESS

	assert DESK_ACCESS["Contest Applicant"] == 0
	assert {role: frappe.db.get_value("Role", role, "desk_access") for role in DESK_ACCESS} == DESK_ACCESS
	email = f"{frappe.generate_hash(length=8)}@install.example.com"
	frappe.get_doc({"doctype": "User", "email": email, "first_name": "申报人", "send_welcome_email": 0,
		"roles": [{"role": "Contest Applicant"}]}).insert(ignore_permissions=True)
	try:
		assert frappe.db.get_value("User", email, "user_type") == "Website User"
	finally:
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
		frappe.db.commit()


def test_the_workspace_cards_and_charts_are_the_module_files():
	"""Frappe imports the workspace, its number cards and charts from contest_setup/ (standard records as
	the files have them); setup/desk.py writes only the 时间节点 block and the Session Defaults row."""
	from frappe.modules.import_file import get_file_path, read_doc_from_file

	from smart_city_contest.contest_setup import editions
	from smart_city_contest.setup.desk import TIMELINE_BLOCK, block_values

	workspace = read_doc_from_file(get_file_path("Contest Setup", "Workspace", "智慧泉城创新应用大赛"))
	shipped = [("Number Card", row["number_card_name"]) for row in workspace["number_cards"]]
	shipped += [("Dashboard Chart", row["chart_name"]) for row in workspace["charts"]]
	assert len(shipped) == 14
	for doctype, name in shipped:
		record = read_doc_from_file(get_file_path("Contest Setup", doctype, name))
		stored = frappe.db.get_value(doctype, name, ["is_standard", "module", "filters_json", "dynamic_filters_json"])
		assert stored == (1, "Contest Setup", record["filters_json"], record["dynamic_filters_json"]), (doctype, name)
	stored = frappe.get_doc("Workspace", "智慧泉城创新应用大赛")
	assert stored.content == workspace["content"]
	assert [s.label for s in stored.shortcuts] == [s["label"] for s in workspace["shortcuts"]]
	assert [(link.type, link.label, link.link_to) for link in stored.links] == [
		(link["type"], link["label"], link.get("link_to")) for link in workspace["links"]]
	block = frappe.get_doc("Custom HTML Block", TIMELINE_BLOCK)
	assert {field: block.get(field) for field in ("html", "script", "style")} == {
		field: value for field, value in block_values().items() if field != "private"}
	session_defaults = frappe.get_single("Session Default Settings").session_defaults
	assert editions.EDITION in [row.ref_doctype for row in session_defaults]
