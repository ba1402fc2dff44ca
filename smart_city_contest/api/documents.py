"""Download the official documents.

GET/POST /api/method/smart_city_contest.api.documents.<endpoint>

- `application_pdf?project=PRJ-00001` — the whole 申报书 of a project as one PDF; needs print
  permission on the project. A submitted project's is the PDF archived at its (latest) submission;
  drafts and returned projects render live.
- `district_summary?contest=<edition>&district=<district>&format=pdf|xlsx` — the district's 推荐汇总表
  (附件2), A4 landscape PDF or XLSX: once filed, as filed (its items); before, a preview of its
  区县已推荐 projects marked 草稿预览（未报送）. The district's reviewers and the city bureau only, with
  read permission on every project listed.
- `city_summary?contest=<edition>&format=xlsx|pdf` — the city bureau only: a cover sheet 未报送区县
  naming the districts not filed yet, then one worksheet (or PDF section) per filed district.

`fill_date` (YYYY-MM-DD, optional) sets the 填表时间 of the summaries; by default it is the
district recommendation's, or left blank as on the paper.
"""

import frappe
from frappe import _

from smart_city_contest.documents import archive, sources, summary
from smart_city_contest.permissions.visibility import user_scope

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _send(content: bytes, filename: str, file_format: str) -> None:
	"""Frappe's file response: the Chinese file name goes out as UTF-8 bytes in filename="…",
	which browsers read as UTF-8."""
	response = frappe.local.response
	response.filename = filename
	response.filecontent = content
	if file_format == "pdf":
		response.type = "pdf"
	else:
		response.type = "download"
		response.content_type = XLSX_MIME
		response.display_content_as = "attachment"


def _format(value: str | None, default: str) -> str:
	value = (value or default).lower()
	if value not in ("pdf", "xlsx"):
		frappe.throw(_("不支持的文件格式“{0}”，可选：pdf、xlsx").format(value))
	return value


@frappe.whitelist()
def application_pdf(project: str):
	# The project's own row is enough to decide the permission (the rules read the stored scope) and
	# whether its archive is current; the whole document is loaded only to render.
	record = archive.project_record(project)
	if not frappe.has_permission("Contest Project", "print", record):
		frappe.throw(
			_("您没有打印参赛项目{0}的权限").format(project), frappe.PermissionError, title=_("没有权限")
		)
	# A submitted project's 申报书 is its archived PDF (documents/archive.py); drafts, returned
	# projects and a submission not yet archived render live (one 申报书 per request).
	pdf = archive.read_current_archive(record)
	if pdf is None:
		pdf = sources.application_pdf_for(frappe.get_doc("Contest Project", project))
	_send(pdf, f"{record.project_name or record.name}申报书.pdf", "pdf")  # nosemgrep: scc-text-composed-outside-translate — a document's file name, its official title


@frappe.whitelist()
def district_summary(contest: str, district: str, format: str = "pdf", fill_date: str | None = None):
	file_format = _format(format, "pdf")
	for doctype, name in (("Contest Edition", contest), ("Contest District", district)):
		if not frappe.db.exists(doctype, name):
			frappe.throw(_("{0}“{1}”不存在").format(_(doctype), name), frappe.DoesNotExistError)
	scope = user_scope()
	if not (scope.everything or district in scope.districts):
		frappe.throw(
			_("推荐汇总表只能由{0}的区县审核员或市局下载").format(district), frappe.PermissionError, title=_("没有权限")
		)
	sheet = sources.summary_sheet(contest, district, fill_date=fill_date)
	build = summary.build_summary_pdf if file_format == "pdf" else summary.build_summary_xlsx
	_send(build([sheet]), f"{district}推荐汇总表.{file_format}", file_format)  # nosemgrep: scc-text-composed-outside-translate — a document's file name, its official title


@frappe.whitelist()
def city_summary(contest: str, format: str = "xlsx", fill_date: str | None = None):
	file_format = _format(format, "xlsx")
	if not frappe.db.exists("Contest Edition", contest):
		frappe.throw(_("大赛届次“{0}”不存在").format(contest), frappe.DoesNotExistError)
	if not user_scope().everything:
		frappe.throw(_("全市推荐汇总表只能由市局下载"), frappe.PermissionError, title=_("没有权限"))
	cover, sheets = sources.city_summary_parts(contest, fill_date=fill_date)
	build = summary.build_summary_pdf if file_format == "pdf" else summary.build_summary_xlsx
	_send(build(sheets, cover), f"{contest}全市推荐汇总表.{file_format}", file_format)  # nosemgrep: scc-text-composed-outside-translate — a document's file name, its official title
