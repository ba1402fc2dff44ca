"""Heavy documents on the background workers (RQ, queue "long"): batches of 申报书 as one ZIP with a
contents list (目录), and the city's 推荐汇总表 PDF.

A batch is split into parts of PART_SIZE projects, each its own job, so that every worker of the
queue renders at once (100 申报书 on 2 workers take half the time of one). Each part writes its PDFs
(the archived PDF of a submitted project, else a live render) and one entry file per project into the
batch's folder under the site's private folder (`private/scc-batches/<id>/`, with the batch's
description; not the Redis cache, which every clear_cache empties) and publishes the progress to the
user's desk; the part that finds every entry written (and claims the assembly, an exclusive file
creation) assembles the ZIP, saves it as a private File,
and alerts the user (Notification Log, linked to the file). The jobs run as the user who started
them: every project is checked for print permission again, and the files the 申报书 binds are those
the user's own download binds.

Where the result is kept:
- the city bureau's results (every 申报书 of an edition, the city's summary PDF) are private Files
  owned by who asked, attached to no document: Frappe lets only their owner (and Administrator) read
  them. Not the Contest Edition: every signed-in user reads the edition, and Frappe lets whoever reads
  a file's document read the file;
- an expert's 评审材料包 is a private File attached to his Review Expert record, which only he and the
  city bureau read (permissions/visibility.py).
"""

import io
import json
import os
import re
import shutil
import zipfile

import frappe
from frappe import _
from frappe.utils import get_site_path, now_datetime

from smart_city_contest.documents import archive

PROJECT = "Contest Project"
QUEUE = "long"
PART_SIZE = 10
JOB_TIMEOUT = 3600
PDF_FORMAT = "smart_city_contest.documents.batches"


def _folder(batch_id: str) -> str:
	return get_site_path("private", "scc-batches", batch_id)


def _safe(text: str, limit: int = 60) -> str:
	text = re.sub(r'[\\/:*?"<>|\s]+', "_", str(text or "")).strip("._")
	return text[:limit] or "未命名"


# Starting -------------------------------------------------------------------------------------


def start_batch(title: str, zip_name: str, projects: list[str], attach_to: tuple[str, str] | None = None) -> dict:
	"""Enqueue the parts of a batch of 申报书 (in the order of `projects`); {"job_id", "total", "parts"}."""
	batch_id = frappe.generate_hash(length=16)
	meta = {
		"title": title,
		"zip_name": zip_name,
		"projects": projects,
		"attach_to": list(attach_to) if attach_to else None,
		"user": frappe.session.user,
		"started": str(now_datetime()),
	}
	# The batch's state lives in its folder (the site's Redis cache is emptied by every clear_cache)
	os.makedirs(_folder(batch_id), exist_ok=True)
	with open(os.path.join(_folder(batch_id), "batch.json"), "w", encoding="utf-8") as f:
		json.dump(meta, f, ensure_ascii=False)
	parts = [projects[i : i + PART_SIZE] for i in range(0, len(projects), PART_SIZE)] or [[]]
	for number, part in enumerate(parts):
		frappe.enqueue(
			"smart_city_contest.documents.batches.render_part",
			queue=QUEUE,
			at_front=True,  # someone waits for it: ahead of maintenance jobs (search index rebuilds)
			timeout=JOB_TIMEOUT,
			job_id=f"scc-batch-{batch_id}-{number}",
			batch_id=batch_id,
			first=number * PART_SIZE,
			projects=part,
		)
	frappe.publish_progress(0, title=title, description=_("已排队，共{0}份申报书").format(len(projects)))
	return {"job_id": batch_id, "total": len(projects), "parts": len(parts)}


def _meta(batch_id: str) -> dict:
	path = os.path.join(_folder(batch_id), "batch.json")
	if not os.path.isfile(path):
		frappe.throw(_("批量任务{0}已过期或不存在").format(batch_id))
	with open(path, encoding="utf-8") as f:
		return json.load(f)


def _done(folder: str) -> int:
	"""How many of the batch's projects are done (each part writes one entry file per project)."""
	return sum(1 for name in os.listdir(folder) if name.endswith(".entry.json"))


def _claim(folder: str) -> bool:
	"""Exactly one part assembles: the one that creates the claim file first."""
	try:
		os.close(os.open(os.path.join(folder, "assembling"), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
		return True
	except FileExistsError:
		return False


# A part -----------------------------------------------------------------------------------------


def render_part(batch_id: str, first: int, projects: list[str]):
	"""Job: render (or take the archived) 申报书 of `projects`; the last part to finish assembles."""
	meta = _meta(batch_id)
	total = len(meta["projects"])
	folder = _folder(batch_id)
	for offset, name in enumerate(projects):
		seq = first + offset + 1
		entry = render_one(name, seq, folder)
		partial = os.path.join(folder, f"{seq:04d}.tmp")
		with open(partial, "w", encoding="utf-8") as f:
			json.dump(entry, f, ensure_ascii=False)
		os.replace(partial, os.path.join(folder, f"{seq:04d}.entry.json"))  # counted only when whole
		frappe.db.rollback()  # nothing to keep; reads start afresh for the next project
		done = _done(folder)
		frappe.publish_progress(
			done * 100 / max(total, 1) * 0.98,
			title=meta["title"],
			description=_("已生成{0}/{1}份申报书").format(done, total),
		)
	if _done(folder) >= total and _claim(folder):
		assemble(batch_id, meta)


def render_one(name: str, seq: int, folder: str) -> dict:
	"""One project's 申报书 into `folder`; its line of the 目录 (with the error, if it failed)."""
	entry = {"seq": seq, "project": name}
	try:
		doc = frappe.get_doc(PROJECT, name)
		entry.update(
			project_name=doc.project_name or "",
			unit_name=doc.unit_name or "",
			district=doc.district or "",
			state=doc.workflow_state or "",
		)
		if not frappe.has_permission(PROJECT, "print", doc):
			raise frappe.PermissionError(_("没有打印该项目的权限"))
		pdf = archive.read_current_archive(doc)
		entry["source"] = "提交时存档" if pdf else "实时生成"
		if pdf is None:
			from smart_city_contest.documents.sources import application_pdf_for

			pdf = application_pdf_for(doc)
		entry["file"] = f"{seq:03d}_{_safe(doc.district, 10)}_{_safe(doc.name, 20)}_{_safe(doc.project_name)}.pdf"
		with open(os.path.join(folder, entry["file"]), "wb") as f:
			f.write(pdf)
		entry["pages"] = _page_count(pdf)
	except Exception as e:
		frappe.clear_last_message()
		entry["error"] = _strip(str(e)) or type(e).__name__
		frappe.log_error(title=f"批量生成申报书失败：{name}")
	return entry


def _strip(text: str) -> str:
	return re.sub(r"<[^>]+>", "", text).strip()


def _page_count(pdf: bytes) -> int | None:
	try:
		from pypdf import PdfReader

		return len(PdfReader(io.BytesIO(pdf)).pages)
	except Exception:
		return None


# Assembling -------------------------------------------------------------------------------------

CONTENTS_HEADERS = ("序号", "项目编号", "项目名称", "参赛单位", "所在区县", "项目状态", "来源", "页数", "文件名")


def contents_rows(entries: list[dict]) -> list[list]:
	return [
		[
			e["seq"], e["project"], e.get("project_name", ""), e.get("unit_name", ""), e.get("district", ""),
			e.get("state", ""), e.get("source", "") if not e.get("error") else f"生成失败：{e['error']}",
			e.get("pages") or "", e.get("file", ""),
		]
		for e in entries
	]


def contents_txt(title: str, entries: list[dict]) -> str:
	lines = [title, f"生成时间：{now_datetime():%Y-%m-%d %H:%M}", f"共{len(entries)}个项目", ""]
	lines.append("\t".join(CONTENTS_HEADERS))
	lines += ["\t".join(str(v) for v in row) for row in contents_rows(entries)]
	return "\r\n".join(lines) + "\r\n"


def contents_xlsx(title: str, entries: list[dict]) -> bytes:
	from openpyxl import Workbook
	from openpyxl.styles import Font

	book = Workbook()
	sheet = book.active
	sheet.title = "目录"
	sheet.append([title])
	sheet["A1"].font = Font(bold=True, size=14)
	sheet.append(CONTENTS_HEADERS)
	for cell in sheet[2]:
		cell.font = Font(bold=True)
	for row in contents_rows(entries):
		sheet.append(row)
	for column, width in zip("ABCDEFGHI", (6, 12, 40, 36, 10, 18, 12, 6, 60), strict=True):
		sheet.column_dimensions[column].width = width
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def assemble(batch_id: str, meta: dict):
	folder = _folder(batch_id)
	entries = []
	for file_name in sorted(os.listdir(folder)):
		if file_name.endswith(".entry.json"):
			with open(os.path.join(folder, file_name), encoding="utf-8") as f:
				entries.append(json.load(f))
	entries.sort(key=lambda e: e["seq"])
	out = io.BytesIO()
	with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
		z.writestr("目录.txt", contents_txt(meta["title"], entries).encode("utf-8-sig"))
		z.writestr("目录.xlsx", contents_xlsx(meta["title"], entries))
		for e in entries:
			if e.get("file"):
				# PDFs are compressed already: stored as they are
				z.write(os.path.join(folder, e["file"]), e["file"], compress_type=zipfile.ZIP_STORED)
	failed = [e for e in entries if e.get("error")]
	description = _("共{0}份申报书").format(len(entries) - len(failed))
	if failed:
		description += _("，{0}份生成失败（见目录）").format(len(failed))
	deliver(meta, out.getvalue(), meta["zip_name"], description)
	shutil.rmtree(folder, ignore_errors=True)


def deliver(meta: dict, content: bytes, file_name: str, description: str) -> str:
	"""Save the result as a private File of the user (attached as the batch says), alert the user in
	the desk with the link, and show 100 % in the progress bar; the File's URL."""
	attach_to = meta.get("attach_to")
	frappe.flags.scc_system_file = True
	try:
		file_doc = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": file_name,
				"content": content,
				"is_private": 1,
				**(
					{"attached_to_doctype": attach_to[0], "attached_to_name": attach_to[1]}
					if attach_to
					else {}
				),
			}
		)
		archive.allow_large(file_doc)
		file_doc.insert(ignore_permissions=True)
	finally:
		frappe.flags.scc_system_file = False
	notification = frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": meta["user"],
			"from_user": meta["user"],
			"type": "Alert",
			"subject": _("{0}已生成：{1}").format(meta["title"], description),
			"email_content": _("文件：{0}").format(file_doc.file_name),
			"document_type": "File",
			"document_name": file_doc.name,
			"link": file_doc.file_url,
		}
	)
	notification.insert(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — the notification is visible before the realtime event below
	frappe.publish_progress(
		100, title=meta["title"], description=_("已完成：{0}").format(description)
	)
	frappe.publish_realtime(
		"scc_document_ready",
		{"title": meta["title"], "file_url": file_doc.file_url, "file_name": file_doc.file_name},
		user=meta["user"],
	)
	return file_doc.file_url


# The city's 推荐汇总表 PDF ------------------------------------------------------------------------


def city_summary_pdf(contest: str, title: str, fill_date: str | None = None):
	"""Job: every district's 推荐汇总表 of the edition as one PDF, delivered like a batch."""
	from smart_city_contest.documents import sources, summary

	frappe.publish_progress(5, title=title, description=_("正在读取各区县推荐汇总表"))
	cover, sheets = sources.city_summary_parts(contest, fill_date=fill_date)
	frappe.publish_progress(30, title=title, description=_("正在生成PDF（{0}个区县）").format(len(sheets)))
	pdf = summary.build_summary_pdf(sheets, cover)
	meta = {"title": title, "user": frappe.session.user, "attach_to": None}
	deliver(meta, pdf, f"{_safe(contest)}全市推荐汇总表.pdf", _("{0}个区县").format(len(sheets)))
