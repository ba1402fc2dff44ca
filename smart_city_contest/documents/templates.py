"""The templates of the official documents, kept in the repository's top-level print_formats/.

Each official document is one Jinja file there (markup and its own CSS); _base.css holds what they
share. The same files serve two renderers:

- the PDF builders here, through a plain Jinja environment (`render`), and
- Frappe's print view (/printview), through standard Print Formats whose HTML the install/migrate
  hook copies from these files (`print_format_html`, see smart_city_contest/setup/documents.py).

A template finds its data in `ctx`; in the print view `ctx` is undefined and the template asks
for it with the Jinja method `scc_print_context(doc, part)` (registered in hooks.py).
"""

import os
from dataclasses import dataclass
from functools import lru_cache

import jinja2


@dataclass(frozen=True)
class PrintFormatSpec:
	name: str  # the Print Format's name, shown in the print view's format selector
	template: str  # file in print_formats/
	doc_type: str
	module: str
	part: str  # what scc_print_context builds for it


PRINT_FORMATS = (
	PrintFormatSpec("申报书封面及目录", "cover.html", "Contest Project", "Application", "cover"),
	PrintFormatSpec(
		"项目申报表", "application_form.html", "Contest Project", "Application", "application_form"
	),
	PrintFormatSpec(
		"项目方案及完成情况报告", "project_report.html", "Contest Project", "Application", "project_report"
	),
	PrintFormatSpec(
		"项目绩效评价表", "performance_table.html", "Contest Project", "Application", "performance_table"
	),
	PrintFormatSpec("申报材料真实性承诺书", "pledge.html", "Contest Project", "Application", "pledge"),
	PrintFormatSpec(
		"项目推荐汇总表", "recommendation_summary.html", "Contest District", "Contest Setup", "summary"
	),
)

# The 申报书's generated parts, in the order of the 申报材料目录 (attachments follow them).
APPLICATION_TEMPLATES = (
	"cover.html",
	"application_form.html",
	"project_report.html",
	"performance_table.html",
	"pledge.html",
)


def print_formats_dir() -> str:
	"""print_formats/ at the top of the repository, beside the app package (like fixtures/)."""
	return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "print_formats"))


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
	return jinja2.Environment(
		loader=jinja2.FileSystemLoader(print_formats_dir()),
		autoescape=True,
		undefined=jinja2.StrictUndefined,
		trim_blocks=True,
		lstrip_blocks=True,
		auto_reload=True,
	)


def render(template: str, ctx: dict) -> str:
	return environment().get_template(template).render(ctx=ctx)


def read(name: str) -> str:
	with open(os.path.join(print_formats_dir(), name), encoding="utf-8") as f:
		return f.read()


def base_css() -> str:
	return read("_base.css")


def print_format_html(spec: PrintFormatSpec) -> str:
	"""What the Print Format stores: the shared CSS and the document's template, as one source."""
	return f"<style>\n{base_css()}\n</style>\n{read(spec.template)}"


def html_document(title: str, body: str, extra_css: str = "", lang: str = "zh-CN", author: str = "") -> str:
	"""A whole HTML document around rendered parts, with the shared CSS and `extra_css` (fonts).
	The title and author become the PDF's metadata."""
	from markupsafe import escape

	meta = f'<meta name="author" content="{escape(author)}">' if author else ""
	return (
		f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{meta}'
		f"<title>{escape(title)}</title><style>{extra_css}\n{base_css()}</style></head>"
		f"<body>{body}</body></html>"
	)
