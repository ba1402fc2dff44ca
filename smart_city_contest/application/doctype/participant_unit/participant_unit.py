import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import flt

from smart_city_contest.errors import InvalidUscc, ServerManagedField, TextTooLong, throw_for_field
from smart_city_contest.permissions import edit_rights
from smart_city_contest.rules.project_workflow import APPLICANT, DRAFT
from smart_city_contest.rules.text_limits import UNIT_PROFILE_MAX, over_limit
from smart_city_contest.rules.uscc import normalise, uscc_problem

NON_NEGATIVE_MONEY = ("registered_capital", "total_assets", "revenue_previous_year", "revenue_current_year")
ENTERPRISE = "企业"


class ParticipantUnit(Document):
	def before_insert(self):
		if self.user and not is_city_bureau():
			throw_for_field(self, "user", _("由系统在登记时填写"), ServerManagedField)

	def after_insert(self):
		"""The applicant who registers a unit is tied to it: they see and fill only this unit."""
		if self.registers_for_applicant():
			self.db_set("user", frappe.session.user)

	def on_update(self):
		if self.flags.locked_correction:
			self.log_locked_correction()
		# The city bureau may also register a unit for an applicant account by setting `user`.
		if self.user and not frappe.db.exists(
			"User Permission", {"user": self.user, "allow": "Participant Unit", "for_value": self.name}
		):
			frappe.permissions.add_user_permission("Participant Unit", self.name, self.user, ignore_permissions=True)

	@staticmethod
	def registers_for_applicant() -> bool:
		return APPLICANT in frappe.get_roles() and not is_city_bureau()

	def validate(self):
		self.validate_district_change()
		self.validate_lock()
		self.validate_uscc()
		self.validate_text_limits()
		self.validate_money()
		self.validate_enterprise_nature()
		self.validate_name_change()

	def validate_district_change(self):
		before = self.get_doc_before_save()
		if before and self.user != before.user and not is_city_bureau():
			throw_for_field(self, "user", _("由系统在登记时填写，不能修改"), ServerManagedField)
		if before and before.district != self.district:
			submitted = frappe.db.get_value(
				"Contest Project", {"unit": self.name, "workflow_state": ("!=", DRAFT)}, "name"
			)
			if submitted:
				throw_for_field(
					self, "district",
					_("本单位的项目{0}已提交所在区县审核，不能再更改所在区县").format(submitted),
				)

	def validate_lock(self):
		"""Submitted means frozen: see permissions/edit_rights.py (the city's correction is logged)."""
		before = None if self.is_new() else self.get_doc_before_save()
		if before is None:
			return
		changed = edit_rights.unit_content_changes(self, before)
		if not changed:
			return
		locking = edit_rights.locking_project(self.name)
		if problem := edit_rights.unit_edit_problem(self, changed, locking, is_city_bureau()):
			frappe.throw(problem, frappe.PermissionError, title=_("不能修改"))
		if locking:
			self.flags.locked_correction = (locking, changed)

	def log_locked_correction(self):
		locking, changed = self.flags.locked_correction
		self.flags.locked_correction = None
		self.add_comment(
			"Info",
			_("{0}更正已锁定的参赛单位信息（项目{1}处于“{2}”状态）：{3}").format(
				frappe.session.user, locking["name"], locking["workflow_state"], edit_rights.labels(self, changed)
			),
		)

	def validate_uscc(self):
		self.uscc = normalise(self.uscc)
		if problem := uscc_problem(self.uscc):
			throw_for_field(self, "uscc", problem.message, exc=InvalidUscc)
		other = frappe.db.get_value("Participant Unit", {"uscc": self.uscc, "name": ("!=", self.name)}, "unit_name")
		if other:
			throw_for_field(
				self, "uscc", _("{0} 已由参赛单位“{1}”登记，同一单位不能重复登记").format(self.uscc, other),
				exc=frappe.DuplicateEntryError,
			)

	def validate_text_limits(self):
		if problem := over_limit(self.unit_profile, UNIT_PROFILE_MAX):
			throw_for_field(self, "unit_profile", problem, exc=TextTooLong)

	def validate_money(self):
		for fieldname in NON_NEGATIVE_MONEY:
			if flt(self.get(fieldname)) < 0:
				throw_for_field(self, fieldname, _("不能为负数（当前为{0}）").format(self.get(fieldname)))
		if self.debt_ratio is not None and not 0 <= flt(self.debt_ratio) <= 100:
			throw_for_field(self, "debt_ratio", _("须在0%到100%之间（当前为{0}%）").format(self.debt_ratio))

	def validate_enterprise_nature(self):
		if self.unit_category != ENTERPRISE:
			self.enterprise_nature = None
		elif not self.enterprise_nature:
			throw_for_field(self, "enterprise_nature", _("单位类型为企业时须选择国有、民营或三资"))

	def validate_name_change(self):
		if not self.name_changed:
			self.former_name = None
			return
		if not (self.former_name or "").strip():
			throw_for_field(self, "former_name", _("单位名称发生变更时须填写原单位名称"))
		if not self.name_change_proof:
			throw_for_field(self, "name_change_proof", _("单位名称发生变更时须上传工商注册变更登记材料"))


def is_city_bureau() -> bool:
	from smart_city_contest.permissions.visibility import user_scope

	return user_scope().everything


def on_doctype_update():
	frappe.db.add_index("Participant Unit", ["district"])
	# One unit per applicant account, held by the database (empty for units the city registers).
	frappe.db.add_unique("Participant Unit", ["user"], constraint_name="unique_unit_user")
