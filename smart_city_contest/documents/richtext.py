"""Rich text from the desk's Text Editor, made safe to print.

The report sections are HTML typed by applicants. Before they go into a print view or through
WeasyPrint they are cleaned with bleach to a small set of text tags: no scripts, no styles or
stylesheets (which could break the page layout), no links, and images only from the site's own
files or inline data, so the PDF renderer never fetches anything an applicant points it at.
"""

import re

import bleach
from markupsafe import Markup

ALLOWED_TAGS = frozenset(
	{
		"p",
		"br",
		"div",
		"span",
		"strong",
		"b",
		"em",
		"i",
		"u",
		"s",
		"sub",
		"sup",
		"ol",
		"ul",
		"li",
		"blockquote",
		"pre",
		"code",
		"h1",
		"h2",
		"h3",
		"h4",
		"h5",
		"h6",
		"table",
		"thead",
		"tbody",
		"tfoot",
		"tr",
		"th",
		"td",
		"caption",
		"colgroup",
		"col",
		"img",
	}
)
ALLOWED_CLASSES = re.compile(r"^ql-(align-(center|right|justify)|indent-[1-8])$")
IMAGE_SOURCES = re.compile(r"^(/files/|/private/files/|data:image/(png|jpe?g|gif);base64,)", re.I)


def _attribute_allowed(tag: str, name: str, value: str) -> bool:
	if name == "class":
		return True  # filtered word by word in _keep_classes
	if tag in ("td", "th") and name in ("colspan", "rowspan"):
		return value.isdigit()
	if tag == "img":
		if name == "src":
			return bool(IMAGE_SOURCES.match(value.strip()))
		return name in ("alt", "width", "height") and (name == "alt" or value.isdigit())
	if tag == "li" and name == "data-list":
		return value in ("bullet", "ordered")
	return False


_DROPPED_WITH_CONTENT = re.compile(r"<(script|style|noscript|template|title)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_TAG = re.compile(r"<[a-zA-Z/!]")
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')


def _keep_classes(html: str) -> str:
	def repl(m: re.Match) -> str:
		kept = [c for c in m.group(1).split() if ALLOWED_CLASSES.match(c)]
		return f' class="{" ".join(kept)}"' if kept else ""

	return _CLASS_ATTR.sub(repl, html)


def sanitize(html: str | None) -> Markup:
	"""Cleaned HTML, safe to insert into a template unescaped. Plain text keeps its line breaks."""
	if not html or not html.strip():
		return Markup("")
	if not _TAG.search(html):
		paragraphs = [p for p in html.replace("\r\n", "\n").split("\n")]
		return Markup("".join(f"<p>{Markup.escape(p)}</p>" for p in paragraphs if p.strip()))
	cleaned = bleach.clean(
		_DROPPED_WITH_CONTENT.sub("", html),
		tags=ALLOWED_TAGS,
		attributes=_attribute_allowed,
		# Relative URLs count as http(s) to bleach; _attribute_allowed keeps only the site's files.
		protocols=("http", "https", "data"),
		strip=True,
		strip_comments=True,
	)
	cleaned = _IMAGE_WITHOUT_SOURCE.sub("", _keep_classes(cleaned))
	if not bleach.clean(cleaned, tags=set(), strip=True).strip() and "<img" not in cleaned:
		return Markup("")  # an editor's empty "<div><p><br></p></div>"
	return Markup(cleaned)


def plain_lines(value: str | None) -> Markup:
	"""A Small Text field as printed: escaped, line breaks kept."""
	if not value or not str(value).strip():
		return Markup("")
	return Markup("<br>").join(Markup.escape(line) for line in str(value).strip().splitlines())
