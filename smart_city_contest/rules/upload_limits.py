"""Limits that keep one user from exhausting the workers or the disk with uploads and renders.

Pure values and checks (no Frappe): the File guard and the document builders apply them.
"""

import re

# One uploaded file attached to an application (Contest Project, Participant Unit): a stamped scan
# of a few dozen pages is 5–15 MB; 20 MB leaves room and stops a 1 GB upload.
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
# Files attached to one application: the plan asks for a handful (proof, pledge, certificates,
# screenshots, patents, contracts); 30 is generous.
MAX_ATTACHMENTS_PER_DOCUMENT = 30
# Pages of uploaded PDFs and images bound into one 申报书.
MAX_BOUND_PAGES = 300
# Seconds one 申报书 render may take before it is abandoned with a message.
MAX_RENDER_SECONDS = 90

# A site file URL the app accepts in an Attach field: /files/<name> or /private/files/<name>, one
# path segment, no scheme, no traversal, no query.
_SITE_FILE_URL = re.compile(r"^/(private/)?files/[^/\\?#]+$")
ALLOWED_EXTENSIONS = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".doc", ".docx", ".xls", ".xlsx", ".ofd", ".txt"})


# Attach fields that take a stamped scan as one PDF (the 申报书 with the units' seals, the 推荐汇总表
# with the bureau's): (DocType, fieldname).
PDF_ONLY_FIELDS = frozenset({("Contest Project", "stamped_application"), ("District Recommendation", "stamped_summary")})


def pdf_problem(file_name: str, head: bytes) -> str | None:
	"""Why a stamped scan is not a PDF (by its name and its first bytes), or None."""
	if not (file_name or "").lower().endswith(".pdf") or not head.lstrip()[:5] == b"%PDF-":
		return "盖章扫描件只能上传 PDF 文件"
	return None


def site_file_url_problem(url: str) -> str | None:
	"""Why `url` cannot be an application's attachment, or None."""
	if not url:
		return None
	if "://" in url or url.startswith("//"):
		return "只能上传本站文件，不能填写外部链接"
	if ".." in url or not _SITE_FILE_URL.match(url):
		return "文件地址无效，请通过“上传”重新选择文件"
	return None


def size_problem(size: int) -> str | None:
	if size > MAX_ATTACHMENT_BYTES:
		return f"文件大小 {size / 1024 / 1024:.1f} MB 超过上限 {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB，请压缩或拆分后上传"
	return None


def count_problem(existing: int) -> str | None:
	if existing >= MAX_ATTACHMENTS_PER_DOCUMENT:
		return f"附件数量已达上限（{MAX_ATTACHMENTS_PER_DOCUMENT} 个），请删除不需要的附件后再上传"
	return None


def pages_problem(pages: int) -> str | None:
	if pages > MAX_BOUND_PAGES:
		return f"附件共 {pages} 页，超过申报书可装订的上限 {MAX_BOUND_PAGES} 页，请精简附件"
	return None
