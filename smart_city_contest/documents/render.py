"""HTML to PDF with WeasyPrint (Frappe v15 pins 59.0), reading nothing but what it is allowed to.

The renderer never goes to the network. It may read: the font files of `fonts`, the local files
listed in `allowed_files` (attachments), inline data: URLs, and the site's own /files/ and
/private/files/ URLs that the caller's `resolve_site_url` maps to a local path (images in the
report's rich text). Anything else an applicant's HTML could point at is refused.
"""

import os
import threading
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlparse

import weasyprint
from weasyprint.text.fonts import FontConfiguration

from smart_city_contest.documents import fonts

# Relative URLs in rich text ("/files/x.png") are resolved against this; it is never fetched.
SITE_BASE_URL = "http://site.invalid/"

# Photos are placed at no more than this resolution (scanned pages stay readable, PDFs stay small).
IMAGE_DPI = 200


class BlockedResource(ValueError):
	pass


def make_url_fetcher(
	allowed_files: Iterable[str], resolve_site_url: Callable[[str], str | None] | None = None
):
	allowed = {os.path.realpath(p) for p in (*allowed_files, *fonts.font_files())}

	def fetch(url: str, timeout=10, ssl_context=None):
		if url.startswith("data:"):
			return weasyprint.default_url_fetcher(url)
		if url.startswith("file://"):
			path = os.path.realpath(unquote(urlparse(url).path))
			if path in allowed:
				return weasyprint.default_url_fetcher(f"file://{path}")
			raise BlockedResource(f"not an allowed file: {url}")
		if url.startswith(SITE_BASE_URL) and resolve_site_url:
			path = resolve_site_url("/" + unquote(url[len(SITE_BASE_URL) :]).split("?")[0])
			if path:
				return weasyprint.default_url_fetcher(f"file://{os.path.realpath(path)}")
		raise BlockedResource(f"not fetched: {url}")

	return fetch


# Pango and fontconfig are not safe to drive from several threads at once, and gunicorn's gthread
# workers run requests in threads: one render at a time per process.
_RENDER_LOCK = threading.Lock()


def render_pdf(html: str, allowed_files: Iterable[str] = (), resolve_site_url=None):
	"""Lay out `html` and write it: (WeasyPrint Document with its pages and anchors, PDF bytes)."""
	with _RENDER_LOCK:
		document = weasyprint.HTML(
			string=html,
			base_url=SITE_BASE_URL,
			url_fetcher=make_url_fetcher(allowed_files, resolve_site_url),
		).render(font_config=FontConfiguration())
		return document, document.write_pdf(dpi=IMAGE_DPI, jpeg_quality=90)


def html_to_pdf(html: str, allowed_files: Iterable[str] = (), resolve_site_url=None) -> bytes:
	return render_pdf(html, allowed_files, resolve_site_url)[1]
