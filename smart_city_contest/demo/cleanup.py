"""Remove the demo data: the demo editions and everything of theirs, the demo accounts and their units
and expert profiles, and the uploaded files.

The workflow's records are made to stay (a filed 推荐汇总表 cannot be withdrawn, a submitted review
cannot be cancelled, a submitted project cannot be deleted), so their rows are deleted directly, with
their child tables and the site's records about them (versions, comments, workflow actions,
notifications, queued e-mails). Accounts go through Frappe (delete_doc), which also removes their
passwords, permissions and settings. All of it is one transaction; the uploaded files leave the disk
after it is committed. Data that is not the demo's is never touched: the removal refuses to run when
a demo unit or expert takes part in another edition.
"""

from collections.abc import Callable

import frappe
from frappe import _
from frappe.core.doctype.file.utils import delete_file

from smart_city_contest.demo.builder import EDITION_SUFFIX, demo_editions, demo_users
from smart_city_contest.demo.content import DOMAIN

# Parents deleted by name, in an order that leaves no dangling link behind.
CONTEST_DOCTYPES = (
	"Award Follow Up",
	"Expert Review",
	"Notice Objection",
	"District Recommendation",
	"District Deadline Extension",
	"Contest Project",
)
# Site records that point at a document by (doctype column, name column).
REFERENCES = (
	("Version", "ref_doctype", "docname"),
	("Comment", "reference_doctype", "reference_name"),
	("Workflow Action", "reference_doctype", "reference_name"),
	("ToDo", "reference_type", "reference_name"),
	("DocShare", "share_doctype", "share_name"),
	("Notification Log", "document_type", "document_name"),
	("Email Queue", "reference_doctype", "reference_name"),
	("Document Follow", "ref_doctype", "ref_docname"),
	("Tag Link", "document_type", "document_name"),
)


def _where(
	doctype: str, field: str, values: list[str], filters: dict | None = None, fields: list[str] | None = None
):
	"""Documents of `doctype` whose `field` is one of `values` (none when `values` is empty): their names,
	or rows of `fields`."""
	if not values:
		return []
	filters = {**(filters or {}), field: ("in", values)}
	if fields:
		return frappe.get_all(doctype, filters=filters, fields=fields)
	return frappe.get_all(doctype, filters=filters, pluck="name")


def _delete_rows(doctype: str, names: list[str], references: bool = True):
	"""Delete documents of `doctype` with their child rows (and the site's records about them),
	bypassing the controllers."""
	if not names:
		return
	for df in frappe.get_meta(doctype).get_table_fields():
		frappe.db.delete(df.options, {"parenttype": doctype, "parent": ("in", names)})
	frappe.db.delete(doctype, {"name": ("in", names)})
	if not references:
		return
	for table, doctype_column, name_column in REFERENCES:
		if frappe.db.exists("DocType", table):
			referring = frappe.get_all(
				table, filters={doctype_column: doctype, name_column: ("in", names)}, pluck="name"
			)
			_delete_rows(table, referring, references=False)


def remove(log: Callable[[str], None] = print) -> dict:
	"""Remove every demo edition and every demo account with what belongs to them; the counts removed."""
	frappe.set_user("Administrator")
	editions = demo_editions()
	users = demo_users()
	units = _where("Participant Unit", "user", users)
	experts = _where("Review Expert", "user", users)

	foreign = [
		p
		for p in _where("Contest Project", "unit", units, fields=["name", "contest"])
		if p.contest not in editions
	] + [
		r
		for r in _where("Expert Review", "expert", experts, fields=["name", "contest"])
		if r.contest not in editions
	]
	if foreign:
		frappe.throw(
			_("演示单位或演示专家已参与其他届次（{0}），为免误删，未删除任何数据").format(
				"、".join(f.name for f in foreign[:10])
			),
			title=_("不能删除演示数据"),
		)

	names = {dt: _where(dt, "contest", editions) for dt in CONTEST_DOCTYPES}
	projects = names["Contest Project"]
	files = _where(
		"File", "attached_to_name", projects, {"attached_to_doctype": "Contest Project"}, ["name", "file_url"]
	) + _where(
		"File", "attached_to_name", units, {"attached_to_doctype": "Participant Unit"}, ["name", "file_url"]
	) + _where(
		"File", "attached_to_name", names["District Recommendation"], {"attached_to_doctype": "District Recommendation"},
		["name", "file_url"],
	)  # the stamped 推荐汇总表 scans

	_delete_rows("File", [f.name for f in files])
	for doctype in CONTEST_DOCTYPES:
		_delete_rows(doctype, names[doctype])
	_delete_rows("Contest Edition", editions)
	_delete_rows("Review Expert", experts)
	_delete_rows("Participant Unit", units)
	# Notifications to the demo accounts about anything else (the app notifies on each workflow step).
	_delete_rows("Notification Log", _where("Notification Log", "for_user", users), references=False)
	for user in users:
		frappe.delete_doc("User", user, ignore_permissions=True, delete_permanently=True)
	contacts = frappe.get_all("Contact", filters={"email_id": ("like", f"%@{DOMAIN}")}, pluck="name")
	for contact in contacts:
		frappe.delete_doc("Contact", contact, ignore_permissions=True, delete_permanently=True)
	frappe.db.commit()
	# The files on disk go once the rows are gone for good (and only when no other File row uses them).
	for url in {f.file_url for f in files if f.file_url}:
		if not frappe.db.exists("File", {"file_url": url}):
			delete_file(url)
	frappe.clear_cache()

	counts = {
		"editions": len(editions),
		"projects": len(projects),
		"units": len(units),
		"experts": len(experts),
		"users": len(users),
		"files": len(files),
	}
	if any(counts.values()):
		log(
			f"已删除演示数据：届次 {counts['editions']} 个（{'、'.join(editions) or '无'}），项目 {counts['projects']} 个，"
			f"参赛单位 {counts['units']} 个，评审专家 {counts['experts']} 名，账号 {counts['users']} 个，附件 {counts['files']} 个"
		)
	else:
		log(f"没有需要删除的演示数据（届次名称以“{EDITION_SUFFIX}”结尾、账号为 @{DOMAIN}）")
	return counts
