"""Reads the DocTypes for the document builders: the only module of documents/ that needs a site.

- `application_context_for(project)`: the 申报书's context (application.application_context) from a
  Contest Project, its Participant Unit, Contest District and Contest Edition, with its files.
- `summary_sheet(contest, district, projects)`: one district's 推荐汇总表 (summary.Sheet): once filed
  (报送), from its District Recommendation's items; before, a draft preview of its 区县已推荐
  projects; refusing projects the user may not read.
- `city_summary_parts(contest)`: the city's workbook, filed districts only, with a cover naming
  the districts not filed yet.
- `district_projects(contest, district)`: which projects a district's table lists.
- `scc_print_context(doc, part)`: the same contexts for Frappe's print view (a Jinja method).
"""

import os
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import get_files_path

from smart_city_contest.documents import application, summary
from smart_city_contest.documents import formatting as fmt
from smart_city_contest.documents.attachments import Attachment, RenderTimeout, inspect
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.rules import upload_limits
from smart_city_contest.rules.domains import DOMAINS
from smart_city_contest.rules.project_workflow import RECOMMENDED

PROJECT = "Contest Project"
UNIT = "Participant Unit"
DISTRICT = "Contest District"
EDITION = "Contest Edition"
RECOMMENDATION = "District Recommendation"
RECOMMENDATION_ITEM = "District Recommendation Item"
RECOMMENDATION_ITEM_FIELDS = (
	"project", "project_name", "city_funded", "investor_name", "unit_name", "uscc", "category",
	"investment_amount", "contact_name", "contact_phones",
)

UNIT_FIELDS = ("name", "unit_name", "uscc", "contact_name", "contact_phone", "contact_mobile")


# Files --------------------------------------------------------------------------------------------


def _inside(path: str, folder: str) -> bool:
	path, folder = os.path.realpath(path), os.path.realpath(folder)
	return path == folder or path.startswith(folder + os.sep)


def local_file(file_url: str | None) -> tuple[str | None, str]:
	"""(local path or None, file name) of a site file URL, only inside the site's files folders."""
	if not file_url:
		return None, ""
	file_name = frappe.db.get_value("File", {"file_url": file_url}, "file_name") or os.path.basename(file_url)
	url = file_url.split("?")[0]
	for prefix, private in (("/private/files/", True), ("/files/", False)):
		if url.startswith(prefix):
			path = get_files_path(*url[len(prefix) :].split("/"), is_private=private)
			root = get_files_path(is_private=private)
			if _inside(path, root) and os.path.isfile(path):
				return os.path.abspath(path), file_name
	return None, file_name


def rich_text_resolver(allowed_private: set[str]):
	"""Maps /files/… and, when attached to the project or its unit, /private/files/… to local paths."""

	def resolve(url: str) -> str | None:
		if url.startswith("/private/files/") and url not in allowed_private:
			file_name = frappe.db.get_value("File", {"file_url": url}, "name")
			if not file_name or not frappe.has_permission("File", "read", frappe.get_doc("File", file_name)):
				return None
		path, _name = local_file(url)
		return path

	return resolve


def _attachment(
	key: str, label: str, title: str, file_url: str, group: str | None, description: str = "",
	own: frozenset[str] | None = None,
) -> Attachment:
	if own is not None and file_url not in own:
		# not a file of this application: never bound into it, nor its record read (shown as missing)
		path, file_name = None, os.path.basename(file_url or "")
	else:
		path, file_name = local_file(file_url)
	return inspect(Attachment(key, label, title, file_name, path, group=group, description=description))


def own_file_urls(project, unit) -> frozenset[str]:
	"""URLs of the files uploaded to this project or to its unit: the only files its 申报书 binds."""
	targets = [(PROJECT, project.name)] + ([(UNIT, unit.name)] if unit else [])
	urls = set()
	for doctype, name in targets:
		urls.update(frappe.get_all("File", filters={"attached_to_doctype": doctype, "attached_to_name": name}, pluck="file_url"))
	return frozenset(u for u in urls if u)


def project_files(project, unit) -> tuple[list[Attachment], Attachment | None]:
	"""The uploaded files in the order they are bound, and the name-change proof (part 五)."""
	own = own_file_urls(project, unit)
	entries = []
	if project.completion_proof:
		entries.append(("项目实施完成证明材料", project.completion_proof, "proof", ""))
	if project.signed_pledge:
		entries.append(("申报材料真实性承诺书（盖章扫描件）", project.signed_pledge, None, ""))
	for row in project.get("attachments") or []:
		if row.file:
			title = row.attachment_type or "其他"
			if row.description:
				title = f"{title}：{row.description}"
			group = application.ATTACHMENT_TYPE_GROUP.get(row.attachment_type, "other")
			entries.append((title, row.file, group, row.description or ""))
	files = [
		_attachment(f"att-{i}", f"附件{i}", title, url, group, description, own)
		for i, (title, url, group, description) in enumerate(entries, start=1)
	]
	proof = None
	if unit and unit.get("name_changed") and unit.get("name_change_proof"):
		proof = _attachment("att-name-change", "五", "工商注册变更登记材料", unit.name_change_proof, None, own=own)
	bound_pages = sum(len(a.page_sizes) if a.kind == "pdf" else 1 for a in (*files, proof) if a and a.included)
	if problem := upload_limits.pages_problem(bound_pages):
		frappe.throw(problem, title=_("附件过多"))
	return files, proof


# 申报书 ------------------------------------------------------------------------------------------


def application_context_for(project) -> dict:
	"""The 申报书's context for a Contest Project (name or document)."""
	doc = frappe.get_doc(PROJECT, project) if isinstance(project, str) else project
	unit = frappe.get_doc(UNIT, doc.unit) if doc.unit else None
	district = (
		frappe.db.get_value(DISTRICT, doc.district, ["district_name", "bureau_name"], as_dict=True) or {}
	)
	edition = frappe.db.get_value(EDITION, doc.contest, ["title", "year"], as_dict=True) or {}
	files, proof = project_files(doc, unit)
	return application.application_context(
		doc.as_dict(),
		unit.as_dict() if unit else {},
		district,
		edition,
		[row.as_dict() for row in doc.get("indicators") or []],
		files,
		proof,
	)


def application_pdf_for(doc) -> bytes:
	ctx = application_context_for(doc)
	allowed_private = {
		url
		for url in frappe.get_all(
			"File", filters={"attached_to_doctype": PROJECT, "attached_to_name": doc.name}, pluck="file_url"
		)
		if url and url.startswith("/private/files/")
	}
	try:
		return application.build_application_pdf(ctx, resolve_site_url=rich_text_resolver(allowed_private))
	except RenderTimeout:
		frappe.throw(
			_("生成申报书超时：附件页数过多或文件过大，请精简附件后重试"), frappe.ValidationError, title=_("生成超时")
		)


# 推荐汇总表 ---------------------------------------------------------------------------------------


def recommendation_for(contest: str, district: str):
	"""The district's District Recommendation for the edition (submitted first), if that DocType exists."""
	if not frappe.db.table_exists(RECOMMENDATION):
		return None
	name = frappe.db.get_value(
		RECOMMENDATION,
		{"contest": contest, "district": district, "docstatus": ("<", 2)},
		"name",
		order_by="docstatus desc, modified desc",
	)
	if not name:
		return None
	# Read as plain rows, not a Document: a city workbook reads every district's items (10,000 rows
	# cost a second as Documents); the items' own columns are all a table prints.
	header = frappe.db.get_value(
		RECOMMENDATION, name, ["name", "docstatus", "bureau_name", "fill_date", "submitted_on"], as_dict=True
	)
	items = frappe.get_all(
		RECOMMENDATION_ITEM,
		filters={"parent": name, "parenttype": RECOMMENDATION, "parentfield": "items"},
		fields=["idx", *RECOMMENDATION_ITEM_FIELDS],
		order_by="idx asc",
	)
	return RecommendationRows(items=items, **header)


@dataclass
class RecommendationRows:
	"""A District Recommendation as a table prints it: its header and its items, plain rows."""

	name: str
	docstatus: int
	bureau_name: str | None
	fill_date: object
	submitted_on: object
	items: list

	def get(self, field: str):
		return getattr(self, field, None)


def is_filed(recommendation) -> bool:
	return recommendation is not None and recommendation.docstatus == 1


def district_projects(contest: str, district: str, recommendation=None) -> list[str]:
	"""The projects the district's table lists, in its order: a filed District Recommendation's items;
	before filing, only 区县已推荐 projects: a draft recommendation's items still recommended (what it
	would file), or without one every 区县已推荐 project of the district."""
	listed = [row.project for row in sorted(recommendation.items, key=lambda r: r.idx) if row.project] if recommendation else []
	if is_filed(recommendation):
		return listed
	recommended = frappe.get_all(
		PROJECT,
		filters={"contest": contest, "district": district, "workflow_state": RECOMMENDED},
		order_by="submitted_on asc, name asc",
		pluck="name",
	)
	if listed:
		return [p for p in listed if p in set(recommended)]
	return recommended


def filed_rows(recommendation) -> list[dict]:
	"""The table's rows as the district filed them: the items' own columns (District Recommendation
	Item, filled from the project and its unit at 报送), never the live records."""
	rows = []
	for i, item in enumerate(sorted(recommendation.items, key=lambda r: r.idx), start=1):
		amount = item.investment_amount
		rows.append(
			{
				"index": i,
				"project_name": fmt.text(item.project_name),
				"city_funded": fmt.text(item.city_funded),
				"investor_name": fmt.text(item.investor_name),
				"unit_name": fmt.text(item.unit_name),
				"uscc": fmt.text(item.uscc),
				"category": fmt.text(item.category),
				"investment_amount": None if fmt.is_blank(amount) else round(float(amount), 2),
				"contact_name": fmt.text(item.contact_name),
				"phones": fmt.phones(*(item.contact_phones or "").split(" / ")),
			}
		)
	return rows


# What a 推荐汇总表 row reads of a project (summary.summary_row, application.domain_labels).
SUMMARY_FIELDS = (
	"name", "unit", "unit_name", "project_name", "city_funded", "investor_name", "investment_amount",
	"other_domain_name", *(field for field, _label in DOMAINS),
)


def readable_projects(names: list[str], fields=SUMMARY_FIELDS) -> list[dict]:
	"""The projects' records (`fields`) in the order of `names`; PermissionError (in Chinese) for any the
	user may not read."""
	if not names:
		return []
	records = {r.name: r for r in frappe.get_all(PROJECT, filters={"name": ("in", names)}, fields=list(fields))}
	missing = [n for n in names if n not in records]
	if missing:
		frappe.throw(_("参赛项目不存在：{0}").format("、".join(missing)), frappe.DoesNotExistError)
	if user_scope().everything:
		denied = []  # the city bureau reads every project
	else:
		# One query through the list path's rules (role, user permissions, the app's query conditions),
		# which the isolation tests hold equal to the single-record rules, instead of one check per row.
		readable = set(frappe.get_list(PROJECT, filters={"name": ("in", names)}, pluck="name", limit_page_length=0))
		denied = [n for n in names if n not in readable]
	if denied:
		frappe.throw(
			_("您没有查看以下参赛项目的权限，不能生成推荐汇总表：{0}").format("、".join(denied)),
			frappe.PermissionError,
			title=_("没有权限"),
		)
	return [records[n] for n in names]


def summary_sheet(
	contest: str, district: str, projects: list[str] | None = None, fill_date=None
) -> summary.Sheet:
	"""One district's 推荐汇总表 for the edition. Filed (报送): printed from the filed items. Before
	filing: a draft preview of its 区县已推荐 projects. `projects` prints those live, in that order."""
	recommendation = recommendation_for(contest, district) if projects is None else None
	names = projects if projects is not None else district_projects(contest, district, recommendation)
	return _sheet(contest, district, names, recommendation, fill_date)


def _sheet(contest: str, district: str, names: list[str], recommendation, fill_date) -> summary.Sheet:
	# the reader's permission, on every listed project (a filed table prints its items: names suffice)
	records = readable_projects(names, ("name",) if is_filed(recommendation) else SUMMARY_FIELDS)
	if is_filed(recommendation):
		rows = filed_rows(recommendation)
	else:
		units = {
			u.name: u
			for u in frappe.get_all(
				UNIT, filters={"name": ("in", list({r.unit for r in records}))}, fields=list(UNIT_FIELDS)
			)
		}
		rows = [
			summary.summary_row(i, r, units.get(r.unit) or {}, application.domain_labels(r))
			for i, r in enumerate(records, start=1)
		]
	bureau = frappe.db.get_value(DISTRICT, district, "bureau_name") or ""
	if is_filed(recommendation):
		bureau = recommendation.get("bureau_name") or bureau
		fill_date = fill_date or recommendation.get("fill_date") or recommendation.get("submitted_on")
	year = frappe.db.get_value(EDITION, contest, "year")
	return summary.Sheet(
		district, bureau, fill_date, rows, int(year) if year else None, draft=not is_filed(recommendation)
	)


def city_summary_parts(contest: str, fill_date=None) -> tuple[summary.Cover, list[summary.Sheet]]:
	"""The city's workbook: a sheet for every district that has filed (报送) its 推荐汇总表, in the
	districts' order, and a cover naming the enabled districts that have not filed yet."""
	districts = frappe.get_all(
		DISTRICT, filters={"enabled": 1}, fields=["name", "bureau_name"], order_by="sort_order asc, name asc"
	)
	counts = {}
	for district, state, n in frappe.get_all(
		PROJECT,
		filters={"contest": contest},
		fields=["district", "workflow_state", "count(name) as n"],
		group_by="district, workflow_state",
		as_list=True,
	):
		counts.setdefault(district, {})[state] = n
	sheets, unfiled = [], []
	for d in districts:
		recommendation = recommendation_for(contest, d.name)
		if is_filed(recommendation):
			names = district_projects(contest, d.name, recommendation)
			sheets.append(_sheet(contest, d.name, names, recommendation, fill_date))
			continue
		by_state = counts.get(d.name, {})
		unfiled.append(
			{
				"district": d.name,
				"bureau_name": d.bureau_name or "",
				"status": "推荐汇总表草稿（未报送）" if recommendation is not None else "未创建推荐汇总表",
				"projects": sum(by_state.values()),
				"recommended": by_state.get(RECOMMENDED, 0),
			}
		)
	return summary.Cover(unfiled), sheets


def latest_edition() -> str | None:
	return frappe.db.get_value(EDITION, {}, "name", order_by="year desc, creation desc")


# Print view --------------------------------------------------------------------------------------


def scc_print_context(doc, part: str) -> dict:
	"""The context of a print_formats/ template in Frappe's print view (a Jinja method, see hooks.py)."""
	if not (
		frappe.has_permission(doc.doctype, "read", doc) or frappe.has_permission(doc.doctype, "print", doc)
	):
		frappe.throw(_("您没有查看{0}的权限").format(doc.name), frappe.PermissionError)
	if part == "summary":
		contest = frappe.form_dict.get("contest") or latest_edition()
		sheets = (
			[summary_sheet(contest, doc.name)]
			if contest
			else [summary.Sheet(doc.name, doc.get("bureau_name") or "")]
		)
		return summary.summary_context(sheets)
	return application_context_for(doc)
