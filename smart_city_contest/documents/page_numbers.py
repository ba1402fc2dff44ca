"""The 申报书's page numbers, and the page numbers its 目录 (申报材料目录) gives for each part.

WeasyPrint lays out the whole 申报书 as one document, so it numbers the pages and knows where each
part starts; nothing here counts pages by hand:

- Every page but the cover carries "— N —" at its foot: the `@page` rules of print_formats/_base.css
  (`counter(page)`; the cover's named page has no footer).
- Each line of the 目录 links to its part's anchor, and `target-counter(attr(href), page)` in
  print_formats/cover.html prints the page that anchor fell on.
- An uploaded PDF's pages are bound in as placeholder pages (print_formats/attachments.html: an anchor,
  a bookmark, the page-number strip), so they are counted and listed like any other page;
  `placeholder_pages` below finds where WeasyPrint put each one, and documents/attachments.py
  (`merge_pdf_pages`) draws the uploaded page onto it after rendering.
"""

from collections.abc import Sequence

from smart_city_contest.documents.attachments import Attachment


def placeholder_anchor(attachment_key: str, page_index: int) -> str:
	"""The anchor of an uploaded page's placeholder (print_formats/attachments.html writes the same)."""
	return f"ph-{attachment_key}-{page_index}"


def placeholder_pages(document, files: Sequence[Attachment]) -> list[tuple[int, str, int]]:
	"""(page index in the rendered document, uploaded PDF's path, page of that PDF) for every
	placeholder page WeasyPrint laid out."""
	by_anchor = {}
	for a in files:
		if a and a.kind == "pdf":
			for p in a.pages:
				by_anchor[placeholder_anchor(a.key, p["index"])] = (a.path, p["index"])
	placements = []
	for i, page in enumerate(document.pages):
		for anchor in page.anchors:
			if anchor in by_anchor:
				path, n = by_anchor[anchor]
				placements.append((i, path, n))
	return placements
