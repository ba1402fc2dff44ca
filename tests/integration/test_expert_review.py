"""Experts, assignment, scoring, ranking, awards under quota and the public notice — over HTTP."""

import json
import statistics
import threading
import uuid

import frappe
import pytest
import requests

from tests.integration.client import ApiResponse
from tests.integration.world import (
	REVIEWER,
	accepted_projects,
	make_edition,
	make_expert,
	open_notice_window,
	open_review_window,
	stored,
)

REVIEW = "Expert Review"


def call(client, method, **kwargs):
	return client.call(f"smart_city_contest.api.review.{method}", **kwargs)


def score(expert, review, values, submit=True):
	rows = [{"dimension": d, "score": v} for d, v in values.items()]
	payload = {"scores": rows}
	if submit:
		payload["docstatus"] = 1
	return expert.update(REVIEW, review, payload)


def review_of(expert, project):
	frappe.db.rollback()
	return frappe.db.get_value(REVIEW, {"project": project, "expert": expert.expert}, "name")


ALL = ("项目基本情况", "项目方案及实施情况", "项目建设成效")


def flat(total):
	return dict.fromkeys(ALL, total)


@pytest.fixture(scope="module")
def contest():
	return make_edition(f"评审测试届次{frappe.generate_hash(length=6)}")


@pytest.fixture(scope="module")
def projects(make_api_user, contest):
	return accepted_projects(make_api_user, "历城区", contest, 3)


def test_a_conflicted_assignment_is_refused(admin_api, make_api_user, contest, projects):
	target = projects[0]
	unit_name = frappe.db.get_value("Participant Unit", target.unit, "unit_name")
	same_org = make_expert(admin_api, make_api_user, organisation=f" {unit_name}（） ")
	declared = make_expert(admin_api, make_api_user, organisation="山东大学", conflicts=[target.unit])
	for expert, reason in ((same_org, "专家所在单位与参赛单位相同"), (declared, "专家已申报回避该参赛单位")):
		r = admin_api.insert(REVIEW, {"contest": contest, "project": target.project, "expert": expert.expert})
		assert r.status == 417 and r.exc_type == "ConflictOfInterest" and reason in r.message, r
	frappe.db.rollback()
	assert not frappe.db.exists(REVIEW, {"project": target.project})


def test_an_expert_cannot_assign_or_be_assigned_twice(admin_api, make_api_user, contest, projects):
	expert = make_expert(admin_api, make_api_user, organisation="济南大学")
	assert expert.insert(REVIEW, {"contest": contest, "project": projects[1].project, "expert": expert.expert}).status == 403
	assert admin_api.insert(REVIEW, {"contest": contest, "project": projects[1].project, "expert": expert.expert}).ok
	again = admin_api.insert(REVIEW, {"contest": contest, "project": projects[1].project, "expert": expert.expert})
	assert again.status in (409, 417) and "已分配评审项目" in again.message, again
	assert stored("Contest Project", projects[1].project, "workflow_state") == "评审中"


def test_automatic_assignment_balances_and_excludes_conflicts(admin_api, make_api_user):
	contest = make_edition(f"分配测试届次{frappe.generate_hash(length=6)}")
	apps = accepted_projects(make_api_user, "长清区", contest, 4)
	conflicted = make_expert(admin_api, make_api_user, organisation="山东建筑大学", conflicts=[apps[0].unit])
	others = [make_expert(admin_api, make_api_user, organisation=f"高校{i}") for i in range(4)]
	capped = make_expert(admin_api, make_api_user, organisation="省科学院", max_projects=1)
	r = call(admin_api, "assign_experts", contest=contest, per_project=3)
	assert r.ok, r
	assert r.data["assigned"] == 12 and r.data["shortfalls"] == [], r
	frappe.db.rollback()
	pairs = frappe.get_all(REVIEW, filters={"contest": contest}, fields=["project", "expert"])
	assert len(pairs) == 12
	assert (apps[0].project, conflicted.expert) not in {(p.project, p.expert) for p in pairs}
	loads = {}
	for p in pairs:
		loads[p.expert] = loads.get(p.expert, 0) + 1
	assert loads.get(capped.expert, 0) <= 1
	balanced = [loads.get(e.expert, 0) for e in [conflicted, *others]]
	assert max(balanced) - min(balanced) <= 1, loads
	for app in apps:
		assert sum(1 for p in pairs if p.project == app.project) == 3
	loads_view = call(admin_api, "expert_loads", contest=contest)
	assert loads_view.ok and {row["expert"]: row["assigned"] for row in loads_view.data if row["assigned"]} == loads


def test_experts_see_only_their_assignments(admin_api, make_api_user, contest, projects):
	mine = make_expert(admin_api, make_api_user, organisation="齐鲁工业大学")
	other = make_expert(admin_api, make_api_user, organisation="山东师范大学")
	assert admin_api.insert(REVIEW, {"contest": contest, "project": projects[2].project, "expert": mine.expert}).ok
	assert admin_api.insert(REVIEW, {"contest": contest, "project": projects[2].project, "expert": other.expert}).ok
	assert admin_api.insert(REVIEW, {"contest": contest, "project": projects[1].project, "expert": other.expert}).ok

	visible = {row["name"] for row in mine.list("Contest Project", filters={"contest": contest}).data}
	assert visible == {projects[2].project}
	assert mine.get("Contest Project", projects[2].project).ok
	assert mine.get("Participant Unit", projects[2].unit).ok
	assert mine.get("Contest Project", projects[1].project).status == 403
	assert mine.get("Participant Unit", projects[1].unit).status == 403
	# Own review only; never another expert's, nor who else was assigned.
	reviews = mine.list(REVIEW, fields=["name", "expert", "project"]).data
	assert [(r["expert"], r["project"]) for r in reviews] == [(mine.expert, projects[2].project)]
	assert mine.get(REVIEW, review_of(other, projects[2].project)).status == 403
	assert mine.list("Review Expert", fields=["name"]).data == [{"name": mine.expert}]
	# Applicants and district reviewers never see reviews or experts.
	reviewer = make_api_user([REVIEWER], districts=["历城区"])
	for outsider in (projects[2].applicant, reviewer):
		assert outsider.list(REVIEW).status == 403
		assert outsider.get(REVIEW, review_of(mine, projects[2].project)).status == 403
		assert outsider.list("Review Expert").status == 403
	# An expert cannot write the project.
	assert mine.update("Contest Project", projects[2].project, {"project_summary": "专家改"}).status == 403


def test_scoring_window_maxima_total_and_immutability(admin_api, make_api_user):
	contest = make_edition(f"评分测试届次{frappe.generate_hash(length=6)}")
	[app] = accepted_projects(make_api_user, "平阴县", contest, 1)
	expert = make_expert(admin_api, make_api_user, organisation="山东财经大学")
	assert admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert}).ok
	review = review_of(expert, app.project)

	# Before the review window opens.
	r = score(expert, review, {"项目基本情况": 80, "项目方案及实施情况": 90, "项目建设成效": 70})
	assert r.status == 417 and r.exc_type == "DeadlinePassed" and "不在专家评审时间内" in r.message, r

	open_review_window(contest)
	r = score(expert, review, {"项目基本情况": 80, "项目方案及实施情况": 101, "项目建设成效": 70})
	assert r.status == 417 and "“项目方案及实施情况”的得分为101分，超过满分100分" in r.message, r
	r = score(expert, review, {"项目基本情况": 80, "项目方案及实施情况": -1, "项目建设成效": 70})
	assert r.status == 417 and "不能为负数" in r.message, r
	r = score(expert, review, {"项目基本情况": 80, "项目方案及实施情况": 90})
	assert r.status == 417 and "未对评审维度“项目建设成效”评分" in r.message, r
	# The admin cannot score in the expert's place.
	assert score(admin_api, review, flat(60), submit=False).status == 403
	# A client-sent total is the server's to compute: 0.3×80 + 0.4×90 + 0.3×70 = 81.
	r = expert.update(REVIEW, review, {"scores": [{"dimension": d, "score": v} for d, v in
		{"项目基本情况": 80, "项目方案及实施情况": 90, "项目建设成效": 70}.items()], "total_score": 99, "docstatus": 1})
	assert r.ok, r
	assert r.data["total_score"] == 81 and r.data["status"] == "已提交" and r.data["submitted_on"]

	# Submitted: immutable, except through a recorded amendment.
	r = score(expert, review, flat(100), submit=False)
	assert r.status == 403 and "评分已提交，不能直接修改" in r.message, r
	r = call(expert, "amend_review", review=review, scores={"项目建设成效": 80}, reason="复核成效数据后调整")
	assert r.ok, r
	assert r.data["total_score"] == 84
	[amendment] = r.data["amendments"]
	assert amendment["amended_by"] == expert.user and amendment["amended_on"]
	assert "项目建设成效：70" in amendment["old_scores"] and "总分81" in amendment["old_scores"]
	assert "项目建设成效：80" in amendment["new_scores"] and "总分84" in amendment["new_scores"]
	other = make_expert(admin_api, make_api_user, organisation="其他单位")
	assert call(other, "amend_review", review=review, scores={"项目建设成效": 10}, reason="x").status == 403


def test_recusal_stays_on_record_and_counts_for_nothing(admin_api, make_api_user):
	contest = make_edition(f"回避测试届次{frappe.generate_hash(length=6)}")
	[app] = accepted_projects(make_api_user, "商河县", contest, 1)
	expert = make_expert(admin_api, make_api_user, organisation="山东农业大学")
	assert admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert}).ok
	review = review_of(expert, app.project)
	assert call(expert, "recuse", review=review, reason="").status == 417
	r = call(expert, "recuse", review=review, reason="与参赛单位负责人系亲属关系")
	assert r.ok and r.data["status"] == "已回避" and r.data["recusal_reason"] == "与参赛单位负责人系亲属关系", r
	# Recused: no longer sees the project; cannot be assigned again; the record stays.
	assert expert.get("Contest Project", app.project).status == 403
	again = admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert})
	assert again.status in (409, 417), again
	assert stored(REVIEW, review, "status") == "已回避"


@pytest.fixture(scope="module")
def ranked(admin_api, make_api_user):
	"""An edition whose 3 projects received hand-chosen totals from 5, 4 and 5 experts."""
	contest = make_edition(f"排名测试届次{frappe.generate_hash(length=6)}")
	apps = accepted_projects(make_api_user, "钢城区", contest, 3)
	experts = [make_expert(admin_api, make_api_user, organisation=f"评审单位{i}") for i in range(5)]
	totals = {apps[0].project: [90, 85, 70, 88, 60], apps[1].project: [80, 82, 84, 86], apps[2].project: [95, 40, 75, 70, 72]}
	for project, values in totals.items():
		for expert in experts[: len(values)]:
			assert admin_api.insert(REVIEW, {"contest": contest, "project": project, "expert": expert.expert}).ok
	open_review_window(contest)
	for project, values in totals.items():
		for expert, total in zip(experts, values, strict=False):
			r = score(expert, review_of(expert, project), flat(total))
			assert r.ok and r.data["total_score"] == total, r
	return contest, apps, totals


def test_ranking_matches_a_hand_computation(admin_api, ranked):
	contest, apps, totals = ranked
	r = admin_api.call("frappe.desk.query_report.run", report_name="Project Ranking", filters={"contest": contest})
	assert r.ok, r
	rows = {row["project"]: row for row in r.data["result"]}
	first = rows[apps[0].project]
	# [90, 85, 70, 88, 60]: mean 78.6, median 85, trimmed (85+70+88)/3 = 81,
	# sample stdev sqrt((11.4² + 6.4² + 8.6² + 9.4² + 18.6²) / 4) = sqrt(679.2 / 4) = 13.03.
	assert (first["reviews"], first["mean"], first["median"], first["trimmed_mean"]) == (5, 78.6, 85, 81)
	assert first["stdev"] == round(statistics.stdev([90, 85, 70, 88, 60]), 2) == 13.03
	second = rows[apps[1].project]
	assert second["trimmed_mean"] == second["mean"] == 83  # 4 reviews: nothing dropped
	third = rows[apps[2].project]
	assert third["trimmed_mean"] == round((75 + 70 + 72) / 3, 2) and third["disagreement"] == "是"  # 95 - 40 > 20
	# Sorted by the edition's statistic (去极值平均分): 83 > 81 > 72.33.
	assert [row["project"] for row in r.data["result"]] == [apps[1].project, apps[0].project, apps[2].project]
	assert [row["rank"] for row in r.data["result"]] == [1, 2, 3]
	assert "去掉一个最高分和一个最低分" in r.data["message"]
	by_mean = admin_api.call("frappe.desk.query_report.run", report_name="Project Ranking",
		filters={"contest": contest, "statistic": "平均分"})
	assert [row["project"] for row in by_mean.data["result"]][0] == apps[1].project
	assert [row["mean"] for row in by_mean.data["result"]] == sorted([row["mean"] for row in by_mean.data["result"]], reverse=True)


def test_calibrated_score_and_the_experts_scales(admin_api, make_api_user, ranked):
	"""校准分 over HTTP: the report's figures are those of rules/review_calibration on the edition's reviews,
	the edition can rank by it, and the experts' scales report shows each expert's mean and spread."""
	from smart_city_contest.rules.review_calibration import calibrate

	contest, apps, totals = ranked
	experts = frappe.get_all(REVIEW, filters={"contest": contest, "docstatus": 1}, fields=["project", "expert", "total_score"])
	expected = calibrate([(r.project, r.expert, r.total_score) for r in experts])
	# Experts 0-3 scored all three projects (3 reviews: calibrated), expert 4 only two (kept as given).
	assert sorted(s.count for s in expected.experts.values()) == [2, 3, 3, 3, 3]
	r = admin_api.call("frappe.desk.query_report.run", report_name="Project Ranking", filters={"contest": contest})
	assert r.ok, r
	rows = {row["project"]: row for row in r.data["result"]}
	for app in apps:
		assert rows[app.project]["calibrated"] == expected.projects[app.project]
	# 名次变化 = the plain (去极值平均分) rank minus the calibrated rank
	by_calibrated = sorted(apps, key=lambda a: (-expected.projects[a.project], -statistics.mean(totals[a.project])))
	for position, app in enumerate(by_calibrated, start=1):
		assert rows[app.project]["calibrated_rank"] == position
		assert rows[app.project]["rank_shift"] == rows[app.project]["rank"] - position
	assert "标准分" in r.data["message"]
	ranked_by_it = admin_api.call("frappe.desk.query_report.run", report_name="Project Ranking",
		filters={"contest": contest, "statistic": "校准分"})
	assert [row["project"] for row in ranked_by_it.data["result"]] == [a.project for a in by_calibrated]
	# The edition itself can rank by it.
	assert admin_api.update("Contest Edition", contest, {"ranking_statistic": "校准分"}).ok
	try:
		again = admin_api.call("frappe.desk.query_report.run", report_name="Project Ranking", filters={"contest": contest})
		assert [row["rank"] for row in again.data["result"]] == [1, 2, 3]
		assert [row["project"] for row in again.data["result"]] == [a.project for a in by_calibrated]
	finally:
		assert admin_api.update("Contest Edition", contest, {"ranking_statistic": "去极值平均分"}).ok

	scales = admin_api.call("frappe.desk.query_report.run", report_name="Expert Scoring Scale", filters={"contest": contest})
	assert scales.ok, scales
	by_expert = {row["expert"]: row for row in scales.data["result"]}
	assert set(by_expert) == set(expected.experts)
	for expert_id, scale in expected.experts.items():
		row = by_expert[expert_id]
		assert (row["reviews"], row["mean"], row["stdev"], row["offset"]) == (scale.count, scale.mean, scale.stdev, scale.offset)
	# The first expert gave 90, 80 and 95: mean 88.33, sample stdev √((1.67² + 8.33² + 6.67²) / 2) = 7.64.
	e0 = next(row for row in scales.data["result"] if row["mean"] == 88.33)
	assert e0["stdev"] == round(statistics.stdev([90, 80, 95]), 2) == 7.64 and e0["calibrated"] == "是"
	two = next(row for row in scales.data["result"] if row["reviews"] == 2)
	assert two["calibrated"].startswith("否") and two["mean_shift"] == 0
	# Only the city: an expert and a district reviewer are refused the experts' scales.
	expert = make_api_user(["Contest Expert"])
	reviewer = make_api_user([REVIEWER], districts=["钢城区"])
	for outsider in (expert, reviewer):
		denied = outsider.call("frappe.desk.query_report.run", report_name="Expert Scoring Scale", filters={"contest": contest})
		assert denied.status == 403, denied


def test_result_explanation_for_the_city_and_after_publication_for_the_unit(admin_api, make_api_user, ranked):
	"""评审结果说明: the city reads every expert's scores by name at any time; the unit and its district only
	after 公布结果, the experts as 专家A-E; another unit, an expert and (before publication) the district never."""
	contest, apps, totals = ranked
	project = apps[0].project  # totals 90, 85, 70, 88, 60
	method = "smart_city_contest.api.review.result_explanation"
	r = admin_api.call(method, project=project)
	assert r.ok, r
	e = r.data
	assert [x["label"] for x in e["experts"]] == ["专家A", "专家B", "专家C", "专家D", "专家E"]
	assert all(x["name"] for x in e["experts"]) and e["names_shown"]
	assert sorted(x["total"] for x in e["experts"] if x["dropped"]) == [60, 90]  # the trimmed mean drops these
	assert all(len(x["dimensions"]) == 3 for x in e["experts"])
	assert (e["statistics"]["mean"], e["statistics"]["median"], e["statistics"]["trimmed_mean"]) == (78.6, 85, 81)
	ranking = admin_api.call("frappe.desk.query_report.run", report_name="Project Ranking", filters={"contest": contest})
	row = next(x for x in ranking.data["result"] if x["project"] == project)
	assert (e["rank"], e["calibrated"], e["calibrated_rank"]) == (row["rank"], row["calibrated"], row["calibrated_rank"])
	pdf = admin_api.request("GET", "/api/method/smart_city_contest.api.review.result_explanation_pdf", params={"project": project})
	assert pdf.status == 200 and pdf.raw.content.startswith(b"%PDF"), pdf

	unit = apps[0].applicant
	other_unit = apps[1].applicant
	reviewer = make_api_user([REVIEWER], districts=["钢城区"])
	expert = make_api_user(["Contest Expert"])
	for outsider in (unit, reviewer, other_unit, expert):  # before 公布结果: the city only
		assert outsider.call(method, project=project).status == 403
	frappe.db.set_value("Contest Edition", contest, {"results_published": 1,
		"results_published_on": frappe.utils.now_datetime(), "results_published_by": "Administrator"})
	frappe.db.commit()
	try:
		for reader in (unit, reviewer):
			seen = reader.call(method, project=project)
			assert seen.ok, seen
			assert [x["name"] for x in seen.data["experts"]] == [""] * 5 and not seen.data["names_shown"]
			assert [x["total"] for x in seen.data["experts"]] == [x["total"] for x in e["experts"]]
		raw = json.dumps(unit.call(method, project=project).json, ensure_ascii=False)
		assert not any(x["name"] in raw for x in e["experts"])  # no expert's name reaches the unit
		for outsider in (other_unit, expert):
			assert outsider.call(method, project=project).status == 403
	finally:
		frappe.db.set_value("Contest Edition", contest, {"results_published": 0, "results_published_on": None,
			"results_published_by": None})
		frappe.db.commit()


def test_only_the_city_runs_the_ranking(make_api_user, ranked):
	contest, apps, _totals = ranked
	reviewer = make_api_user([REVIEWER], districts=["钢城区"])
	r = reviewer.call("frappe.desk.query_report.run", report_name="Project Ranking", filters={"contest": contest})
	assert r.status == 403, r


def test_awards_hold_the_quota_and_need_a_finished_review(admin_api, make_api_user, ranked):
	contest, apps, _totals = ranked
	# Still in review: not awardable.
	r = call(admin_api, "commit_awards", contest=contest, decisions={apps[0].project: "一等奖"})
	assert r.status == 417 and "只有“已评审”的项目可以评奖" in r.message, r
	r = call(admin_api, "finish_review", contest=contest)
	assert r.ok and sorted(r.data["finished"]) == sorted(a.project for a in apps), r

	preview = call(admin_api, "preview_awards", contest=contest,
		decisions={apps[0].project: "一等奖", apps[1].project: "一等奖", apps[2].project: "一等奖"})
	assert preview.ok and not preview.data["ok"], preview
	assert preview.data["levels"]["一等奖"]["proposed"] == 3 and preview.data["levels"]["一等奖"]["over_by"] == 1
	assert "一等奖名额为2名" in preview.data["problems"][0]
	frappe.db.rollback()
	assert frappe.db.count("Contest Project", {"contest": contest, "workflow_state": "获奖"}) == 0

	assert call(admin_api, "commit_awards", contest=contest, decisions={apps[1].project: "一等奖", apps[0].project: "一等奖"}).ok
	r = call(admin_api, "commit_awards", contest=contest, decisions={apps[2].project: "一等奖"})
	assert r.status == 417 and r.exc_type == "QuotaExceeded" and "一等奖名额为2名" in r.message, r
	assert stored("Contest Project", apps[2].project, "workflow_state") == "已评审"
	assert call(admin_api, "commit_awards", contest=contest, decisions={apps[2].project: None}).ok
	assert stored("Contest Project", apps[2].project, "workflow_state") == "未获奖"
	frappe.db.rollback()
	assert frappe.db.get_value("Contest Project", apps[1].project, ["workflow_state", "award_level"]) == ("获奖", "一等奖")


def test_two_admins_racing_for_the_last_first_prize(admin_api, make_api_user):
	contest = make_edition(f"并发评奖届次{frappe.generate_hash(length=6)}")
	apps = accepted_projects(make_api_user, "济阳区", contest, 3)
	expert = make_expert(admin_api, make_api_user, organisation="并发评审单位")
	for app in apps:
		assert admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert}).ok
	open_review_window(contest)
	for app in apps:
		assert score(expert, review_of(expert, app.project), flat(80)).ok
	assert call(admin_api, "finish_review", contest=contest).ok
	assert call(admin_api, "commit_awards", contest=contest, decisions={apps[0].project: "一等奖"}).ok

	second_admin = make_api_user(["Contest Admin"])
	barrier = threading.Barrier(2)
	results = {}

	def award(client, project):
		barrier.wait()
		results[project] = call(client, "commit_awards", contest=contest, decisions={project: "一等奖"})

	threads = [threading.Thread(target=award, args=(c, a.project)) for c, a in ((admin_api, apps[1]), (second_admin, apps[2]))]
	for t in threads:
		t.start()
	for t in threads:
		t.join()
	outcomes = sorted(r.status for r in results.values())
	assert outcomes == [200, 417], results
	frappe.db.rollback()
	assert frappe.db.count("Contest Project", {"contest": contest, "award_level": "一等奖"}) == 2


@pytest.fixture
def decided(admin_api, make_api_user):
	"""An edition with one 一等奖, one 二等奖 and one project without an award, review closed."""
	contest = make_edition(f"公示测试届次{frappe.generate_hash(length=6)}")
	apps = accepted_projects(make_api_user, "起步区", contest, 3)
	expert = make_expert(admin_api, make_api_user, organisation="公示评审单位")
	for app in apps:
		assert admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": expert.expert}).ok
	open_review_window(contest)
	for app, total in zip(apps, (83, 81, 60), strict=False):
		assert score(expert, review_of(expert, app.project), flat(total)).ok
	assert call(admin_api, "finish_review", contest=contest).ok
	decisions = {apps[0].project: "二等奖", apps[1].project: "一等奖", apps[2].project: None}
	assert call(admin_api, "commit_awards", contest=contest, decisions=decisions).ok
	return contest, apps


def test_public_notice_shows_winners_only_inside_its_window(server_url, decided):
	from tests.conftest import SITE

	contest, apps = decided
	page = requests.get(f"{server_url}/contest-notice", headers={"X-Frappe-Site-Name": SITE})
	assert page.status_code == 200
	winners = frappe.db.get_value("Contest Project", apps[1].project, "project_name")
	assert winners not in page.text

	open_notice_window(contest)
	page = requests.get(f"{server_url}/contest-notice", headers={"X-Frappe-Site-Name": SITE})
	assert page.status_code == 200, page.text[:500]
	assert f'data-edition="{contest}"' in page.text
	notice = page.text[page.text.index(f'data-edition="{contest}"'):]
	notice = notice[: notice.index("</section>")]
	assert winners in notice and "公示期" in notice
	assert notice.index("一等奖") < notice.index("二等奖")
	unit = frappe.db.get_value("Contest Project", apps[1].project, "unit_name")
	assert unit in notice and "起步区" in notice
	loser = frappe.db.get_value("Contest Project", apps[2].project, "project_name")
	assert loser not in notice
	# Nothing else is public: no scores, no expert names, no applicant contacts.
	expert_names = frappe.get_all("Review Expert", pluck="expert_name")
	for secret in ("13800000000", "0531-66602617", "评分", "总分", "分数", "得分", "专家", *expert_names):
		assert secret not in notice, secret

	# Objections: stored for the city bureau, rate-limited per address.
	address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
	guest = {"X-Frappe-Site-Name": SITE, "X-Forwarded-For": address}
	form = {"project": apps[1].project, "reason": "该项目实施区域不在本市", "contact_name": "张某", "contact_phone": "13900000000"}
	r = requests.post(f"{server_url}/api/method/smart_city_contest.api.notice.submit_objection", data=form, headers=guest)
	assert r.status_code == 200 and "异议已收到" in r.json()["message"]["message"], r.text
	frappe.db.rollback()
	assert frappe.db.get_value("Notice Objection", {"project": apps[1].project, "ip_address": address}, "reason") == form["reason"]
	r = requests.post(f"{server_url}/api/method/smart_city_contest.api.notice.submit_objection",
		data=dict(form, project=apps[2].project), headers=guest)
	assert r.status_code == 417 and "只能对本次公示的获奖项目提出异议" in ApiResponse(r).message, r.text
	statuses = [
		requests.post(f"{server_url}/api/method/smart_city_contest.api.notice.submit_objection", data=form, headers=guest).status_code
		for _ in range(5)
	]
	assert statuses[-1] == 429 and statuses.count(200) == 3, statuses
	# Guests read nothing else.
	assert requests.get(f"{server_url}/api/resource/Notice Objection", headers=guest).status_code == 403
	assert requests.get(f"{server_url}/api/resource/Expert Review", headers=guest).status_code == 403
