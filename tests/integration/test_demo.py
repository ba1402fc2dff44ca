"""The demo-data command builds a whole, consistent edition through the real workflow: valid units in the
districts, every state of the path reached, quotas held, districts' 推荐汇总表 filed (two not), files
on disk, accounts that log in, winners on /contest-notice, an objection decided, the results published
with certificates and the winners' follow-up; a second run changes nothing and removal leaves nothing
behind."""

import os
from collections import Counter

import frappe
import pytest
import requests

from smart_city_contest.demo import DEFAULT_PASSWORD, builder, cleanup
from smart_city_contest.demo.content import DOMAIN
from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules.award_quota import preview
from smart_city_contest.rules.deadlines import now_in
from smart_city_contest.rules.indicators import indicator_problem
from smart_city_contest.rules.text_limits import PROJECT_SUMMARY_MAX, UNIT_PROFILE_MAX, counted_length
from smart_city_contest.rules.uscc import uscc_problem

# Alone on the site (tests/conftest.py): the demo's removal deletes its experts and units while it runs,
# which another session's expert assignment may be reading.
pytestmark = pytest.mark.exclusive

UNITS = 20
SITE = {"X-Frappe-Site-Name": os.environ.get("SCC_TEST_SITE", "")}


@pytest.fixture(scope="module")
def demo(frappe_site):
	frappe.set_user("Administrator")
	cleanup.remove(lambda _m: None)
	messages = []
	summary = builder.build(units=UNITS, log=messages.append)
	frappe.db.rollback()  # read what was committed
	return summary


@pytest.fixture(scope="module")
def edition(demo):
	return frappe.get_doc("Contest Edition", demo["contest"])


@pytest.fixture(scope="module")
def projects(edition):
	return [
		frappe.get_doc("Contest Project", name)
		for name in frappe.get_all(
			"Contest Project", filters={"contest": edition.name}, pluck="name", order_by="name"
		)
	]


def test_units_are_valid_and_spread_over_the_districts(demo, projects):
	units = [frappe.get_doc("Participant Unit", p.unit) for p in projects]
	assert len(units) == UNITS == demo["units"] == len({u.name for u in units})
	districts = frappe.get_all("Contest District", filters={"enabled": 1}, pluck="name")
	assert {u.district for u in units} == set(districts)  # 20 units: every district has one
	for unit in units:
		assert uscc_problem(unit.uscc) is None, unit.uscc
		assert unit.user.endswith(f"@{DOMAIN}")
		assert counted_length(unit.unit_profile) <= UNIT_PROFILE_MAX
		assert unit.contact_name and unit.contact_mobile and unit.legal_representative and unit.address
		assert unit.enterprise_nature if unit.unit_category == "企业" else not unit.enterprise_nature
	assert len({u.uscc for u in units}) == UNITS
	assert {"企业", "高等院校", "科研院所", "其他事业单位"} <= {u.unit_category for u in units}


def test_projects_carry_the_whole_form_and_real_files(projects):
	for p in projects:
		assert counted_length(p.project_summary) <= PROJECT_SUMMARY_MAX
		assert p.district == frappe.db.get_value("Participant Unit", p.unit, "district")
		for field in (
			"overview",
			"innovation",
			"replicability",
			"background_and_goals",
			"construction_content",
			"completion_status",
			"outcomes",
			"promotion_plan",
		):
			assert (p.get(field) or "").startswith("<p>"), (p.name, field)
		assert 4 <= len(p.indicators) <= 8
		for row in p.indicators:
			assert indicator_problem(row.level_1, row.level_2, row.level_1_other, row.level_2_other) is None
		files = [p.completion_proof, *(row.file for row in p.attachments)]
		if p.workflow_state != wf.DRAFT:
			files.append(p.signed_pledge)
		assert any(row.attachment_type == "项目评估验证图片" for row in p.attachments)
		for url in files:
			doc = frappe.get_doc(
				"File", frappe.db.get_value("File", {"file_url": url, "attached_to_name": p.name})
			)
			assert doc.is_private and doc.attached_to_doctype == "Contest Project"
			with open(doc.get_full_path(), "rb") as f:
				head = f.read(8)
			assert head.startswith(b"%PDF") if url.endswith(".pdf") else head.startswith(b"\x89PNG"), url
	assert any(row.level_1 == "其他" or row.level_2 == "其他" for p in projects for row in p.indicators)


def test_every_state_is_reached_and_recorded(projects):
	now = Counter(p.workflow_state for p in projects)
	for state in (
		wf.DRAFT,
		wf.SUBMITTED,
		wf.RETURNED,
		wf.RECOMMENDED,
		wf.NOT_RECOMMENDED,
		wf.AWARDED,
		wf.NOT_AWARDED,
	):
		assert now[state] >= 1, (state, now)
	assert not now[wf.ACCEPTED] and not now[wf.IN_REVIEW] and not now[wf.REVIEWED]
	reached = {p.workflow_state for p in projects} | {row.to_state for p in projects for row in p.state_log}
	assert reached == set(wf.STATE_NAMES)
	for p in projects:
		if p.workflow_state in (wf.RETURNED, wf.NOT_RECOMMENDED):
			assert p.review_reason
	resubmitted = [p for p in projects if any(row.action == wf.RESUBMIT for row in p.state_log)]
	assert resubmitted and all(p.workflow_state in (wf.AWARDED, wf.NOT_AWARDED) for p in resubmitted)


def test_every_step_happened_inside_its_window(edition, projects):
	for p in projects:
		for row in p.state_log:
			if row.action == wf.SUBMIT:
				assert edition.application_start <= row.at <= edition.application_end
			elif row.action in (wf.RETURN, wf.RESUBMIT, wf.RECOMMEND, wf.REJECT, wf.FILE_TO_CITY):
				assert row.at <= edition.recommendation_deadline
			elif row.action in (wf.AWARD, wf.NO_AWARD):
				assert edition.review_end <= row.at <= edition.notice_start
		if p.awarded_on:
			assert edition.review_end <= p.awarded_on <= edition.notice_start
	for r in frappe.get_all(
		"Expert Review", filters={"contest": edition.name, "status": "已提交"}, pluck="submitted_on"
	):
		assert edition.review_start <= r <= edition.review_end
	# The whole path: the 公示期 is over and the results were published after it.
	assert edition.notice_start < edition.notice_end < edition.results_published_on <= now_in(edition.time_zone)


def test_districts_file_their_recommendations_but_two(edition, projects):
	recs = frappe.get_all(
		"District Recommendation",
		filters={"contest": edition.name},
		fields=["name", "district", "docstatus", "submitted_on"],
	)
	assert all(r.docstatus == 1 and r.submitted_on <= edition.recommendation_deadline for r in recs)
	filed = {r.district for r in recs}
	with_projects = {p.district for p in projects}
	assert len(with_projects - filed) == 2
	for p in projects:
		reviewed = p.workflow_state in (wf.AWARDED, wf.NOT_AWARDED)
		assert reviewed == (p.district in filed and any(row.action == wf.FILE_TO_CITY for row in p.state_log))
		if p.workflow_state in (wf.SUBMITTED, wf.RECOMMENDED):
			assert p.district not in filed
	for rec in recs:
		listed = {row.project for row in frappe.get_doc("District Recommendation", rec.name).items}
		assert listed == {
			p.name
			for p in projects
			if p.district == rec.district and p.workflow_state in (wf.AWARDED, wf.NOT_AWARDED)
		}


def test_filings_and_filed_projects_carry_their_stamps_and_paper(edition, projects):
	scans = frappe.get_all("District Recommendation", filters={"contest": edition.name}, pluck="stamped_summary")
	assert scans and all(url and url.startswith("/private/files/") for url in scans)
	filed = [p for p in projects if any(row.action == wf.FILE_TO_CITY for row in p.state_log)]
	assert filed and all(p.stamped_application and p.stamped_application_on for p in filed)
	assert sum(1 for p in filed if p.paper_received_on and p.paper_received_by) == len(filed) - 1
	assert not any(p.stamped_application or p.paper_received_on for p in projects if p not in filed)


def test_experts_review_without_conflicts_and_awards_fit_the_quotas(edition, projects):
	reviews = frappe.get_all(
		"Expert Review", filters={"contest": edition.name}, fields=["name", "project", "expert", "status"]
	)
	by_project = Counter(r.project for r in reviews if r.status == "已提交")
	decided = [p for p in projects if p.workflow_state in (wf.AWARDED, wf.NOT_AWARDED)]
	assert decided and all(by_project[p.name] == edition.experts_per_project for p in decided)
	assert Counter(r.status for r in reviews)["已回避"] == 1
	assert (
		frappe.db.count(
			"Expert Review Amendment",
			{"parenttype": "Expert Review", "parent": ("in", [r.name for r in reviews])},
		)
		== 1
	)
	units = {p.name: p.unit for p in projects}
	unit_names = {p.name: p.unit_name for p in projects}
	conflicted = 0
	for expert in frappe.get_all("Review Expert", filters={"user": ("like", f"%@{DOMAIN}")}, pluck="name"):
		doc = frappe.get_doc("Review Expert", expert)
		declared = {row.unit for row in doc.conflicts}
		conflicted += bool(declared) + any(doc.organisation == n for n in unit_names.values())
		for r in reviews:
			if r.expert == expert and r.status != "已回避":
				assert units[r.project] not in declared and unit_names[r.project] != doc.organisation
	assert conflicted >= 3

	counts = Counter(p.award_level for p in projects if p.workflow_state == wf.AWARDED)
	assert counts["一等奖"] == 2 and counts["二等奖"] == 6 and counts["三等奖"] >= 1
	assert sum(p.workflow_state == wf.NOT_AWARDED for p in projects) >= 1
	assert preview({}, dict(counts), edition.award_levels).ok


def test_the_accounts_log_in_with_the_demo_password(demo, server_url):
	accounts = demo["accounts"]
	users = [
		accounts["admins"][0],
		accounts["reviewers"][0][1],
		accounts["experts"][0].user,
		accounts["applicants"][0].user,
	]
	assert len(accounts["reviewers"]) == frappe.db.count("Contest District", {"enabled": 1})
	for user in users:
		r = requests.post(
			f"{server_url}/api/method/login",
			data={"usr": user, "pwd": DEFAULT_PASSWORD},
			headers=SITE,
			timeout=30,
		)
		assert r.status_code == 200, (user, r.text[:200])
		# Applicants use the portal: Frappe answers "No App" and sends them to /my-application.
		assert (r.json().get("message") == "No App") == (user == accounts["applicants"][0].user), (user, r.json())
		assert (
			requests.post(
				f"{server_url}/api/method/login", data={"usr": user, "pwd": "wrong"}, headers=SITE, timeout=30
			).status_code
			== 401
		)


def test_the_public_notice_shows_the_winners(demo, server_url):
	r = requests.get(f"{server_url}/contest-notice", headers=SITE, timeout=60)
	assert r.status_code == 200
	assert demo["contest"] in r.text
	for level in ("一等奖", "二等奖", "三等奖"):
		for project in demo["awards"][level]:
			assert project["project_name"] in r.text
	losers = frappe.get_all(
		"Contest Project",
		filters={"contest": demo["contest"], "workflow_state": wf.NOT_AWARDED},
		pluck="project_name",
	)
	assert not any(name in r.text for name in losers)


def test_an_objection_is_decided_during_the_notice(edition, projects):
	rows = frappe.get_all("Notice Objection", filters={"contest": edition.name},
		fields=["project", "status", "decision", "decided_by", "decided_on", "level_before", "level_after"])
	assert len(rows) == 1, rows
	row = rows[0]
	assert (row.status, row.decision) == ("已决定", "维持") and row.level_before == row.level_after
	assert edition.notice_start <= row.decided_on <= edition.notice_end


def test_after_the_notice_the_results_are_final_with_certificates_and_follow_up(demo, edition, projects, server_url):
	"""公布结果 after the 公示期: one Award Follow Up per winner with a certificate number unique in the
	edition; the 一等奖 纳入市级试点示范, recommended for the 劳动竞赛 and paid their 奖补, the others'
	奖补 pending; a winner's applicant downloads the 获奖证书 over HTTP; the public page says 最终结果."""
	assert edition.results_published and edition.results_published_by == demo["accounts"]["admins"][0]
	winners = {p.name: p for p in projects if p.workflow_state == wf.AWARDED}
	follow_ups = frappe.get_all("Award Follow Up", filters={"contest": edition.name}, fields=["*"])
	assert {f.project for f in follow_ups} == set(winners)
	assert len({f.certificate_no for f in follow_ups}) == len(follow_ups)
	first = {f.project for f in follow_ups if f.award_level == "一等奖"}
	assert first
	for f in follow_ups:
		assert f.award_level == winners[f.project].award_level
		if f.project in first:
			assert f.pilot_included and f.pilot_date and f.labour_contest_recommended
			assert (f.subsidy_status, f.subsidy_amount) == ("已拨付", 50) and f.subsidy_paid_on
		else:
			assert not f.pilot_included and f.subsidy_status == "待拨付" and f.subsidy_amount > 0
	applicant = next(a for a in demo["accounts"]["applicants"] if a.unit == winners[next(iter(first))].unit)
	session = requests.Session()
	session.headers.update(SITE)
	assert session.post(f"{server_url}/api/method/login", data={"usr": applicant.user, "pwd": DEFAULT_PASSWORD},
		timeout=30).status_code == 200
	r = session.get(f"{server_url}/api/method/smart_city_contest.api.results.certificate_pdf",
		params={"project": next(iter(first))}, timeout=120)
	assert r.status_code == 200 and r.content.startswith(b"%PDF"), r.text[:300]
	page = requests.get(f"{server_url}/contest-notice", headers=SITE, timeout=60).text
	assert f"{edition.title}最终结果" in page


def test_a_second_run_changes_nothing(demo):
	before = {
		dt: frappe.db.count(dt)
		for dt in ("User", "Participant Unit", "Contest Project", "File", "Expert Review")
	}
	again = builder.build(units=UNITS, log=lambda _m: None)
	frappe.db.rollback()
	assert again["contest"] == demo["contest"] and again["projects"] == UNITS
	assert {dt: frappe.db.count(dt) for dt in before} == before


def test_removal_leaves_nothing_behind(demo, projects):
	recommendations = frappe.get_all("District Recommendation", filters={"contest": demo["contest"]}, pluck="name")
	paths = [
		frappe.get_doc("File", name).get_full_path()
		for name in frappe.get_all(
			"File", filters={"attached_to_name": ("in", [p.name for p in projects] + recommendations)}, pluck="name"
		)
	]
	assert paths and all(os.path.exists(path) for path in paths)
	cleanup.remove(lambda _m: None)
	frappe.db.rollback()
	assert not builder.demo_editions()
	assert not frappe.get_all("User", filters={"name": ("like", f"%@{DOMAIN}")})
	assert not frappe.db.exists("Participant Unit", {"name": ("in", [p.unit for p in projects])})
	assert not frappe.db.exists("Contest Project", {"name": ("in", [p.name for p in projects])})
	assert not frappe.db.exists("Expert Review", {"contest": demo["contest"]})
	assert not frappe.db.exists(
		"Version", {"ref_doctype": "Contest Project", "docname": ("in", [p.name for p in projects])}
	)
	assert not any(os.path.exists(path) for path in paths)
