"""专家评审: one expert's scores for one project. Created by an assignment, filled and submitted by the
expert inside the review window, immutable once submitted except through a recorded amendment."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from smart_city_contest.district_review.project_flow import apply_system_transition, edition_now
from smart_city_contest.errors import (
	DeadlinePassed,
	DuplicateApplication,
	ServerManagedField,
	throw_for_field,
)
from smart_city_contest.expert_review.assignment import check_assignment
from smart_city_contest.rules.project_workflow import ACCEPTED, START_REVIEW
from smart_city_contest.rules.review_scoring import score_problems, weighted_total
from smart_city_contest.rules.review_statuses import PENDING, RECUSED, SUBMITTED

UNIQUE_INDEX = "unique_review_project_expert"


class ExpertReview(Document):
	# --- assignment (insert, by the city bureau) ----------------------------------------------

	def before_insert(self):
		for fieldname in ("submitted_on", "recusal_reason", "amendments"):
			if self.get(fieldname):
				throw_for_field(self, fieldname, _("由系统填写"), ServerManagedField)
		check_assignment(self.contest, self.project, self.expert)
		if frappe.db.exists("Expert Review", {"project": self.project, "expert": self.expert}):
			frappe.throw(_("专家{0}已分配评审项目{1}").format(self.expert, self.project), frappe.DuplicateEntryError)
		self.status = PENDING
		self.set("scores", [
			{"dimension": d.dimension, "weight": d.weight, "max_score": d.max_score, "score": None, "entered": 0}
			for d in frappe.get_doc("Contest Edition", self.contest).scoring_dimensions
		])

	def after_insert(self):
		if frappe.db.get_value("Contest Project", self.project, "workflow_state") == ACCEPTED:
			apply_system_transition(self.project, START_REVIEW, reason=_("已分配评审专家"))
		from smart_city_contest.notifications import on_expert_assigned

		on_expert_assigned(self)

	# --- scoring (the expert) -------------------------------------------------------------------

	def validate(self):
		self.expert_user = frappe.db.get_value("Review Expert", self.expert, "user")
		if self.is_new():
			return
		before = self.get_doc_before_save()
		if self.status != before.status and not self.flags.status_change:
			throw_for_field(self, "status", _("由系统根据评审进度填写，不能修改"), ServerManagedField)
		for fieldname in ("contest", "project", "expert"):
			if self.get(fieldname) != before.get(fieldname):
				throw_for_field(self, fieldname, _("评审分配后不能修改；如需调整，请删除本条分配后重新分配"))
		self.keep_the_record(before)
		self.keep_dimensions(before)
		if self.scores_changed(before) or self.comments != before.comments:
			self.require_the_expert()
			self.require_review_window()
		self.check_scores(require_all=False)

	def keep_the_record(self, before):
		"""The amendment log, the recusal and the submission time are written by amend(), recuse() and
		the submission only: a client cannot forge or rewrite them."""
		def log(doc):
			return [(r.amended_by, str(r.amended_on), r.old_scores, r.new_scores, r.reason) for r in doc.amendments]

		if log(self) != log(before) and not self.flags.amendment:
			throw_for_field(self, "amendments", _("修改记录由系统在“修改评分”时填写，不能直接修改"), ServerManagedField)
		if (self.recusal_reason or "") != (before.recusal_reason or "") and not self.flags.recusal:
			throw_for_field(self, "recusal_reason", _("请通过“申请回避”填写回避原因"), ServerManagedField)
		sent, stored = self.submitted_on, before.submitted_on
		if (sent or stored) and not self.flags.recusal and (
			not (sent and stored) or frappe.utils.get_datetime(sent) != frappe.utils.get_datetime(stored)
		):
			throw_for_field(self, "submitted_on", _("由系统填写，不能修改"), ServerManagedField)

	def keep_dimensions(self, before):
		"""The dimensions, weights and maxima are the edition's; a client can only fill in scores.
		The database keeps an empty Float as 0, so a score counts as entered once a client sent a row
		for it, changed its value, or ticked “已评分” (how the desk confirms a deliberate 0)."""
		stored = {row.dimension: row for row in before.scores}
		sent = {row.dimension: row for row in self.scores}
		unknown = set(sent) - set(stored)
		if unknown:
			throw_for_field(self, "scores", _("评审维度“{0}”不是本届大赛的评审维度").format("、".join(sorted(unknown))))
		rows = []
		for dimension, old in stored.items():
			new = sent.get(dimension)
			value = new.score if new is not None and new.score not in (None, "") else old.score
			entered = bool(
				old.entered
				or (new is not None and (new.entered or new.name != old.name) and new.score not in (None, ""))
				or flt(value) != flt(old.score)
			)
			rows.append({"dimension": dimension, "weight": old.weight, "max_score": old.max_score, "score": value,
				"entered": int(entered)})
		self.set("scores", rows)

	def scores_changed(self, before) -> bool:
		return [(r.dimension, r.score, r.entered) for r in self.scores] != [
			(r.dimension, r.score, r.entered) for r in before.scores
		]

	def require_the_expert(self):
		if frappe.session.user != self.expert_user:
			frappe.throw(_("只有被分配的评审专家本人可以评分"), frappe.PermissionError)

	def require_review_window(self):
		start, end = frappe.db.get_value("Contest Edition", self.contest, ["review_start", "review_end"])
		now = edition_now(self.contest)
		if not (frappe.utils.get_datetime(start) <= now <= frappe.utils.get_datetime(end)):
			frappe.throw(
				_("不在专家评审时间内（{0} 至 {1}），不能评分").format(start, end), DeadlinePassed, title=_("不在评审时间内")
			)

	def check_scores(self, require_all: bool):
		"""Each score within 0..满分; all of them when submitting. The total is the server's."""
		rows = [r for r in self.scores if require_all or r.entered]
		for r in rows:
			if not r.entered:
				throw_for_field(self, "scores", _("未对评审维度“{0}”评分").format(r.dimension))
		problems = score_problems(
			[{"dimension": r.dimension, "score": r.score} for r in rows],
			[{"dimension": r.dimension, "max_score": r.max_score} for r in rows],
		)
		if problems:
			throw_for_field(self, "scores", "；".join(message for _d, message in problems))
		complete = all(r.entered for r in self.scores)
		self.total_score = weighted_total(self.score_map(), self.dimension_rows()) if complete else None

	def score_map(self) -> dict:
		return {r.dimension: float(r.score) for r in self.scores}

	def dimension_rows(self) -> list[dict]:
		return [{"dimension": r.dimension, "weight": r.weight, "max_score": r.max_score} for r in self.scores]

	def before_submit(self):
		if self.flags.recusal:
			return
		self.require_the_expert()
		self.require_review_window()
		self.check_scores(require_all=True)
		self.status = SUBMITTED
		self.flags.status_change = True
		self.submitted_on = edition_now(self.contest)

	# --- after submission -------------------------------------------------------------------------

	def before_update_after_submit(self):
		if not self.flags.amendment:
			frappe.throw(
				_("评分已提交，不能直接修改；如需修改，请使用“修改评分”，系统将记录修改人、时间和修改前后的分值"),
				frappe.PermissionError,
			)

	def before_cancel(self):
		frappe.throw(_("评审记录提交后不能撤销"), frappe.PermissionError)

	def on_trash(self):
		if self.docstatus != 0 or self.status != PENDING:
			frappe.throw(_("只能删除尚未评分的评审分配"), frappe.PermissionError)

	def db_insert(self, *args, **kwargs):
		try:
			return super().db_insert(*args, **kwargs)
		except frappe.UniqueValidationError as e:
			if UNIQUE_INDEX not in str(e.args[-1] if e.args else e):
				raise
			frappe.clear_last_message()
			frappe.throw(_("专家{0}已分配评审项目{1}").format(self.expert, self.project), DuplicateApplication)


def recuse(review: str, reason: str):
	"""The expert steps aside from a project; the record stays, counting for nothing."""
	doc = frappe.get_doc("Expert Review", review)
	doc.check_permission("write")
	doc.require_the_expert()
	if doc.docstatus != 0:
		frappe.throw(_("评审已提交，不能再申请回避"))
	if not (reason or "").strip():
		throw_for_field(doc, "recusal_reason", _("申请回避须说明原因"))
	doc.recusal_reason = reason.strip()
	doc.status = RECUSED
	doc.flags.status_change = True
	doc.flags.recusal = True
	doc.submitted_on = edition_now(doc.contest)
	doc.submit()
	return doc


def amend(review: str, scores: dict, reason: str):
	"""Change submitted scores, on the record: who, when, old and new values, why."""
	doc = frappe.get_doc("Expert Review", review)
	doc.check_permission("write")
	doc.require_the_expert()
	doc.require_review_window()
	if doc.docstatus != 1 or doc.status != SUBMITTED:
		frappe.throw(_("只有已提交的评分可以修改"))
	if not (reason or "").strip():
		frappe.throw(_("修改评分须说明原因"), title=_("填写有误"))
	# The amendment record keeps the scores as written then: a stored value, not interface text.
	old = "；".join(f"{r.dimension}：{r.score:g}" for r in doc.scores) + f"（总分{doc.total_score:g}）"  # nosemgrep: scc-text-composed-outside-translate
	unknown = set(scores) - {r.dimension for r in doc.scores}
	if unknown:
		frappe.throw(_("评审维度“{0}”不是本届大赛的评审维度").format("、".join(sorted(unknown))))
	for row in doc.scores:
		if row.dimension in scores:
			row.score = scores[row.dimension]
			row.entered = 1
	doc.check_scores(require_all=True)
	new = "；".join(f"{r.dimension}：{float(r.score):g}" for r in doc.scores) + f"（总分{doc.total_score:g}）"  # nosemgrep: scc-text-composed-outside-translate
	doc.append(
		"amendments",
		{"amended_by": frappe.session.user, "amended_on": edition_now(doc.contest), "old_scores": old, "new_scores": new,
		 "reason": reason.strip()},
	)
	doc.flags.amendment = True
	doc.save()
	return doc


def on_doctype_update():
	frappe.db.add_unique("Expert Review", ["project", "expert"], constraint_name=UNIQUE_INDEX)
	frappe.db.add_index("Expert Review", ["contest", "project", "status"])
	frappe.db.add_index("Expert Review", ["expert_user"])
