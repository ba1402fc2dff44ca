"""Uploaded files bound into the 申报书: PDFs page by page, images each on an A4 page.

In the HTML an uploaded PDF page is a placeholder page (its page number in a thin strip at the
foot, its anchor and bookmark); after WeasyPrint has written the PDF, `merge_pdf_pages` draws the
uploaded page under the placeholder, scaled to fit the sheet above the strip. So page numbers, the
目录's page references and the outline stay WeasyPrint's own, and every page of the result is A4.
"""

import io
import os
import time
from dataclasses import dataclass, field
from urllib.parse import quote

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import DecodedStreamObject

PDF_EXTENSIONS = (".pdf",)
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp")

A4 = (595.276, 841.89)  # points
FOOT_STRIP = 12 / 25.4 * 72  # the page-number strip of an attachment page, 12 mm


@dataclass
class Attachment:
	key: str  # anchor id in the document, e.g. "att-3"
	label: str  # how the 目录 names it, e.g. "附件3"
	title: str  # what it is, e.g. "项目实施完成证明材料"
	file_name: str
	path: str | None = None  # local file, None when it could not be found
	kind: str = "other"  # pdf | image | other | missing | unreadable
	group: str | None = None  # which list of 六、相关附件 it belongs to
	description: str = ""
	page_sizes: list[tuple[float, float]] = field(default_factory=list)  # (w, h) of a PDF's pages

	@property
	def included(self) -> bool:
		return self.kind in ("pdf", "image")

	@property
	def src(self) -> str:
		"""The file as a URL for the renderer (which reads only the files it is given)."""
		return "file://" + quote(self.path or "")

	@property
	def note(self) -> str:
		"""Why a listed file is not bound into the PDF (printed in the 目录)."""
		return {
			"other": "非PDF或图片文件，另行提交",
			"missing": "文件缺失",
			"unreadable": "文件无法读取",
		}.get(self.kind, "")

	@property
	def pages(self) -> list[dict]:
		"""Placeholder pages for a PDF: [{"index": 0, "landscape": False}, ...]."""
		return [{"index": i, "landscape": w > h} for i, (w, h) in enumerate(self.page_sizes)]


def kind_of(file_name: str) -> str:
	ext = os.path.splitext(file_name or "")[1].lower()
	if ext in PDF_EXTENSIONS:
		return "pdf"
	if ext in IMAGE_EXTENSIONS:
		return "image"
	return "other"


def inspect(attachment: Attachment) -> Attachment:
	"""Fill in `kind` and, for a PDF, its page sizes, from the file itself."""
	if not attachment.path or not os.path.isfile(attachment.path):
		attachment.kind = "missing"
		return attachment
	attachment.kind = kind_of(attachment.file_name or attachment.path)
	if attachment.kind == "pdf":
		try:
			reader = _open_pdf(attachment.path)
			attachment.page_sizes = [_page_size(p) for p in reader.pages]
			if not attachment.page_sizes:
				attachment.kind = "unreadable"
		except Exception:
			attachment.kind = "unreadable"
	elif attachment.kind == "image":
		try:
			from PIL import Image

			with Image.open(attachment.path) as im:
				im.verify()
		except Exception:
			attachment.kind = "unreadable"
	return attachment


def _open_pdf(path: str) -> PdfReader:
	reader = PdfReader(path)
	if reader.is_encrypted:
		reader.decrypt("")  # scanned files are sometimes "protected" with an empty password
	return reader


def _page_size(page) -> tuple[float, float]:
	box = page.cropbox
	w, h = float(box.width), float(box.height)
	if (page.get("/Rotate") or 0) % 180:
		w, h = h, w
	return (w, h)


def fit_transformation(
	src_w: float, src_h: float, dst_w: float, dst_h: float, bottom: float
) -> Transformation:
	"""Scale a (src_w x src_h) page to fit the sheet above the foot strip, centred, never enlarged."""
	avail_h = dst_h - bottom
	scale = min(dst_w / src_w, avail_h / src_h, 1.0)
	x = (dst_w - src_w * scale) / 2
	y = bottom + (avail_h - src_h * scale) / 2
	return Transformation().scale(scale, scale).translate(x, y)


def _end_with_newline(page) -> None:
	"""WeasyPrint ends a content stream with "Q" and no newline; pypdf appends its own "Q" when it
	merges under a page, and "QQ" is not an operator. Give the stream its newline first."""
	contents = page.get_contents()
	data = contents.get_data() if contents is not None else b""
	if data and not data.endswith((b"\n", b" ")):
		stream = DecodedStreamObject()
		stream.set_data(data + b"\n")
		page.replace_contents(stream)


class RenderTimeout(Exception):
	"""A render ran past its deadline (see rules/upload_limits.MAX_RENDER_SECONDS)."""


def check_deadline(deadline: float | None) -> None:
	if deadline is not None and time.monotonic() > deadline:
		raise RenderTimeout("the render ran past its deadline")  # documents/sources.py tells the user, in Chinese


def merge_pdf_pages(pdf: bytes, placements: list[tuple[int, str, int]], deadline: float | None = None) -> bytes:
	"""Draw page `n` of the PDF file `path` under page `i` of `pdf`, for each (i, path, n).

	The outline, links and metadata of `pdf` are kept (the writer is cloned from it). Past
	`deadline` (time.monotonic()), RenderTimeout."""
	check_deadline(deadline)
	if not placements:
		return pdf
	writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
	readers: dict[str, PdfReader] = {}
	for i, path, n in placements:
		check_deadline(deadline)
		reader = readers.get(path) or readers.setdefault(path, _open_pdf(path))
		source = reader.pages[n]
		if (source.get("/Rotate") or 0) % 360:
			source.transfer_rotation_to_content()
		box = source.cropbox
		target = writer.pages[i]
		_end_with_newline(target)
		tw, th = float(target.mediabox.width), float(target.mediabox.height)
		move = Transformation().translate(-float(box.left), -float(box.bottom))
		fit = fit_transformation(float(box.width), float(box.height), tw, th, FOOT_STRIP)
		target.merge_transformed_page(source, move.transform(fit), over=False)
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()
