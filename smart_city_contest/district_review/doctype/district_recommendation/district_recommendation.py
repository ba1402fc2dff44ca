"""推荐汇总表: a district's formal filing (报送) of its recommended projects to the city bureau."""

import frappe
from frappe import _
from frappe.model.document import Document

from smart_city_contest.district_review.project_flow import (
	apply_system_transition,
	edition_now,
	recommendation_deadline,
	recommendation_window_problem,
)
from smart_city_contest.errors import (
	DeadlinePassed,
	IncompleteApplication,
	ServerManagedField,
	throw_for_field,
)
from smart_city_contest.rules.project_workflow import FILE_TO_CITY, RECOMMENDED

UNIQUE_INDEX = "unique_recommendation_contest_district"


class DistrictRecommendation(Document):
	def validate(self):
		self.keep_district_and_edition()
		self.validate_one_per_district()
		if not self.items:
			self.fill_with_recommended_projects()
		self.validate_items()
		self.deadline = recommendation_deadline(self.contest, self.district)
		self.refuse_client_dates()

	def keep_district_and_edition(self):
		"""A summary belongs to one district and edition for good; a new one is made for another."""
		before = None if self.is_new() else self.get_doc_before_save()
		for fieldname in ("district", "contest"):
			if before and self.get(fieldname) != before.get(fieldname):
				throw_for_field(self, fieldname, _("推荐汇总表创建后不能更改（原为“{0}”）").format(before.get(fieldname)))

	def refuse_client_dates(self):
		"""报送时间, 报送人 and 填表时间 are the server's record of the filing, never the client's."""
		before = self.get_doc_before_save()
		for fieldname in ("submitted_on", "submitted_by", "fill_date"):
			sent, stored = self.get(fieldname), before.get(fieldname) if before else None
			if sent and str(sent) != str(stored or ""):
				throw_for_field(self, fieldname, _("由系统在报送时记录，不能填写"), ServerManagedField)

	def validate_one_per_district(self):
		existing = frappe.db.get_value(
			"District Recommendation",
			{"contest": self.contest, "district": self.district, "name": ("!=", self.name), "docstatus": ("<", 2)},
			"name",
		)
		if existing:
			throw_for_field(
				self, "district", _("{0}在本届已有推荐汇总表{1}，每个区县每届只报送一份").format(self.district, existing),
				frappe.DuplicateEntryError,
			)

	def recommended_projects(self) -> list[str]:
		return frappe.get_all(
			"Contest Project",
			filters={"contest": self.contest, "district": self.district, "workflow_state": RECOMMENDED},
			order_by="submitted_on asc, name asc",
			pluck="name",
		)

	def fill_with_recommended_projects(self):
		for project in self.recommended_projects():
			self.append("items", {"project": project})

	def validate_items(self):
		seen = set()
		for row in self.items:
			project = frappe.db.get_value(
				"Contest Project",
				row.project,
				["name", "contest", "district", "workflow_state", "project_name", "city_funded", "investor_name",
				 "unit", "unit_name", "investment_amount"],
				as_dict=True,
			)
			label = _("推荐项目第{0}行").format(row.idx)
			if not project:
				frappe.throw(_("{0}：项目{1}不存在").format(label, row.project))
			if row.project in seen:
				frappe.throw(_("{0}：项目{1}重复列入").format(label, row.project))
			seen.add(row.project)
			if project.contest != self.contest or project.district != self.district:
				frappe.throw(_("{0}：项目{1}不属于{2}本届申报项目").format(label, row.project, self.district))
			if self.docstatus == 0 and project.workflow_state != RECOMMENDED:
				frappe.throw(
					_("{0}：项目{1}当前为“{2}”，只有“{3}”的项目可以列入推荐汇总表").format(
						label, row.project, project.workflow_state, RECOMMENDED
					)
				)
			self.fill_row(row, project)
		self.project_count = len(self.items)

	@staticmethod
	def fill_row(row, project):
		"""The ten columns of 附件2, taken from the project and its unit (never typed)."""
		from smart_city_contest.rules.domains import DOMAINS

		unit = frappe.db.get_value(
			"Participant Unit", project.unit, ["uscc", "contact_name", "contact_phone", "contact_mobile"], as_dict=True
		)
		domains = frappe.db.get_value(
			"Contest Project", project.name, [f for f, _l in DOMAINS] + ["other_domain_name"], as_dict=True
		)
		row.update(
			{
				"project_name": project.project_name,
				"city_funded": project.city_funded,
				"investor_name": project.investor_name,
				"unit_name": project.unit_name,
				"uscc": unit.uscc,
				"category": "、".join(
					f"{label}（{domains.other_domain_name}）" if f == "domain_other" else label
					for f, label in DOMAINS
					if domains.get(f)
				),
				"investment_amount": project.investment_amount,
				"contact_name": unit.contact_name,
				"contact_phones": " / ".join(p for p in (unit.contact_phone, unit.contact_mobile) if p),
			}
		)

	def before_submit(self):
		if problem := recommendation_window_problem(self.contest, self.district):
			frappe.throw(problem, DeadlinePassed, title=_("不能报送"))
		if not self.items:
			frappe.throw(_("推荐汇总表中没有项目，不能报送"), title=_("不能报送"))
		if not self.stamped_summary:
			throw_for_field(
				self, "stamped_summary",
				_("未上传，不能报送。请下载推荐汇总表，加盖推荐单位公章后扫描上传（PDF）"),
				IncompleteApplication,
			)
		listed = {row.project for row in self.items}
		left_out = [p for p in self.recommended_projects() if p not in listed]
		if left_out:
			frappe.throw(
				_("以下已推荐项目未列入推荐汇总表：{0}。请列入，或先撤销推荐").format("、".join(left_out)),
				title=_("不能报送"),
			)
		now = edition_now(self.contest)
		self.submitted_on = now
		self.fill_date = now.date()
		self.submitted_by = frappe.session.user

	def on_submit(self):
		"""报送: every listed project is received by the city bureau and locked."""
		for row in self.items:
			apply_system_transition(row.project, FILE_TO_CITY, reason=_("随推荐汇总表{0}报送").format(self.name))
		from smart_city_contest.notifications import on_recommendation_filed

		on_recommendation_filed(self)

	def before_cancel(self):
		frappe.throw(_("推荐汇总表报送后不能撤回；如需更正，请联系市工业和信息化局"), frappe.PermissionError)


def on_doctype_update():
	frappe.db.add_unique("District Recommendation", ["contest", "district"], constraint_name=UNIQUE_INDEX)
