import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt, getdate

from smart_city_contest.application import one_project_per_unit
from smart_city_contest.district_review.project_flow import application_window_problem, edition_now
from smart_city_contest.documents import archive
from smart_city_contest.errors import (
	DeadlinePassed,
	IncompleteApplication,
	InvalidIndicator,
	NotYourUnit,
	ServerManagedField,
	TextTooLong,
	throw_for_field,
)
from smart_city_contest.permissions import edit_rights
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.rules import completeness, review_statuses
from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules.domains import DOMAINS
from smart_city_contest.rules.indicators import indicator_problem
from smart_city_contest.rules.text_limits import PROJECT_SUMMARY_MAX, over_limit

UNIT_DECLARATIONS = (
	"decl_local_entity",
	"decl_independent_legal_person",
	"decl_no_environmental_violation",
	"decl_no_safety_accident",
	"decl_not_dishonest",
)
PROJECT_DECLARATIONS = ("decl_implemented_in_city", "decl_completed")
REQUIRED_MATERIALS = ("completion_proof", "signed_pledge")
CHECKLIST = edit_rights.REVIEWER_FIELDS[:-1]


class ContestProject(Document):
	def validate(self):
		self.set_district_from_unit()
		if self.is_new():
			self.validate_new_application()
		else:
			archive.keep_archive_fields(self)
			self.validate_edit_rights()
		one_project_per_unit.check(self)
		self.validate_domains()
		self.validate_investment()
		self.validate_text_limits()
		self.validate_period()
		self.validate_indicators()
		if self.flags.transition:
			self.enter_next_state()

	# --- who may do what, when -----------------------------------------------------------------

	def validate_new_application(self):
		for fieldname in edit_rights.SERVER_FIELDS:
			if fieldname == "workflow_state":
				if self.workflow_state not in (None, "", wf.DRAFT):
					throw_for_field(self, fieldname, _("新申报的项目只能是“{0}”，状态须通过工作流办理").format(wf.DRAFT), ServerManagedField)
			elif self.get(fieldname):
				throw_for_field(self, fieldname, _("由系统填写，不能在申报时提交"), ServerManagedField)
		self.workflow_state = wf.DRAFT
		scope = user_scope()
		if not scope.everything and self.unit not in scope.units:
			throw_for_field(self, "unit", _("您只能为本单位申报项目，不能为“{0}”申报").format(self.unit), NotYourUnit)
		if self.contest and (problem := application_window_problem(self.contest)):
			throw_for_field(self, "contest", problem, DeadlinePassed)

	def validate_edit_rights(self):
		before = self.get_doc_before_save()
		changed = edit_rights.changed_fields(self, before)
		if not self.flags.transition:
			if "workflow_state" in changed:
				throw_for_field(
					self, "workflow_state",
					_("不能直接修改项目状态（从“{0}”改为“{1}”），请通过工作流操作办理").format(before.workflow_state, self.workflow_state),
					ServerManagedField,
				)
			server = [f for f in changed if f in edit_rights.SERVER_FIELDS]
			if server:
				throw_for_field(self, server[0], _("由系统填写，不能修改"), ServerManagedField)
		if "unit" in changed or "contest" in changed:
			throw_for_field(self, "unit" if "unit" in changed else "contest", _("申报后不能更换参赛单位或大赛届次"))
		if problem := edit_rights.content_edit_problem(self, changed, set(frappe.get_roles())):
			frappe.throw(problem, frappe.PermissionError, title=_("不能修改"))
		if problem := edit_rights.checklist_edit_problem(self, changed):
			frappe.throw(problem, frappe.PermissionError, title=_("不能修改"))

	def validate_workflow(self):
		"""Frappe's own check knows only the desk's transitions; the app's system moves are checked in project_flow."""
		if self.flags.transition and self.flags.transition in wf.SYSTEM_TRANSITIONS:
			return
		super().validate_workflow()

	def enter_next_state(self):
		transition: wf.Transition = self.flags.transition
		if transition.action in (wf.SUBMIT, wf.RESUBMIT):
			self.require_complete_application()
		if transition.action == wf.RECOMMEND:
			self.require_checklist()
		if transition.action == wf.FINISH_REVIEW:
			self.require_reviews_done()
		now = edition_now(self.contest)
		if transition.action == wf.SUBMIT:
			self.application_date = getdate(now)
			self.submitted_on = now
		if transition.action == wf.RESUBMIT:
			self.submitted_on = now
			for fieldname in CHECKLIST:
				self.set(fieldname, 0)
		if transition.needs_reason:
			self.review_reason = self.flags.transition_reason
		self.workflow_state = transition.next_state
		self.append(
			"state_log",
			{
				"from_state": transition.state,
				"action": transition.action,
				"to_state": transition.next_state,
				"user": frappe.session.user,
				"at": now,
				"reason": self.flags.transition_reason,
			},
		)

	def missing_pieces(self) -> list[str]:
		"""Every required part of the application still empty (rules/completeness.py), then the
		declarations and the two required files; [] when it may be submitted."""
		unit_fields = (*UNIT_DECLARATIONS, *(f for f, _l in completeness.UNIT_TEXT))
		unit = frappe.db.get_value("Participant Unit", self.unit, unit_fields, as_dict=True) or {}
		unit_meta = frappe.get_meta("Participant Unit")
		missing = completeness.missing_pieces(self.as_dict(), unit, [row.as_dict() for row in self.get("indicators") or []])
		missing += [_("参赛单位声明“{0}”").format(_(unit_meta.get_label(f))) for f in UNIT_DECLARATIONS if not unit.get(f)]
		missing += [_("项目声明“{0}”").format(_(self.meta.get_label(f))) for f in PROJECT_DECLARATIONS if not self.get(f)]
		missing += [f"“{self.meta.get_label(f)}”" for f in REQUIRED_MATERIALS if not self.get(f)]
		return missing

	def require_complete_application(self):
		missing = self.missing_pieces()
		if missing:
			frappe.throw(
				_("申报材料不完整，不能提交：{0}").format("；".join(missing)), IncompleteApplication, title=_("不能提交")
			)

	def require_checklist(self):
		missing = [f"“{self.meta.get_label(f)}”" for f in CHECKLIST if not self.get(f)]
		if missing:
			frappe.throw(
				_("资格与材料审核清单未全部确认，不能推荐：{0}").format("；".join(missing)),
				IncompleteApplication,
				title=_("不能推荐"),
			)

	def require_reviews_done(self):
		counts = dict(
			frappe.db.sql(
				"select status, count(*) from `tabExpert Review` where project=%s group by status", self.name
			)
		)
		if counts.get(review_statuses.PENDING):
			frappe.throw(
				_("还有{0}位专家未提交评分，不能结束评审").format(counts[review_statuses.PENDING]), IncompleteApplication, title=_("不能结束评审")
			)
		if not counts.get(review_statuses.SUBMITTED):
			frappe.throw(_("项目还没有专家提交评分，不能结束评审"), IncompleteApplication, title=_("不能结束评审"))

	def on_update(self):
		if self.flags.transition:
			from smart_city_contest.notifications import on_project_transition

			on_project_transition(self, self.flags.transition, self.flags.transition_reason)
			archive.on_transition(self, self.flags.transition)

	def on_trash(self):
		if self.workflow_state not in (None, "", wf.DRAFT):
			frappe.throw(_("项目已提交（当前状态“{0}”），不能删除").format(self.workflow_state), frappe.PermissionError)

	# --- the form's own rules ---------------------------------------------------------------------

	def set_district_from_unit(self):
		"""属地原则: the district is the unit's. A client that types another one is refused."""
		unit_district = frappe.db.get_value("Participant Unit", self.unit, "district") if self.unit else None
		stored = self.get_doc_before_save()
		typed = self.district if (stored is None or self.district != stored.district) else None
		if typed and typed != unit_district:
			throw_for_field(
				self, "district",
				_("所在区县取自参赛单位（{0}），不能填写为“{1}”").format(unit_district or _("未填写"), typed),
			)
		self.district = unit_district

	def validate_domains(self):
		if not any(self.get(fieldname) for fieldname, _label in DOMAINS):
			throw_for_field(self, "domain_industry", _("请至少选择一个涉及领域"))
		if self.domain_other and not (self.other_domain_name or "").strip():
			throw_for_field(self, "other_domain_name", _("涉及领域选择“其他”时须填写名称"))
		if not self.domain_other:
			self.other_domain_name = None

	def validate_investment(self):
		if flt(self.investment_amount) < 0:
			throw_for_field(self, "investment_amount", _("不能为负数（当前为{0}）").format(self.investment_amount))

	def validate_text_limits(self):
		if problem := over_limit(self.project_summary, PROJECT_SUMMARY_MAX):
			throw_for_field(self, "project_summary", problem, exc=TextTooLong)

	def validate_period(self):
		if self.period_start and self.period_end and getdate(self.period_end) < getdate(self.period_start):
			throw_for_field(self, "period_end", _("不能早于项目期限（起）{0}").format(self.period_start))

	def validate_indicators(self):
		for row in self.indicators:
			if problem := indicator_problem(row.level_1, row.level_2, row.level_1_other, row.level_2_other):
				throw_for_field(row, "level_2", problem, exc=InvalidIndicator, row_of=_("绩效指标"))
			if row.level_1 != "其他":
				row.level_1_other = None
			if row.level_2 != "其他":
				row.level_2_other = None

	@property
	def domain_labels(self) -> list[str]:
		"""The chosen 涉及领域 as the form prints them (其他 with its name)."""
		labels = []
		for fieldname, label in DOMAINS:
			if self.get(fieldname):
				labels.append(f"{label}（{self.other_domain_name}）" if fieldname == "domain_other" else label)
		return labels

	def db_insert(self, *args, **kwargs):
		"""Two requests racing past the check meet the unique index (application/one_project_per_unit.py)."""
		try:
			return super().db_insert(*args, **kwargs)
		except frappe.UniqueValidationError as e:
			one_project_per_unit.refuse_race(self, e)


def on_doctype_update():
	"""Indexes: 每个参赛单位只能申报1个项目 (application/one_project_per_unit.py) and the desk's lists."""
	one_project_per_unit.add_index()
	frappe.db.add_index("Contest Project", ["district", "contest"])
	frappe.db.add_index("Contest Project", ["unit"])
