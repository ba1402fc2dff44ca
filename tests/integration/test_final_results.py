"""From the 公示 to the final results, and after the award — over HTTP.

One edition is taken through the whole path in order: four winners (一等奖 ×2, 二等奖, 三等奖), four
objections; the city decides them (a change of level that would exceed the quota is refused, a
revocation frees the place, the change then fits), publishes the final results once (two admins at
once: one wins), and the winners' certificates and follow-up records follow. Allowed and denied at
every step: a district reviewer or a unit cannot decide or publish, another unit cannot download a
certificate, only the city reads and edits the follow-up.
"""

import io
import threading
import zipfile
from datetime import timedelta

import frappe
import pytest
import requests
from pypdf import PdfReader

from tests.conftest import SITE
from tests.integration.bench_cli import running_bench, wait_for
from tests.integration.client import ApiResponse
from tests.integration.test_expert_review import flat, review_of, score
from tests.integration.world import (
	REVIEWER,
	accepted_projects,
	make_edition,
	make_expert,
	move_edition,
	open_notice_window,
	open_review_window,
)

RESULTS = "smart_city_contest.api.results."
DISTRICT = "莱芜区"
FOLLOW_UP = "Award Follow Up"


def call(client, method, **kwargs):
	return client.call(RESULTS + method, **kwargs)


def pdf_text(content: bytes) -> str:
	return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def certificate(client, project):
	return client.session.get(client.base_url + "/api/method/" + RESULTS + "certificate_pdf", params={"project": project}, timeout=120)


def object_to(contest, project, reason):
	frappe.set_user("Administrator")
	doc = frappe.get_doc(
		{"doctype": "Notice Objection", "contest": contest, "project": project, "reason": reason,
		 "contact_name": "王某", "contact_phone": "13900000001", "status": "待处理"}
	).insert()
	frappe.db.commit()
	return doc.name


def close_notice_window(contest):
	from smart_city_contest.rules.deadlines import now_in

	now = now_in("Asia/Shanghai").replace(microsecond=0)
	move_edition(
		contest,
		application_start=now - timedelta(days=40),
		application_end=now - timedelta(days=30),
		recommendation_deadline=now - timedelta(days=29),
		review_start=now - timedelta(days=28),
		review_end=now - timedelta(days=12),
		notice_start=now - timedelta(days=10),
		notice_end=now - timedelta(hours=1),
	)


def stored_award(project):
	frappe.db.rollback()
	return tuple(frappe.db.get_value("Contest Project", project, ["workflow_state", "award_level"]))


@pytest.fixture(scope="module")
def world(admin_api, make_api_user):
	"""A, B 一等奖; C 二等奖; D 三等奖; E 未获奖; the 公示 open; one objection to each winner."""
	contest = make_edition(f"结果公布测试届次{frappe.generate_hash(length=6)}")
	reviewer = make_api_user([REVIEWER], districts=[DISTRICT])
	apps = accepted_projects(make_api_user, DISTRICT, contest, 5, reviewer=reviewer)
	expert = make_expert(admin_api, make_api_user, organisation="结果公布评审单位")
	for app in apps:
		assert admin_api.insert("Expert Review", {"contest": contest, "project": app.project, "expert": expert.expert}).ok
	open_review_window(contest)
	for app in apps:
		assert score(expert, review_of(expert, app.project), flat(80)).ok
	assert admin_api.call("smart_city_contest.api.review.finish_review", contest=contest).ok
	a, b, c, d, e = apps
	decisions = {a.project: "一等奖", b.project: "一等奖", c.project: "二等奖", d.project: "三等奖", e.project: None}
	assert admin_api.call("smart_city_contest.api.review.commit_awards", contest=contest, decisions=decisions).ok
	open_notice_window(contest)
	objections = {app.project: object_to(contest, app.project, f"对{app.project}的异议") for app in (a, b, c, d)}
	return frappe._dict(contest=contest, apps=apps, reviewer=reviewer, objections=objections)


def test_only_the_city_decides_and_nobody_writes_a_decision_directly(admin_api, world):
	a = world.apps[0]
	objection = world.objections[a.project]
	for client in (world.reviewer, a.applicant):
		r = call(client, "decide_objection", objection=objection, decision="撤销奖项", reason="核查属实")
		assert r.status == 403, r
	# Not through the desk or REST either, not even by the city.
	r = admin_api.update("Notice Objection", objection, {"decision": "撤销奖项", "decision_reason": "直接改"})
	assert r.status == 417 and r.exc_type == "ServerManagedField" and "作出处理决定" in r.message, r
	r = admin_api.update("Notice Objection", objection, {"status": "已决定"})
	assert r.status == 417 and r.exc_type == "ServerManagedField", r
	r = admin_api.update("Contest Edition", world.contest, {"results_published": 1})
	assert r.status == 417 and "公布结果" in r.message, r
	assert stored_award(a.project) == ("获奖", "一等奖")
	# Bad input: the reason and the new level are named.
	r = call(admin_api, "decide_objection", objection=objection, decision="撤销奖项", reason=" ")
	assert r.status == 417 and "请填写“决定理由”" in r.message, r
	r = call(admin_api, "decide_objection", objection=objection, decision="调整等次", reason="核查")
	assert r.status == 417 and "须填写“调整后等次”" in r.message, r


def test_a_change_of_level_holds_the_quota_and_is_logged(admin_api, world):
	a, b, c, d, _e = world.apps
	# 一等奖 has 2 places, both taken (A, B): C cannot move up.
	r = call(admin_api, "decide_objection", objection=world.objections[c.project], decision="调整等次",
		new_level="一等奖", reason="成效突出，应调整为一等奖")
	assert r.status == 417 and r.exc_type == "QuotaExceeded" and "一等奖名额为2名" in r.message, r
	assert stored_award(c.project) == ("获奖", "二等奖")
	assert not frappe.db.get_value("Notice Objection", world.objections[c.project], "decision")

	# Revoking A frees a place; the move is in A's state log (who, when, from, to, why).
	r = call(admin_api, "decide_objection", objection=world.objections[a.project], decision="撤销奖项",
		reason="经核查，项目实施地不在本市")
	assert r.ok and r.data["level_before"] == "一等奖" and r.data["level_after"] == "未获奖", r
	assert stored_award(a.project) == ("未获奖", None)
	log = frappe.get_all("Contest Project State Log", filters={"parent": a.project, "action": "撤销奖项"},
		fields=["from_state", "to_state", "user", "at", "reason"])
	assert len(log) == 1 and log[0].from_state == "获奖" and log[0].to_state == "未获奖", log
	assert log[0].user == "Administrator" and log[0].at and "撤销一等奖" in log[0].reason and "不在本市" in log[0].reason
	# The unit is told, in the desk (and by e-mail).
	assert frappe.get_all("Notification Log", filters={"for_user": a.applicant.user, "subject": ("like", "%评审结果调整%撤销奖项%")})

	r = call(admin_api, "decide_objection", objection=world.objections[c.project], decision="调整等次",
		new_level="一等奖", reason="成效突出，应调整为一等奖")
	assert r.ok and (r.data["level_before"], r.data["level_after"]) == ("二等奖", "一等奖"), r
	assert stored_award(c.project) == ("获奖", "一等奖")
	objection = frappe.db.get_value("Notice Objection", world.objections[c.project],
		["status", "decision", "new_award_level", "decided_by", "decided_on", "decision_reason"], as_dict=True)
	assert objection.status == "已决定" and objection.decision == "调整等次" and objection.new_award_level == "一等奖"
	assert objection.decided_by == "Administrator" and objection.decided_on and "成效突出" in objection.decision_reason
	assert frappe.db.count("Contest Project", {"contest": world.contest, "award_level": "一等奖"}) == 2

	# Decided once; 维持 changes nothing.
	r = call(admin_api, "decide_objection", objection=world.objections[c.project], decision="维持", reason="再议")
	assert r.status == 417 and "不能重复决定" in r.message, r
	assert call(admin_api, "decide_objection", objection=world.objections[d.project], decision="维持", reason="异议不成立").ok
	assert stored_award(d.project) == ("获奖", "三等奖")
	# No certificate before the results are published.
	r = certificate(admin_api, c.project)
	assert r.status_code == 417 and "评审结果公布后方可下载获奖证书" in ApiResponse(r).message, r.text[:300]


def test_results_are_published_once_after_the_window_with_every_objection_decided(admin_api, make_api_user, server_url, world):
	a, b, c, d, e = world.apps
	r = call(admin_api, "publish_results", contest=world.contest)
	assert r.status == 417 and "公示期满后方可公布结果" in r.message and world.objections[b.project] in r.message, r
	assert call(admin_api, "decide_objection", objection=world.objections[b.project], decision="维持", reason="异议不成立").ok
	close_notice_window(world.contest)
	for client in (world.reviewer, b.applicant):
		assert call(client, "publish_results", contest=world.contest).status == 403

	# Two admins at once: one publishes, the other is told it is done; certificate numbers unique.
	second = make_api_user(["Contest Admin"])
	barrier = threading.Barrier(2)
	outcomes = {}

	def publish(name, client):
		barrier.wait()
		outcomes[name] = call(client, "publish_results", contest=world.contest)

	threads = [threading.Thread(target=publish, args=(n, c_)) for n, c_ in (("first", admin_api), ("second", second))]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	assert sorted(r.status for r in outcomes.values()) == [200, 417], outcomes
	refused = next(r for r in outcomes.values() if not r.ok)
	assert "不能重复公布" in refused.message, refused
	frappe.db.rollback()
	assert frappe.db.get_value("Contest Edition", world.contest, "results_published") == 1
	follow_ups = frappe.get_all(FOLLOW_UP, filters={"contest": world.contest},
		fields=["project", "certificate_no", "award_level"], order_by="certificate_no asc")
	year = frappe.db.get_value("Contest Edition", world.contest, "year")
	first_prizes = sorted((b.project, c.project))
	assert [f.project for f in follow_ups] == [*first_prizes, d.project], follow_ups
	assert [f.certificate_no for f in follow_ups] == [f"{year}-001", f"{year}-002", f"{year}-003"]
	assert [f.award_level for f in follow_ups] == ["一等奖", "一等奖", "三等奖"]

	# Final: no decision, no award after publication.
	late = object_to(world.contest, d.project, "公示期后的异议")
	r = call(admin_api, "decide_objection", objection=late, decision="撤销奖项", reason="迟到的异议")
	assert r.status == 417 and "最终结果" in r.message, r
	r = admin_api.call("smart_city_contest.api.review.commit_awards", contest=world.contest, decisions={e.project: "三等奖"})
	assert r.status == 417 and "本届评审结果已公布" in r.message, r
	assert stored_award(d.project) == ("获奖", "三等奖")

	# The public page: 最终结果, the final winners, no objection form.
	page = requests.get(f"{server_url}/contest-notice", headers={"X-Frappe-Site-Name": SITE})
	assert page.status_code == 200
	start = page.text.index(f'data-edition="{world.contest}"')
	section = page.text[start: page.text.index("</section>", start)]
	assert 'data-stage="最终结果"' in section and "最终结果" in section and "objection-form" not in section
	names = dict(frappe.get_all("Contest Project", filters={"contest": world.contest}, fields=["name", "project_name"], as_list=True))
	for winner in (b, c, d):
		assert names[winner.project] in section
	for loser in (a, e):
		assert names[loser.project] not in section


def test_certificates_for_their_own_unit_and_the_city_only(admin_api, make_api_user, world):
	a, b, c, d, _e = world.apps
	r = certificate(b.applicant, b.project)
	assert r.status_code == 200 and r.content.startswith(b"%PDF"), r.text[:300]
	text = pdf_text(r.content)
	frappe.db.rollback()
	number = frappe.db.get_value(FOLLOW_UP, b.project, "certificate_no")
	unit_name, project_name = frappe.db.get_value("Contest Project", b.project, ["unit_name", "project_name"])
	for expected in ("获奖证书", number, unit_name, "一等奖", "济南市工业和信息化局", "特发此证"):
		assert expected.replace(" ", "") in text, expected
	assert len(PdfReader(io.BytesIO(r.content)).pages) == 1
	# Another unit, the district, an expert: refused. A revoked winner has no certificate.
	assert certificate(b.applicant, c.project).status_code == 403
	assert certificate(world.reviewer, b.project).status_code == 403
	assert certificate(make_api_user(["Contest Expert"]), b.project).status_code == 403
	assert certificate(a.applicant, a.project).status_code == 404
	assert certificate(admin_api, d.project).status_code == 200


def test_follow_up_is_the_citys_alone(admin_api, world):
	a, b, _c, _d, _e = world.apps
	# Units and districts read nothing of it.
	for client in (b.applicant, world.reviewer):
		assert client.get(FOLLOW_UP, b.project).status == 403
		assert client.list(FOLLOW_UP).status == 403
		r = client.call("frappe.desk.query_report.run", report_name="Award Follow Up Report", filters={"contest": world.contest})
		assert r.status == 403, r
	# Made by 公布结果 only; its award and certificate are fixed.
	assert admin_api.insert(FOLLOW_UP, {"project": a.project, "contest": world.contest}).status == 403
	r = admin_api.update(FOLLOW_UP, b.project, {"certificate_no": "2099-999"})
	assert r.status == 417 and "证书编号" in r.message, r
	# The follow-up itself, with its rules.
	r = admin_api.update(FOLLOW_UP, b.project, {"subsidy_amount": 50, "subsidy_status": "已拨付"})
	assert r.status == 417 and "拨付日期" in r.message, r
	frappe.db.rollback()
	today = str(frappe.utils.getdate())
	values = {"pilot_included": 1, "pilot_date": today, "subsidy_amount": 50, "subsidy_status": "已拨付",
		"subsidy_paid_on": today, "labour_contest_recommended": 1, "labour_contest_note": "推荐市五一劳动奖状"}
	r = admin_api.update(FOLLOW_UP, b.project, values)
	assert r.ok, r
	r = admin_api.call("frappe.desk.query_report.run", report_name="Award Follow Up Report", filters={"contest": world.contest})
	assert r.ok, r
	rows = {row["project"]: row for row in r.data["result"] if isinstance(row, dict) and row.get("project")}
	assert set(rows) == {f for f in frappe.get_all(FOLLOW_UP, filters={"contest": world.contest}, pluck="name")}
	assert rows[b.project]["subsidy_amount"] == 50 and rows[b.project]["subsidy_status"] == "已拨付"
	assert rows[b.project]["pilot_included"] == "是" and rows[b.project]["labour_contest_recommended"] == "是"
	assert "奖补合计50.0万元" in r.data["message"] or "奖补合计50万元" in r.data["message"], r.data["message"]


def test_the_citys_batch_of_certificates(admin_api, world):
	_a, b, c, d, _e = world.apps
	r = call(b.applicant, "start_certificate_batch", contest=world.contest)
	assert r.status == 403, r
	since = frappe.utils.now_datetime().replace(microsecond=0) - timedelta(seconds=1)
	with running_bench("worker", "--queue", "long", log_name="test-final-results-worker.log"):
		r = call(admin_api, "start_certificate_batch", contest=world.contest)
		assert r.ok and r.data["job_id"], r

		def alert():
			frappe.db.rollback()
			return frappe.get_all("Notification Log", filters={"for_user": "Administrator", "creation": (">=", since),
				"subject": ("like", f"%{world.contest}获奖证书%")}, fields=["link"], order_by="creation desc")

		found = wait_for(alert, 240, "the certificates batch alert")[0]
	r = admin_api.session.get(admin_api.base_url + found.link, timeout=120)
	assert r.status_code == 200
	names = zipfile.ZipFile(io.BytesIO(r.content)).namelist()
	pdfs = [n for n in names if n.endswith(".pdf")]
	assert "目录.txt" in names and len(pdfs) == 3, names
	numbers = frappe.get_all(FOLLOW_UP, filters={"contest": world.contest}, pluck="certificate_no", order_by="certificate_no")
	assert [n.split("_")[1] for n in sorted(pdfs)] == numbers
