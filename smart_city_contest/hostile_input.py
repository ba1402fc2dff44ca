"""User text on the way in: plain fields refuse markup, rich text is sanitised whatever its shape.

Wired as a `validate` doc event of every DocType of the app (hooks.py), so REST, frappe.client.*,
the desk and the public objection form meet the same rule. Frappe's own sanitiser skips values that
look like JSON; this one does not. The rule itself is `rules/text_safety.py`.
"""

import json

from frappe import _
from frappe.utils.html_utils import sanitize_html

from smart_city_contest.errors import field_label, throw_for_field
from smart_city_contest.rules.text_safety import PLAIN_TYPES, markup_problem

RICH_TYPES = frozenset({"Text Editor", "HTML Editor", "Markdown Editor"})


def _is_json_document(value: str) -> bool:
	"""A JSON object or array (what Frappe's sanitiser lets through untouched), not rich text."""
	stripped = value.strip()
	if not stripped.startswith(("{", "[")):
		return False
	try:
		return isinstance(json.loads(stripped), dict | list)
	except ValueError:
		return False


def _check(doc, row_of: str | None = None):
	for df in doc.meta.fields:
		value = doc.get(df.fieldname)
		if not value or not isinstance(value, str):
			continue
		if df.fieldtype in PLAIN_TYPES:
			if problem := markup_problem(value):
				throw_for_field(doc, df.fieldname, problem, row_of=row_of)
		elif df.fieldtype in RICH_TYPES:
			if _is_json_document(value):
				throw_for_field(doc, df.fieldname, _("应填写正文内容，不能是 JSON 数据"), row_of=row_of)
			doc.set(df.fieldname, sanitize_html(value, always_sanitize=True))


def refuse_hostile_text(doc, method=None):
	_check(doc)
	for table in doc.meta.get_table_fields():
		for row in doc.get(table.fieldname) or []:
			_check(row, row_of=field_label(doc, table.fieldname))
