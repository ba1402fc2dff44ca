"""The archived 申报书: the PDF of a submission, rendered once and served as a file afterwards.

At 提交 and 重新提交 the project's `on_update` enqueues `archive_submission` on the queue "long",
after the request's commit (a worker renders it in about a second; the submit request itself renders
nothing, so deadline day's submissions keep their latency). The job renders the 申报书 as the
submitting user (the same files and images as their own download) and saves it as a private File
attached to the project (field `archived_application`), owned by Administrator, made with
`frappe.flags.scc_system_file` (the File guard locks a submitted project's files to everyone else).
The project records the newest archive's URL and the moment the render began (`archived_on`).

An archive is the project's *current* one when the project is locked (not 草稿/退回修改) and the
archive was begun at or after the latest submission (`archived_on >= submitted_on`, both on the
edition's clock): a return and 重新提交 leaves the earlier archives on the project, and until the new
one exists the download renders live. Drafts and returned projects always render live.
"""

import contextlib
import os

import frappe
from frappe.utils import get_datetime

from smart_city_contest.rules.project_workflow import APPLICANT_EDITABLE, RESUBMIT, SUBMIT

PROJECT = "Contest Project"
FIELD = "archived_application"
ARCHIVE_FIELDS = (FIELD, "archived_on")
QUEUE = "long"


def is_current(project) -> bool:
	"""Whether the project's recorded archive is that of its latest submission (see the module doc)."""
	if not project.get(FIELD) or not project.get("archived_on") or not project.get("submitted_on"):
		return False
	if project.get("workflow_state") in (None, "", *APPLICANT_EDITABLE):
		return False
	return get_datetime(project.archived_on) >= get_datetime(project.submitted_on)


def current_archive_path(project) -> str | None:
	"""The local path of the project's current archived 申报书, or None (render live)."""
	if not is_current(project):
		return None
	url = project.get(FIELD) or ""
	if not url.startswith("/private/files/"):
		return None
	from frappe.utils import get_files_path

	from smart_city_contest.documents.sources import _inside

	path = get_files_path(*url[len("/private/files/") :].split("/"), is_private=True)
	return path if _inside(path, get_files_path(is_private=True)) and os.path.isfile(path) else None


def project_record(project: str):
	"""The project's own row (no child tables) as a document, for the permission rules and is_current."""
	rows = frappe.get_all(PROJECT, filters={"name": project}, fields=["*"], limit=1)
	if not rows:
		frappe.throw(frappe._("参赛项目{0}不存在").format(project), frappe.DoesNotExistError)
	return frappe.get_doc({"doctype": PROJECT, **rows[0]})


def read_current_archive(project) -> bytes | None:
	path = current_archive_path(project)
	if not path:
		return None
	with open(path, "rb") as f:
		return f.read()


# The submit path --------------------------------------------------------------------------------


def keep_archive_fields(doc):
	"""A desk form opened before the (newest) archive was made sends the archive fields empty or with
	an earlier archive of this project: the save keeps the stored values (ContestProject.validate, before
	the edit-rights check). Any other value is a change the edit-rights check refuses (SERVER_FIELDS)."""
	if doc.is_new():
		return
	stored = frappe.db.get_value(PROJECT, doc.name, list(ARCHIVE_FIELDS), as_dict=True)
	if not stored:
		return
	sent_url, sent_on = doc.get(FIELD), doc.get("archived_on")
	earlier = {f.file_url for f in archived_files(doc.name)}
	if sent_url and sent_url != stored.get(FIELD) and sent_url not in earlier:
		return
	if sent_on and (not stored.get("archived_on") or get_datetime(sent_on) > get_datetime(stored.archived_on)):
		return
	for fieldname in ARCHIVE_FIELDS:
		doc.set(fieldname, stored.get(fieldname))


def on_transition(doc, transition):
	"""ContestProject.on_update: after 提交/重新提交 is committed, a worker archives the 申报书."""
	if transition.action in (SUBMIT, RESUBMIT):
		frappe.enqueue(
			"smart_city_contest.documents.archive.archive_submission",
			queue=QUEUE,
			at_front=True,  # someone waits for it: ahead of maintenance jobs (search index rebuilds)
			timeout=600,
			enqueue_after_commit=True,
			project=doc.name,
		)


# The job ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def as_system():
	"""Files made here are the system's: owned by Administrator, past the File guard's user checks."""
	user = frappe.session.user
	frappe.flags.scc_system_file = True
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(user)
		frappe.flags.scc_system_file = False


def archive_submission(project: str) -> str | None:
	"""Render the project's submitted 申报书 and archive it (background job); the new File's URL, or
	None when there is nothing to archive (the project was returned meanwhile, or is archived)."""
	from smart_city_contest.district_review.project_flow import edition_now
	from smart_city_contest.documents.sources import application_pdf_for

	frappe.db.commit()  # start from what is committed (a background job); nosemgrep: frappe-manual-commit
	contest = frappe.db.get_value(PROJECT, project, "contest")
	if not contest:
		return None
	started = edition_now(contest).replace(tzinfo=None)
	doc = frappe.get_doc(PROJECT, project)
	if doc.workflow_state in APPLICANT_EDITABLE or not doc.submitted_on or is_current(doc):
		return None
	pdf = application_pdf_for(doc)
	url = save_archive(doc, pdf, started)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — the archive is kept before the job moves on
	return url


def save_archive(doc, pdf: bytes, started) -> str:
	stamp = get_datetime(started).strftime("%Y%m%d%H%M%S")
	with as_system():
		file_doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{doc.name}-申报书存档-{stamp}.pdf",
				"content": pdf,
				"is_private": 1,
				"attached_to_doctype": PROJECT,
				"attached_to_name": doc.name,
				"attached_to_field": FIELD,
			}
		)
		allow_large(file_doc)
		file_doc.insert(ignore_permissions=True)
	frappe.db.set_value(
		PROJECT, doc.name, {FIELD: file_doc.file_url, "archived_on": started}, update_modified=False
	)
	return file_doc.file_url


def allow_large(file_doc):
	"""The upload size limit is for what users upload; a document the system makes is kept whole."""
	file_doc.check_max_file_size = lambda: len(file_doc._content or b"")


def archived_files(project: str) -> list[dict]:
	"""Every archived 申报书 of the project, newest first."""
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": PROJECT, "attached_to_name": project, "attached_to_field": FIELD},
		fields=["name", "file_url", "creation", "file_size"],
		order_by="creation desc",
	)


def file_path(url: str) -> str | None:
	from smart_city_contest.documents.sources import local_file

	path, _name = local_file(url)
	return path if path and os.path.isfile(path) else None
