"""Statistics per edition (issue #11, point 8), over HTTP: the 大赛统计 report (counts and investment
totals by 区县, 涉及领域 and 企业性质, compared across editions, exported to XLSX) as the city bureau,
a district reviewer (their district only) and the roles that may not run it; the workspace's cards
and charts counting one edition (a dynamic filter on the session's edition)."""

import io
import json

import frappe
import pytest
from openpyxl import load_workbook

from tests.integration.world import REVIEWER, act, make_edition, recommend, register_and_apply

REPORT = "Contest Statistics"
RUN = "frappe.desk.query_report.run"


def run(client, **filters):
	"""The report as the desk runs it, directly: Frappe turns a report into a prepared (queued) one after a
	single run over 15 s, which a loaded test machine can reach."""
	return client.call(RUN, report_name=REPORT, filters=filters, ignore_prepared_report=1)


def _rows(r) -> dict:
	assert r.ok, r
	return {row["group"]: row for row in r.data["result"] if isinstance(row, dict)}


@pytest.fixture(scope="module")
def editions(make_api_user):
	"""This edition: 平阴县 2 submitted (1 recommended, 1 awarded) + 1 draft, 商河县 1 submitted;
	the earlier one: 平阴县 1 submitted."""
	tag = frappe.generate_hash(length=6)
	now, before = make_edition(f"统计届次{tag}"), make_edition(f"统计上届{tag}")
	reviewer = make_api_user([REVIEWER], districts=["平阴县"])
	made = {
		"submitted": register_and_apply(make_api_user, "平阴县", contest=now, investment_amount=100),
		"awarded": register_and_apply(make_api_user, "平阴县", contest=now, investment_amount=250.25),
		"draft": register_and_apply(make_api_user, "平阴县", contest=now, investment_amount=999),
		"other": register_and_apply(make_api_user, "商河县", contest=now, investment_amount=40),
		"earlier": register_and_apply(make_api_user, "平阴县", contest=before, investment_amount=70),
	}
	for key in ("submitted", "awarded", "other", "earlier"):
		assert act(made[key].applicant, made[key].project, "提交").ok
	recommend(reviewer, made["submitted"].project)
	frappe.db.set_value("Contest Project", made["awarded"].project, "workflow_state", "获奖")
	frappe.db.commit()
	return {"now": now, "before": before, "reviewer": reviewer, **made}


def test_the_city_counts_every_district_and_compares_editions(make_api_user, editions):
	city = make_api_user(["Contest Admin"])
	rows = _rows(run(city, **{"contest": editions["now"], "group_by": "区县"}))
	assert len(rows) == 16  # the 15 districts and 合计
	p = rows["平阴县"]
	assert (p["projects_0"], p["submitted_0"], p["recommended_0"], p["awarded_0"]) == (3, 2, 2, 1)
	assert p["investment_0"] == 350.25  # the draft's 999 is not counted
	assert (rows["商河县"]["submitted_0"], rows["商河县"]["investment_0"]) == (1, 40)
	assert rows["历下区"]["projects_0"] == 0
	assert (rows["合计"]["projects_0"], rows["合计"]["submitted_0"], rows["合计"]["investment_0"]) == (4, 3, 390.25)

	# Compared with the earlier edition, side by side.
	r = run(city, **{"contest": editions["now"], "compare_with": editions["before"],
		"group_by": "区县"})
	p = _rows(r)["平阴县"]
	assert (p["submitted_0"], p["submitted_1"], p["submitted_change"]) == (2, 1, 1)
	assert (p["investment_1"], p["investment_change"]) == (70, 280.25)
	labels = [c["label"] for c in r.data["columns"]]
	assert f"{editions['before']}·已提交" in labels and "投资额增减（万元）" in labels

	# By 涉及领域 (a project in two 领域 counts in each, once in 合计) and by 企业性质.
	rows = _rows(run(city, **{"contest": editions["now"], "group_by": "涉及领域"}))
	assert rows["城市管理"]["submitted_0"] == rows["社会治理"]["submitted_0"] == rows["合计"]["submitted_0"] == 3
	rows = _rows(run(city, **{"contest": editions["now"], "group_by": "企业性质"}))
	assert rows["民营"]["projects_0"] == 4

	# Bad filters are refused in Chinese.
	r = run(city, **{"contest": editions["now"], "group_by": "单位"})
	assert not r.ok and "统计维度只能是" in r.message, r


def test_a_district_reviewer_counts_only_their_district(make_api_user, editions):
	reviewer = editions["reviewer"]
	rows = _rows(run(reviewer, **{"contest": editions["now"], "group_by": "区县"}))
	assert set(rows) == {"平阴县", "合计"}, rows
	assert rows["合计"]["projects_0"] == 3 and rows["合计"]["investment_0"] == 350.25
	rows = _rows(run(reviewer, **{"contest": editions["now"], "group_by": "企业性质"}))
	assert rows["合计"]["projects_0"] == 3  # 商河县's project is not in any group

	# The XLSX export answers the same (run directly: see run()).
	frappe.db.set_value("Report", REPORT, "prepared_report", 0)
	frappe.db.commit()
	r = reviewer.request("POST", "/api/method/frappe.desk.query_report.export_query", data={
		"report_name": REPORT, "file_format_type": "Excel",
		"filters": json.dumps({"contest": editions["now"], "group_by": "区县"}),
		"visible_idx": json.dumps([0, 1]),
	})
	assert r.status == 200 and r.raw.content[:2] == b"PK", r
	sheet = load_workbook(io.BytesIO(r.raw.content)).active
	cells = {c.value for row in sheet.iter_rows() for c in row}
	assert "平阴县" in cells and "商河县" not in cells

	# Another district's reviewer sees none of 平阴县.
	other = make_api_user([REVIEWER], districts=["商河县"])
	rows = _rows(run(other, **{"contest": editions["now"], "group_by": "区县"}))
	assert set(rows) == {"商河县", "合计"} and rows["合计"]["projects_0"] == 1


def test_applicants_and_experts_may_not_run_it(make_api_user, editions):
	for client in (editions["submitted"].applicant, make_api_user(["Contest Expert"])):
		r = run(client, **{"contest": editions["now"], "group_by": "区县"})
		assert r.status == 403, r
		r = client.request("POST", "/api/method/frappe.desk.query_report.export_query", data={
			"report_name": REPORT, "file_format_type": "Excel", "filters": json.dumps({"contest": editions["now"]}),
			"visible_idx": "[]"})
		assert r.status == 403, r


def test_cards_and_charts_count_the_sessions_edition(make_api_user, editions):
	from smart_city_contest.contest_setup import editions as current

	frappe.db.rollback()
	for doctype, names in (("Number Card", ("区县审核中", "区县已推荐", "获奖项目", "已报送汇总表")),
		("Dashboard Chart", ("各区县申报项目", "项目状态分布"))):
		for name in names:
			dynamic = json.loads(frappe.db.get_value(doctype, name, "dynamic_filters_json"))
			assert [f[1:3] for f in dynamic] == [["contest", "="]] and dynamic[0][3] == current.DESK_EXPRESSION
	assert "Contest Edition" in [r.ref_doctype for r in frappe.get_single("Session Default Settings").session_defaults]

	# The card counts what the desk sends: its filters and the edition the expression gave.
	city = make_api_user(["Contest Admin"])
	card = frappe.get_doc("Number Card", "获奖项目").as_dict()
	for edition, expected in ((editions["now"], 1), (editions["before"], 0)):
		filters = [*json.loads(card["filters_json"]), ["Contest Project", "contest", "=", edition]]
		r = city.call("frappe.desk.doctype.number_card.number_card.get_result", doc=json.dumps(card, default=str),
			filters=json.dumps(filters))
		assert r.ok and r.data == expected, r
	chart = editions["reviewer"].call("smart_city_contest.permissions.surfaces.dashboard_chart", chart_name="各区县申报项目",
		filters=json.dumps([["Contest Project", "contest", "=", editions["now"]]]))
	assert chart.ok and chart.data["labels"] == ["平阴县"] and chart.data["datasets"][0]["values"] == [3], chart

	# The desk's boot carries the current edition; a session default chosen by the user wins over it.
	page = city.request("GET", "/app")
	assert page.status == 200 and "scc_current_edition" in page.raw.text
	r = city.call("frappe.core.doctype.session_default_settings.session_default_settings.set_session_default_values",
		default_values=json.dumps({"contest_edition": editions["before"]}))
	assert r.ok, r
	frappe.db.rollback()
	assert frappe.defaults.get_user_default("contest_edition", user=city.user) == editions["before"]
	rows = _rows(run(city, **{"group_by": "区县"}))  # no edition: the session's
	assert rows["合计"]["projects_0"] == 1
