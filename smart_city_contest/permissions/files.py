"""A file answers to the document it is attached to.

Frappe lets any desk user list the File records of every DocType their role can read, lets the
owner of a File record download whatever its URL names (so a File made by hand with another
unit's `/private/files/…` URL hands out that unit's scan), and creates such a record by itself
for any URL written into an Attach field. For the application's documents (the DocTypes whose
visibility `permissions.visibility` decides) this module holds instead:

- lists and single records: a File attached to one of them is visible only to who may read it
  (`file_query`, `file_permission`);
- a new File either brings its own content or names a URL of a File the user may already read;
  nobody mints a record for somebody else's file (`GuardedFile.before_insert`);
- Attach fields of the application accept only this site's files that belong to the document
  (uploaded to it, or by the user and not yet attached anywhere) (`attach_field_problems`);
- a file of a locked application (submitted and beyond) is neither added, removed, detached,
  re-pointed nor made public, so what the district received stays what it received;
- an upload to an application's document is private, whatever the client asked;
- size, count and type limits for the application's uploads (`rules/upload_limits.py`).
"""

import os

import frappe
from frappe import _
from frappe.core.doctype.file.file import File

from smart_city_contest.permissions import visibility
from smart_city_contest.rules import upload_limits
from smart_city_contest.rules.project_workflow import APPLICANT_EDITABLE

PROJECT = "Contest Project"
UNIT = "Participant Unit"
# The application's DocTypes whose files follow their document; each has a visibility rule.
GOVERNED = tuple(visibility.QUERY_CONDITIONS)
# Attach fields of the application's documents, and of their child rows.
ATTACH_FIELDS = {
	PROJECT: ("completion_proof", "signed_pledge", "stamped_application"),
	UNIT: ("name_change_proof",),
	"District Recommendation": ("stamped_summary",),
}
# The one Attach field a locked application still takes: the 申报书 scan stamped after submission
# (who may set it: permissions/edit_rights.py).
AFTER_LOCK_FIELDS = ("stamped_application",)
CHILD_ATTACH_FIELDS = {PROJECT: (("attachments", "file"),)}


def _trusted() -> bool:
	return bool(
		frappe.session.user == "Administrator"
		or frappe.flags.in_install
		or frappe.flags.in_migrate
		or frappe.flags.in_patch
		or frappe.flags.scc_system_file
	)


# Visibility -----------------------------------------------------------------------------------


def file_query(user=None, doctype=None):
	return visibility.reference_query("File", "attached_to_doctype", "attached_to_name", user)


def file_permission(doc, ptype=None, user=None, debug=False):
	"""Deny (False) a File of an application document the user may not read (write, for changes);
	otherwise say nothing (None) and let Frappe's own File rule decide."""
	if doc.attached_to_doctype not in GOVERNED or not doc.attached_to_name:
		return None
	if ptype == "create" and doc.is_new() and str(doc.attached_to_name).startswith("new-"):
		return None  # an upload from a form not yet saved; attach_field_problems checks it on save
	try:
		target = frappe.get_doc(doc.attached_to_doctype, doc.attached_to_name)
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return False
	needed = "read" if ptype in (None, "read", "select", "print", "email", "export", "report") else "write"
	return None if target.has_permission(needed, user=user) else False


# The File controller --------------------------------------------------------------------------


def _readable_file_with_url(url: str) -> bool:
	for name in frappe.get_all("File", filters={"file_url": url}, pluck="name"):
		if frappe.has_permission("File", "read", doc=frappe.get_doc("File", name)):
			return True
	return False


def _locked_state(doctype: str | None, name: str | None) -> str | None:
	if doctype != PROJECT or not name:
		return None
	state = frappe.db.get_value(PROJECT, name, "workflow_state")
	return state if state and state not in APPLICANT_EDITABLE else None


def locked_projects_using(url: str) -> list[str]:
	"""Locked applications whose fields or attachment rows name this file URL."""
	if not url:
		return []
	named = frappe.get_all(
		PROJECT,
		or_filters={"completion_proof": url, "signed_pledge": url},
		filters={"workflow_state": ("not in", APPLICANT_EDITABLE)},
		pluck="name",
	)
	rows = frappe.get_all(
		"Contest Project Attachment", filters={"file": url, "parenttype": PROJECT}, pluck="parent",
	)
	if rows:
		named += frappe.get_all(PROJECT, filters={"name": ("in", rows), "workflow_state": ("not in", APPLICANT_EDITABLE)}, pluck="name")
	return sorted(set(named))


def _is_archive(file_doc) -> bool:
	"""An archived 申报书 (documents/archive.py): kept, every version, whatever the project's state."""
	return file_doc.attached_to_doctype == PROJECT and file_doc.attached_to_field == "archived_application"


def _refuse(message: str, exc=frappe.PermissionError):
	frappe.throw(message, exc, title=_("不能上传或修改附件"))


def _keep_as_filed(file_doc, verb: str) -> None:
	"""Refuse to `verb` (移动或修改 / 删除) an archived 申报书 or a file of a locked application."""
	if _is_archive(file_doc):
		_refuse(_("存档的申报书由系统保存，不能{0}").format(verb))
	if state := _locked_state(file_doc.attached_to_doctype, file_doc.attached_to_name):
		_refuse(_("项目处于“{0}”状态，申报材料已锁定，附件不能{1}").format(state, verb))
	if locked := locked_projects_using(file_doc.file_url):
		_refuse(_("该文件是已锁定申报材料（{0}）的一部分，不能{1}").format("、".join(locked), verb))


def _the_units_own(project: str) -> bool:
	"""The session user is the project's unit (or the city bureau)."""
	scope = visibility.user_scope()
	return scope.everything or frappe.db.get_value(PROJECT, project, "unit") in scope.units


def _decoded_head(content: str, base64_encoded) -> bytes:
	if base64_encoded:
		import base64

		try:
			return base64.b64decode(content.split(",", 1)[-1][:88])
		except ValueError:
			return b""
	return content[:64].encode()


def _stored_head(url: str) -> bytes:
	"""The first bytes of this site's file at `url` (b"" when there is none)."""
	name = frappe.db.get_value("File", {"file_url": url}, "name")
	if not name:
		return b""
	try:
		with open(frappe.get_doc("File", name).get_full_path(), "rb") as f:
			return f.read(64)
	except OSError:
		return b""


class GuardedFile(File):
	"""Frappe's File with the rules above (hooks: override_doctype_class)."""

	def before_insert(self):
		if not self.is_folder and not _trusted():
			self.guard_new_file()
		super().before_insert()
		if not self.is_folder and not _trusted() and self.attached_to_doctype in GOVERNED:
			if problem := upload_limits.size_problem(int(self.file_size or 0)):
				_refuse(problem, frappe.ValidationError)

	def guard_new_file(self):
		if _is_archive(self):
			_refuse(_("存档的申报书由系统生成，不能上传"))
		governed = self.attached_to_doctype in GOVERNED
		if governed:
			state = _locked_state(self.attached_to_doctype, self.attached_to_name)
			if state and self.attached_to_field not in AFTER_LOCK_FIELDS:
				_refuse(_("项目处于“{0}”状态，申报材料已锁定，不能上传附件").format(state))
			if state and not _the_units_own(self.attached_to_name):
				_refuse(_("盖章申报书扫描件只能由本项目的参赛单位上传"))
			if (self.attached_to_doctype, self.attached_to_field) in upload_limits.PDF_ONLY_FIELDS or state:
				content = self.get("content") or b""
				head = content[:64] if isinstance(content, bytes) else _decoded_head(content, self.get("decode"))
				if problem := upload_limits.pdf_problem(self.file_name or self.file_url or "", head):
					_refuse(_("附件“{0}”：{1}").format(self.file_name, problem), frappe.ValidationError)
			if self.file_url and (problem := upload_limits.site_file_url_problem(self.file_url)):
				_refuse(_("附件“{0}”：{1}").format(self.file_name or self.file_url, problem), frappe.ValidationError)
			extension = os.path.splitext(self.file_name or self.file_url or "")[1].lower()
			if extension and extension not in upload_limits.ALLOWED_EXTENSIONS:
				_refuse(
					_("附件“{0}”：不支持“{1}”类型的文件，可上传 PDF、图片、Office 文档或压缩包").format(self.file_name, extension),
					frappe.ValidationError,
				)
			content = self.get("content")
			if content:
				self.is_private = 1  # an application's files are never public (/files/… is served to anyone)
				size = len(content) * 3 // 4 if self.get("decode") else len(content)
				if problem := upload_limits.size_problem(size):
					_refuse(_("附件“{0}”：{1}").format(self.file_name, problem), frappe.ValidationError)
			if self.attached_to_name and not str(self.attached_to_name).startswith("new-"):
				count = frappe.db.count(
					"File", {"attached_to_doctype": self.attached_to_doctype, "attached_to_name": self.attached_to_name}
				)
				if problem := upload_limits.count_problem(count):
					_refuse(problem, frappe.ValidationError)
		if self.get("content") or not self.file_url or self.file_url.startswith(("http://", "https://")):
			return  # the caller brings the bytes (a remote URL is only a link; Frappe never fetches it)
		# A record for a file already on this site: only for who may already read that file.
		if not _readable_file_with_url(self.file_url):
			_refuse(_("不能引用其他用户的文件“{0}”，请上传文件本身").format(self.file_url))

	def validate(self):
		if not self.is_new() and not self.is_folder and not _trusted():
			before = self.get_doc_before_save()
			moved = [f for f in ("attached_to_doctype", "attached_to_name", "attached_to_field", "file_url", "is_private")
				if before and str(before.get(f) or "") != str(self.get(f) or "")]
			if moved:
				_keep_as_filed(before, _("移动或修改"))
				if self.attached_to_doctype in GOVERNED and self.attached_to_name and before.attached_to_name != self.attached_to_name:
					target = frappe.get_doc(self.attached_to_doctype, self.attached_to_name)
					if not target.has_permission("write"):
						_refuse(_("您不能把文件关联到{0} {1}").format(_(self.attached_to_doctype), self.attached_to_name))
		super().validate()

	def on_trash(self):
		if not self.is_folder and not _trusted():
			_keep_as_filed(self, _("删除"))
		super().on_trash()


# Attach fields of the application's documents --------------------------------------------------


def _belongs(url: str, doc) -> bool:
	"""The file was uploaded to this document, or by this user and is not attached elsewhere."""
	user = frappe.session.user
	for f in frappe.get_all(
		"File", filters={"file_url": url}, fields=["owner", "attached_to_doctype", "attached_to_name"]
	):
		if f.attached_to_doctype == doc.doctype and f.attached_to_name == doc.name:
			return True
		if f.owner == user and (not f.attached_to_name or (f.attached_to_doctype == doc.doctype and str(f.attached_to_name).startswith("new-"))):
			return True
		if doc.doctype == PROJECT and f.attached_to_doctype == UNIT and f.attached_to_name == doc.unit:
			return True
	return False


def attach_field_problems(doc) -> list[tuple[str, str, int | None]]:
	"""(fieldname, problem, row idx or None) for Attach values that are foreign URLs, paths or files
	of someone else. Only values this save changes are checked."""
	before = None if doc.is_new() else doc.get_doc_before_save()
	problems = []
	for fieldname in ATTACH_FIELDS.get(doc.doctype, ()):
		value = doc.get(fieldname)
		if (doc.doctype, fieldname) in upload_limits.PDF_ONLY_FIELDS and value and value != (before.get(fieldname) if before else None):
			if not upload_limits.site_file_url_problem(value) and (problem := upload_limits.pdf_problem(value, _stored_head(value))):
				problems.append((fieldname, problem, None))
	if problems or _trusted() or visibility.user_scope().everything:
		return problems

	def check(fieldname, value, old, idx=None):
		if not value or value == old:
			return
		problem = upload_limits.site_file_url_problem(value)
		if not problem and not _belongs(value, doc):
			problem = _("文件不属于本单位或本项目，请重新上传")
		if problem:
			problems.append((fieldname, problem, idx))

	for fieldname in ATTACH_FIELDS.get(doc.doctype, ()):
		check(fieldname, doc.get(fieldname), before.get(fieldname) if before else None)
	for table, fieldname in CHILD_ATTACH_FIELDS.get(doc.doctype, ()):
		old = {row.name: row.get(fieldname) for row in (before.get(table) if before else [])}
		for row in doc.get(table) or []:
			check(fieldname, row.get(fieldname), old.get(row.name), row.idx)
	return problems


def validate_attach_fields(doc, method=None):
	"""doc_events validate of the application's documents."""
	from smart_city_contest.errors import throw_for_field

	for fieldname, problem, idx in attach_field_problems(doc):
		if idx is None:
			throw_for_field(doc, fieldname, problem)
		row = next(r for r in doc.get(CHILD_ATTACH_FIELDS[doc.doctype][0][0]) if r.idx == idx)
		throw_for_field(row, fieldname, problem, row_of=_(doc.meta.get_field(CHILD_ATTACH_FIELDS[doc.doctype][0][0]).label))


def attach_referenced_files(doc, method=None):
	"""doc_events on_update: a file named in an Attach field or an attachment row, and not yet attached
	anywhere, is attached to this document (Frappe does so for the document's own Attach fields only),
	so that it answers to this document and is bound into its 申报书. attach_field_problems has made
	sure that such a file is the user's own."""
	named = [(fieldname, doc.get(fieldname)) for fieldname in ATTACH_FIELDS.get(doc.doctype, ())]
	for table, fieldname in CHILD_ATTACH_FIELDS.get(doc.doctype, ()):
		named += [(table, row.get(fieldname)) for row in doc.get(table) or []]
	for fieldname, url in named:
		if not url or upload_limits.site_file_url_problem(url):
			continue
		for name in frappe.get_all("File", filters={"file_url": url, "attached_to_name": ("is", "not set")}, pluck="name"):
			frappe.db.set_value(
				"File", name,
				{"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "attached_to_field": fieldname},
				update_modified=False,
			)
