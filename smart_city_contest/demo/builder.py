"""Build the demo edition on a site by driving the real workflow, step by step, as the people who
would take each step: applicants register and apply, district reviewers check, return, reject and
recommend, then file their 推荐汇总表; the city bureau sets up the expert pool and assigns experts;
experts score (one recuses, one amends); the bureau closes the review, decides the awards under quota
and the public notice opens; a member of the public objects to a winner and the bureau decides (维持).

Every step goes through the same code as the desk and REST (controllers, apply_action, the review
API), so the data obeys every rule. The edition's windows are judged on the server clock, so the
edition is created with its application window open and its later windows moved up to "now" as the
steps progress: each boundary is set just after the last step of the phase before it, so every
recorded time (提交时间, 报送时间, 评分时间, 评奖时间) falls inside its window. It ends with the notice
window open, so /contest-notice shows the winners.

All of it is one database transaction: a failure rolls everything back (and Frappe deletes the files
written so far), so a site never holds half an edition.
"""

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import frappe
from frappe import _

from smart_city_contest.demo import (
	DEFAULT_PASSWORD,
	DEFAULT_SEED,
	DEFAULT_UNITS,
	MIN_UNITS,
	content,
	materials,
)
from smart_city_contest.demo.content import DOMAIN, EditionPlan, UnitPlan
from smart_city_contest.district_review.project_flow import apply_action, edition_now
from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.deadlines import now_in

EDITION_SUFFIX = "年智慧泉城创新应用大赛（演示）"
SHIPPED_EDITION = "2021年智慧泉城创新应用大赛"  # fixtures/contest_edition.json
EXPERTS_PER_PROJECT = 5
TIME_ZONE = "Asia/Shanghai"

CHECKLIST = {
	"check_unit_eligibility": 1,
	"check_project_eligibility": 1,
	"check_completion_proof": 1,
	"check_pledge": 1,
	"check_materials_complete": 1,
}
REVIEW_NOTES = "经审核，参赛单位资格条件和申报材料符合大赛要求，同意推荐。"
RECUSAL_REASON = "本人曾参与该项目建设方案的论证评审，申请回避。"
AMENDMENT_REASON = "复核项目佐证材料后调整评分。"

Log = Callable[[str], None]


def edition_title(year: int) -> str:
	return f"{year}{EDITION_SUFFIX}"


def demo_editions() -> list[str]:
	return frappe.get_all("Contest Edition", filters={"name": ("like", f"%{EDITION_SUFFIX}")}, pluck="name")


def demo_users() -> list[str]:
	return frappe.get_all("User", filters={"name": ("like", f"%@{DOMAIN}")}, pluck="name", order_by="name")


def districts() -> list[content.DistrictInfo]:
	return [
		content.DistrictInfo(d.name, d.division_code, d.bureau_name, d.sort_order or 0)
		for d in frappe.get_all(
			"Contest District",
			filters={"enabled": 1},
			fields=["name", "division_code", "bureau_name", "sort_order"],
			order_by="sort_order asc, name asc",
		)
	]


class Builder:
	"""One run: a plan (content.plan_edition) made real on the site under the edition `title`."""

	def __init__(self, plan: EditionPlan, title: str, password: str, seed: int, log: Log):
		self.plan = plan
		self.title = title
		self.password = password
		self.rng = random.Random(seed + 1)
		self.log = log
		self.started = time.monotonic()
		self.units: dict[int, str] = {}  # unit index → Participant Unit name
		self.projects: dict[int, str] = {}  # unit index → Contest Project name
		self.experts: list[str] = []  # Review Expert names
		self.seed = seed
		self.pool: ThreadPoolExecutor | None = None
		self.files = iter(())  # each unit's files (materials.render), drawn ahead in plan order
		self.fixed_proofs: dict[int, bytes] = {}
		self.bureaus = {d.name: d.bureau_name for d in districts()}

	# --- helpers ------------------------------------------------------------------------------

	def step(self, message: str):
		self.log(f"[{time.monotonic() - self.started:6.1f}s] {message}")

	def as_user(self, user: str):
		if frappe.session.user != user:
			frappe.set_user(user)

	def now(self) -> datetime:
		return edition_now(self.title)

	def boundary(self) -> datetime:
		"""The next whole second on the edition's clock, once it has passed: everything done so far is
		before it, everything done next is after it."""
		moment = self.now().replace(microsecond=0) + timedelta(seconds=1)
		wait = (moment - self.now()).total_seconds()
		if wait > 0:
			time.sleep(wait + 0.005)
		return moment

	def move_edition(self, **windows):
		"""The city bureau moves the edition's windows (as in tests/integration/world.py move_edition)."""
		self.as_user(self.plan.admin.email)
		doc = frappe.get_doc("Contest Edition", self.title)
		doc.update(windows)
		doc.save()

	def attach(self, data: bytes, file_name: str, doctype: str, name: str, field: str | None = None) -> str:
		"""Upload `data` as a private file of `doctype` `name`, as the session user; its URL."""
		doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"attached_to_doctype": doctype,
				"attached_to_name": name,
				"attached_to_field": field,
				"is_private": 1,
				"content": data,
			}
		)
		doc.insert()
		return doc.file_url

	# --- the edition and the people ----------------------------------------------------------------

	def create_edition(self):
		now = self.now().replace(microsecond=0)
		# Award levels and scoring dimensions as the shipped 2021 edition has them (the plan's), if present.
		shipped = frappe.db.exists("Contest Edition", SHIPPED_EDITION)
		source = frappe.get_doc("Contest Edition", shipped) if shipped else None
		award_levels = (
			[
				{k: r.get(k) for k in ("award_level", "rank", "quota", "is_unlimited")}
				for r in source.award_levels
			]
			if source
			else [
				{"award_level": "一等奖", "rank": 1, "quota": 2},
				{"award_level": "二等奖", "rank": 2, "quota": 6},
				{"award_level": "三等奖", "rank": 3, "is_unlimited": 1},
			]
		)
		dimensions = (
			[
				{k: r.get(k) for k in ("dimension", "weight", "max_score", "description")}
				for r in source.scoring_dimensions
			]
			if source
			else [
				{"dimension": "项目基本情况", "weight": 30, "max_score": 100},
				{"dimension": "项目方案及实施情况", "weight": 40, "max_score": 100},
				{"dimension": "项目建设成效", "weight": 30, "max_score": 100},
			]
		)
		admin = self.plan.admin
		frappe.get_doc(
			{
				"doctype": "Contest Edition",
				"title": self.title,
				"year": now.year,
				"city": "济南市",
				"organiser": "济南市工业和信息化局",
				"organiser_department": "信息化与数字经济处",
				"time_zone": TIME_ZONE,
				"contact_persons": admin.full_name,
				"contact_phone": "0531-66600000",
				"contact_email": admin.email,
				"application_start": datetime.combine(now.date() - timedelta(days=30), datetime.min.time()),
				"application_end": now + timedelta(days=1),
				"recommendation_deadline": now + timedelta(days=1),
				"review_start": now + timedelta(days=1),
				"review_end": now + timedelta(days=31),
				"notice_start": now + timedelta(days=31),
				"notice_end": now + timedelta(days=45),
				"award_levels": award_levels,
				"scoring_dimensions": dimensions,
				"experts_per_project": EXPERTS_PER_PROJECT,
				"max_projects_per_expert": 0,
			}
		).insert()

	def create_accounts(self):
		"""Every demo account (the system administrator's job), with the shared password; reviewers get
		their district, applicants get their unit when they register it.

		Two things Frappe does per account are adapted to a batch of a hundred and more, in this process
		only: the user-creation throttle (`throttle_user_limit`, by default 60 accounts an hour) lets the
		batch through whatever the site created in the last hour, as the test suite raises it; and User.validate's ask_pass_update — which recomputes
		a site default from the users' e-mail inboxes and so clears every cache of the site — runs once
		after the batch instead of once per account (demo accounts have no inbox, so the default it
		writes is the same; per account it made each insert about five times slower)."""
		from frappe.core.doctype.user import user as user_module

		accounts = [self.plan.admin, *self.plan.reviewers.values(), *(e.account for e in self.plan.experts)]
		accounts += [u.account for u in self.plan.units]
		conf = frappe.local.conf
		limit = conf.get("throttle_user_limit")
		recent = frappe.db.get_creation_count("User", 60)  # what the throttle counts: the last hour
		conf.throttle_user_limit = (limit or 60) + recent + len(accounts)
		ask_pass_update = user_module.ask_pass_update
		user_module.ask_pass_update = lambda: None
		try:
			for account in accounts:
				user = frappe.get_doc(
					{
						"doctype": "User",
						"email": account.email,
						"first_name": account.full_name,
						"language": "zh",
						"send_welcome_email": 0,
						"new_password": self.password,
						"roles": [{"role": r} for r in account.roles],
					}
				)
				# Applicants work in the portal (/my-application): Contest Applicant has no desk access, so
				# Frappe makes their accounts Website Users, as when they register.
				user.insert(ignore_permissions=True)
				for district in account.districts:
					frappe.permissions.add_user_permission(
						"Contest District", district, account.email, ignore_permissions=True
					)
		finally:
			user_module.ask_pass_update = ask_pass_update
			if limit is None:
				conf.pop("throttle_user_limit", None)
			else:
				conf.throttle_user_limit = limit
		ask_pass_update()

	# --- 申报: applicants -------------------------------------------------------------------------

	def material_spec(self, u: UnitPlan, today: date) -> materials.Spec:
		p = u.project
		period_end = date.fromisoformat(p["period_end"])
		return materials.Spec(
			seed=self.seed * 10_000 + u.index,
			project=p["project_name"],
			unit=u.unit["unit_name"],
			uscc=u.unit["uscc"],
			bureau=self.bureaus.get(u.district) or f"{u.district}工业和信息化局",
			acceptor=p["investor_name"]
			if p["city_funded"] == "是"
			else f"{u.unit['unit_name']}项目验收工作组",
			modules=tuple(u.modules),
			accepted_on=period_end + timedelta(days=7 + u.index % 30),
			leader=p["project_leader"],
			signed_on=today,
			kpis=tuple(
				(r["indicator_content"], r["completion"]) for r in p["indicators"] if r["level_1"] != "其他"
			)[:3],
			images=1 + u.extra_images,
			pledge=u.fate != content.DRAFT,  # a draft still waits for its stamped pledge
			investment=p["investment_amount"] if u.investment_statement else None,
			former_name=u.former_name,
			name_changed_on=date.fromisoformat(p["period_start"]) - timedelta(days=90 + u.index * 7 % 600)
			if u.former_name
			else None,
			fixed_proof_on=period_end + timedelta(days=45) if u.fate == content.RESUBMITTED else None,
		)

	def start_materials(self):
		"""Draw every applicant's files on a second thread while this one works on the site: the site
		work mostly waits for the database, and Pillow draws and encodes largely outside the GIL, so
		the files (about a sixth of the run when drawn in line) come nearly for free."""
		today = now_in(TIME_ZONE).date()
		specs = [self.material_spec(u, today) for u in self.plan.units]
		self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-materials")
		self.files = self.pool.map(materials.render, specs)  # in the order of plan.units, as apply() goes

	def stop_materials(self):
		if self.pool:
			self.pool.shutdown(wait=True, cancel_futures=True)
			self.pool = None

	def apply(self, u: UnitPlan):
		files = next(self.files)
		self.as_user(u.account.email)
		unit = frappe.get_doc({"doctype": "Participant Unit", **u.unit}).insert()
		self.units[u.index] = unit.name
		if u.former_name:
			unit.name_changed = 1
			unit.former_name = u.former_name
			unit.name_change_proof = self.attach(
				files["name_change_proof"],
				"单位名称变更情况说明.pdf",
				"Participant Unit",
				unit.name,
				"name_change_proof",
			)
			unit.save()

		project = frappe.get_doc(
			{"doctype": "Contest Project", "contest": self.title, "unit": unit.name, **u.project}
		)
		project.insert()
		self.projects[u.index] = project.name
		self.attach_materials(project, files)
		project.save()
		if u.fate != content.DRAFT:
			apply_action(project.name, wf.SUBMIT)
		if files["fixed_proof"]:
			self.fixed_proofs[u.index] = files["fixed_proof"]

	def attach_materials(self, project, files: dict):
		project.completion_proof = self.attach(
			files["completion_proof"],
			"项目竣工验收意见.pdf",
			"Contest Project",
			project.name,
			"completion_proof",
		)
		if files["signed_pledge"]:
			project.signed_pledge = self.attach(
				files["signed_pledge"],
				"申报材料真实性承诺书（盖章）.pdf",
				"Contest Project",
				project.name,
				"signed_pledge",
			)
		for variant, image in enumerate(files["images"]):
			project.append(
				"attachments",
				{
					"attachment_type": "项目评估验证图片",
					"description": "系统运行监测界面截图" if variant == 0 else "系统数据分析界面截图",
					"file": self.attach(
						image, f"系统运行截图{variant + 1}.png", "Contest Project", project.name
					),
				},
			)
		if files["investment_statement"]:
			project.append(
				"attachments",
				{
					"attachment_type": "证明材料（企业专利、项目投资额证明等）",
					"description": "项目投资情况说明",
					"file": self.attach(
						files["investment_statement"], "项目投资情况说明.pdf", "Contest Project", project.name
					),
				},
			)

	# --- 区县审核与推荐: district reviewers -------------------------------------------------------------

	def recommend(self, district: str, project: str):
		self.as_user(self.plan.reviewers[district].email)
		doc = frappe.get_doc("Contest Project", project)
		doc.update({**CHECKLIST, "review_notes": REVIEW_NOTES})
		doc.save()
		apply_action(project, wf.RECOMMEND)

	def district_review(self, u: UnitPlan):
		project = self.projects[u.index]
		reviewer = self.plan.reviewers[u.district].email
		if u.fate in (content.FILED, content.RECOMMENDED_UNFILED):
			self.recommend(u.district, project)
		elif u.fate in (content.RETURNED, content.RESUBMITTED):
			self.as_user(reviewer)
			apply_action(project, wf.RETURN, u.return_reason)
		elif u.fate == content.REJECTED:
			self.as_user(reviewer)
			apply_action(project, wf.REJECT, u.reject_reason)

	def resubmit(self, u: UnitPlan):
		"""The applicant fixes what the district asked for and resubmits; the district recommends."""
		self.as_user(u.account.email)
		doc = frappe.get_doc("Contest Project", self.projects[u.index])
		proof = self.fixed_proofs[u.index]
		doc.completion_proof = self.attach(
			proof, "项目竣工验收意见（补充）.pdf", "Contest Project", doc.name, "completion_proof"
		)
		doc.other_notes = "已按区县审核意见补充项目竣工验收材料，并核实完善绩效指标完成情况。"
		doc.save()
		apply_action(doc.name, wf.RESUBMIT)
		self.recommend(u.district, doc.name)

	def file_recommendations(self) -> list[str]:
		"""Every district but the unfiled ones files its 推荐汇总表 (报送市局)."""
		filed = []
		for district, account in self.plan.reviewers.items():
			if district in self.plan.unfiled_districts:
				continue
			if not frappe.db.exists(
				"Contest Project",
				{"contest": self.title, "district": district, "workflow_state": wf.RECOMMENDED},
			):
				continue
			self.as_user(account.email)
			doc = frappe.get_doc(
				{"doctype": "District Recommendation", "contest": self.title, "district": district}
			)
			doc.insert()
			listed = [(row.project_name, row.unit_name) for row in doc.items]
			doc.stamped_summary = self.attach(
				materials.stamped_summary_pdf(random.Random(district), self.bureaus.get(district) or district, district, listed,
					self.now().date()),
				"推荐汇总表（盖章）.pdf", "District Recommendation", doc.name, "stamped_summary",
			)
			doc.submit()
			filed.append(district)
		return filed

	def stamps_and_paper(self) -> tuple[int, int]:
		"""The units of filed projects upload their stamped 申报书 scans; the city bureau records the paper
		copies received (all but the last, still on its way)."""
		accepted = [u for u in self.plan.units if u.index in self.projects and frappe.db.get_value(
			"Contest Project", self.projects[u.index], "workflow_state") == wf.ACCEPTED]
		for u in accepted:
			self.as_user(u.account.email)
			doc = frappe.get_doc("Contest Project", self.projects[u.index])
			doc.stamped_application = self.attach(
				materials.stamped_application_pdf(random.Random(doc.name), self.bureaus.get(u.district) or u.district,
					doc.project_name, doc.unit_name, self.now().date()),
				"申报书（盖章）.pdf", "Contest Project", doc.name, "stamped_application",
			)
			doc.save()
		self.as_user(self.plan.admin.email)
		for u in accepted[:-1]:
			doc = frappe.get_doc("Contest Project", self.projects[u.index])
			doc.paper_received_on = self.now().date()
			doc.save()
		return len(accepted), max(len(accepted) - 1, 0)

	# --- 专家评审: the city bureau and the experts ---------------------------------------------------------

	def create_expert_pool(self):
		self.as_user(self.plan.admin.email)
		for e in self.plan.experts:
			doc = frappe.get_doc(
				{
					"doctype": "Review Expert",
					"user": e.account.email,
					"expert_name": e.expert_name,
					"organisation": e.organisation,
					"professional_title": e.professional_title,
					"phone": e.phone,
					"email": e.account.email,
					"enabled": 1,
					**{f: 1 for f in e.expertise},
					"expertise_notes": e.expertise_notes,
					"conflicts": [
						{"unit": self.units[index], "reason": reason} for index, reason in e.conflicts
					],
				}
			).insert()
			self.experts.append(doc.name)

	def assign_experts(self) -> dict:
		"""api.review.assign_experts over the demo's expert pool: the same rules (conflicts excluded, caps,
		load balance, recusals blocked), the same Expert Review inserts, but never an expert of another
		edition's pool that happens to be on the site."""
		from smart_city_contest.expert_review import assignment
		from smart_city_contest.rules import expert_assignment as rules

		self.as_user(self.plan.admin.email)
		projects = frappe.get_all(
			"Contest Project",
			filters={"contest": self.title, "workflow_state": ("in", assignment.ASSIGNABLE_STATES)},
			pluck="name",
			order_by="name asc",
		)
		reviews = frappe.get_all(
			"Expert Review", filters={"contest": self.title}, fields=["project", "expert", "status"]
		)
		existing = [(r.project, r.expert) for r in reviews if r.status != assignment.RECUSED]
		blocked = [(r.project, r.expert) for r in reviews if r.status == assignment.RECUSED]
		pool = [assignment.expert_for_rules(name, self.title) for name in sorted(self.experts)]
		result = rules.assign_experts(
			[assignment.project_for_rules(p) for p in projects],
			pool,
			EXPERTS_PER_PROJECT,
			existing=existing,
			blocked=blocked,
		)
		for project, expert in result.pairs:
			frappe.get_doc(
				{"doctype": "Expert Review", "contest": self.title, "project": project, "expert": expert}
			).insert()
		return {"assigned": len(result.pairs), "shortfalls": result.shortfalls}

	def recuse_one(self) -> str | None:
		"""One expert steps aside from one project (回避); the bureau then assigns another expert."""
		from smart_city_contest.expert_review.doctype.expert_review.expert_review import recuse

		review = frappe.get_all(
			"Expert Review",
			filters={"contest": self.title, "status": review_statuses.PENDING},
			fields=["name", "expert_user"],
			order_by="name asc",
			limit=1,
		)
		if not review:
			return None
		self.as_user(review[0].expert_user)
		recuse(review[0].name, RECUSAL_REASON)
		return review[0].name

	def score_all(self):
		"""Each expert scores their projects around the project's quality, with their own strictness; one
		expert marks one project far down (a 评分分歧 in the ranking report)."""
		quality = {self.projects[u.index]: u.quality for u in self.plan.units if u.index in self.projects}
		bias = {name: e.bias for name, e in zip(self.experts, self.plan.experts, strict=True)}
		reviews = frappe.get_all(
			"Expert Review",
			filters={"contest": self.title, "status": review_statuses.PENDING},
			fields=["name", "project", "expert", "expert_user"],
			order_by="expert_user asc, name asc",
		)
		harsh = reviews[len(reviews) // 2].name if reviews else None
		for r in reviews:
			self.as_user(r.expert_user)
			doc = frappe.get_doc("Expert Review", r.name)
			scores = content.review_scores(
				self.rng,
				quality[r.project],
				bias[r.expert],
				[row.dimension for row in doc.scores],
				harsh=r.name == harsh,
			)
			for row in doc.scores:  # out of the dimension's 满分
				row.score = round(scores[row.dimension] * (row.max_score or 100) / 100, 1)
				row.entered = 1
			doc.comments = content.review_comment(self.rng, sum(scores.values()) / len(scores))
			doc.submit()

	def amend_one(self):
		from smart_city_contest.expert_review.doctype.expert_review.expert_review import amend

		review = frappe.get_all(
			"Expert Review",
			filters={"contest": self.title, "status": review_statuses.SUBMITTED},
			fields=["name", "expert_user"],
			order_by="name desc",
			limit=1,
		)
		if review:
			self.as_user(review[0].expert_user)
			last = frappe.get_doc("Expert Review", review[0].name).scores[-1]
			amend(
				review[0].name, {last.dimension: min(last.max_score or 100, last.score + 3)}, AMENDMENT_REASON
			)

	# --- 评奖 ------------------------------------------------------------------------------------------

	def decide_awards(self) -> dict:
		"""The bureau awards by the ranking report's order: 一等奖 and 二等奖 to their quotas, about a fifth
		of the projects 三等奖, the rest 未获奖; committed through the review API (quotas held)."""
		from smart_city_contest.api import review
		from smart_city_contest.expert_review.report.project_ranking.project_ranking import (
			STATISTIC_BY_LABEL,
			ranking,
		)

		self.as_user(self.plan.admin.email)
		edition = frappe.db.get_value(
			"Contest Edition", self.title, ["ranking_statistic", "disagreement_threshold"], as_dict=True
		)
		rows = [
			r
			for r in ranking(
				self.title,
				STATISTIC_BY_LABEL[edition.ranking_statistic or "去极值平均分"],
				edition.disagreement_threshold or None,
			)
			if r["workflow_state"] == wf.REVIEWED
		]
		levels = [
			r.award_level
			for r in sorted(frappe.get_doc("Contest Edition", self.title).award_levels, key=lambda r: r.rank)
		]
		counts = content.award_counts(len(rows))
		decisions, position = {}, 0
		for level, count in zip(levels, counts, strict=False):
			for row in rows[position : position + count]:
				decisions[row["project"]] = level
			position += count
		for row in rows[position:]:
			decisions[row["project"]] = None
		review.commit_awards(self.title, decisions)
		return decisions

	def object_and_decide(self) -> str:
		"""A member of the public objects to the first winner (as submit_objection records it); the bureau
		checks and upholds the award (维持) through the results API, inside the 公示期."""
		from smart_city_contest.api import results

		frappe.set_user("Administrator")
		winner = frappe.get_all(
			"Contest Project", filters={"contest": self.title, "workflow_state": wf.AWARDED}, pluck="name",
			order_by="name asc", limit=1,
		)[0]
		objection = frappe.get_doc(
			{
				"doctype": "Notice Objection",
				"contest": self.title,
				"project": winner,
				"reason": "该项目部分功能上线时间晚于申报材料所述完成时间，请予核查。",
				"contact_name": "王某（历下区市民）",
				"contact_phone": "13705310000",
				"submitted_on": self.now(),
				"status": "待处理",
			}
		).insert(ignore_permissions=True)
		self.as_user(self.plan.admin.email)
		results.decide_objection(
			objection.name, "维持", "经核查，项目于申报截止前已完成并通过验收，完成时间与申报材料一致，异议不成立。"
		)
		return "维持"

	# --- 公布结果 and after -------------------------------------------------------------------------------

	def publish_and_follow_up(self) -> dict:
		"""After the 公示期 the bureau publishes the final results (公布结果: certificate numbers and one
		Award Follow Up per winner, through the results API), then records what the plan promises the
		winners: the 一等奖 纳入市级试点示范 and recommended for the 劳动竞赛, 奖补 by level (paid for the
		一等奖, pending for the rest)."""
		from smart_city_contest.api import results
		from smart_city_contest.rules.award_follow_up import SUBSIDY_PAID, SUBSIDY_PENDING

		self.as_user(self.plan.admin.email)
		published = results.publish_results(self.title)
		ranks = {r.award_level: r.rank for r in frappe.get_doc("Contest Edition", self.title).award_levels}
		paid_on = self.now().date()
		follow_ups = frappe.get_all(
			"Award Follow Up", filters={"contest": self.title}, fields=["name", "award_level"],
			order_by="certificate_no asc",
		)
		pilot = paid = 0
		for f in follow_ups:
			rank = ranks.get(f.award_level, 99)
			doc = frappe.get_doc("Award Follow Up", f.name)
			doc.subsidy_amount = content.SUBSIDY_BY_RANK.get(rank, 0) or None
			doc.subsidy_status = (SUBSIDY_PAID if rank == 1 else SUBSIDY_PENDING) if doc.subsidy_amount else ""
			doc.subsidy_paid_on = paid_on if doc.subsidy_status == SUBSIDY_PAID else None
			if rank == 1:
				doc.pilot_included, doc.pilot_date = 1, paid_on
				doc.labour_contest_recommended = 1
				doc.labour_contest_note = "推荐参加全市智慧城市建设劳动竞赛评选"
			doc.save()
			pilot += doc.pilot_included
			paid += doc.subsidy_status == SUBSIDY_PAID
		return {"winners": published["winners"], "pilot": pilot, "paid": paid}

	# --- the whole run ------------------------------------------------------------------------------------

	def run(self):
		self.start_materials()
		try:
			self.run_steps()
		finally:
			self.stop_materials()
			frappe.set_user("Administrator")

	def run_steps(self):
		plan = self.plan
		frappe.set_user("Administrator")
		self.create_accounts()
		self.step(f"已创建演示账号 {len(plan.units) + len(plan.reviewers) + len(plan.experts) + 1} 个")
		self.as_user(plan.admin.email)
		self.create_edition()
		self.step(f"已创建大赛届次“{self.title}”，申报进行中")

		for u in plan.units:
			self.apply(u)
		submitted = sum(u.fate != content.DRAFT for u in plan.units)
		self.step(f"参赛单位已登记 {len(plan.units)} 个，已提交申报 {submitted} 个")
		self.move_edition(application_end=self.boundary())
		self.step("申报截止")

		for u in plan.units:
			if u.fate != content.DRAFT:
				self.district_review(u)
		for u in plan.units:
			if u.fate == content.RESUBMITTED:
				self.resubmit(u)
		filed = self.file_recommendations()
		self.step(f"区县审核完成，{len(filed)} 个区县已报送推荐汇总表")
		stamped, received = self.stamps_and_paper()
		self.step(f"已上传盖章申报书 {stamped} 份，市局已接收纸质材料 {received} 份")
		moment = self.boundary()
		self.move_edition(
			recommendation_deadline=moment, review_start=moment, review_end=moment + timedelta(days=1)
		)
		self.step("区县推荐截止，专家评审开始")

		self.create_expert_pool()
		first = self.assign_experts()
		recused = self.recuse_one()
		second = self.assign_experts() if recused else {"assigned": 0}
		self.step(f"已分配评审专家 {first['assigned']} 人次（回避后补充分配 {second['assigned']} 人次）")
		self.score_all()
		self.amend_one()
		from smart_city_contest.api import review

		self.as_user(plan.admin.email)
		finished = review.finish_review(self.title)
		self.step(f"专家评分完成，{len(finished['finished'])} 个项目完成评审")
		moment = self.boundary()
		self.move_edition(review_end=moment)
		decisions = self.decide_awards()
		self.step(f"评奖完成：获奖 {sum(1 for level in decisions.values() if level)} 项")
		notice_start = self.boundary()
		self.move_edition(
			notice_start=notice_start,
			notice_end=datetime.combine(
				notice_start.date() + timedelta(days=14), datetime.max.time()
			).replace(microsecond=0),
		)
		self.step("公示开始")
		decision = self.object_and_decide()
		self.step(f"公示期内收到异议 1 件，市局已作出处理决定（{decision}）")
		self.move_edition(notice_end=self.boundary())
		self.step("公示期满")
		self.boundary()  # 公布结果 is after the 公示期's last second
		after = self.publish_and_follow_up()
		self.step(
			f"市局已公布最终结果，颁发获奖证书 {after['winners']} 份；{after['pilot']} 项纳入市级试点示范，"
			f"奖补已拨付 {after['paid']} 项"
		)


def build(
	units: int = DEFAULT_UNITS,
	seed: int = DEFAULT_SEED,
	password: str = DEFAULT_PASSWORD,
	reset: bool = False,
	log: Log = print,
) -> dict:
	"""Fill the site with a demo edition; idempotent: when one exists it is left as it is (unless
	`reset`, which removes it first). Returns the summary (see summary.py)."""
	from smart_city_contest.demo import cleanup, summary

	if units < MIN_UNITS:
		raise ValueError(_("至少需要{0}个参赛单位才能覆盖全部流程和奖项，当前为{1}").format(MIN_UNITS, units))
	frappe.set_user("Administrator")
	if reset:
		cleanup.remove(log)
	existing = demo_editions()
	if existing:
		log(f"演示数据已存在（{existing[0]}），未重复生成；如需重新生成，请加 --reset")
		return summary.collect(existing[0], password=None)
	if demo_users():
		log("发现上次未完成的演示数据残留，先行清理")
		cleanup.remove(log)

	started = time.monotonic()
	today = now_in(TIME_ZONE)
	taken = set(frappe.get_all("Participant Unit", pluck="uscc"))
	plan = content.plan_edition(seed, districts(), units, today.date(), taken)
	title = edition_title(today.year)
	builder = Builder(plan, title, password, seed, log)
	try:
		builder.run()
		frappe.db.commit()
	except Exception:
		frappe.db.rollback()
		frappe.set_user("Administrator")
		raise
	result = summary.collect(title, password=password)
	result["seconds"] = round(time.monotonic() - started, 1)
	return result
