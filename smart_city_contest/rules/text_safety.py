"""What user text may carry: plain text in plain fields, never markup or a spreadsheet formula.

Applicants' and objectors' text reaches the public notice page, the PDFs, the reports, the XLSX
and e-mails. Every output escapes it; in addition a plain-text field refuses markup at the door
(a project name with `<img onerror=…>` is a mistake or an attack, never a name), and a cell bound
for a spreadsheet is stored as text, not as a formula. Pure functions (no Frappe).
"""

import re

# The start of an HTML/XML tag, end tag, comment/doctype/CDATA or processing instruction as a
# browser reads it: "<x", "</x", "<!", "<?". "<70%" or "a < b" are not tags and stay allowed.
_TAG = re.compile(r"<(?:/?[a-zA-Z]|[!?])")
_SCRIPT_URL = re.compile(r"(?i)\b(?:javascript|vbscript|data\s*:\s*text/html)\s*:")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
# Characters with which a spreadsheet starts a formula (or DDE) when a cell begins with them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Plain-text field types of Frappe (rich text is sanitised instead).
PLAIN_TYPES = frozenset({"Data", "Small Text", "Text", "Long Text", "Read Only"})


def markup_problem(value) -> str | None:
	"""Why a plain-text value is refused, or None."""
	if not isinstance(value, str) or not value:
		return None
	if match := _TAG.search(value):
		return f"不能包含 HTML 标记（“{value[match.start():match.start() + 8]}…”），请只填写文字"
	if _SCRIPT_URL.search(value):
		return "不能包含脚本链接（javascript: 等），请只填写文字"
	if _ENTITY.search(value):
		return "不能包含 HTML 转义字符（如“&lt;”“&#60;”），请直接填写文字"
	return None


def is_formula(value) -> bool:
	"""A cell value a spreadsheet would evaluate (=1+1, +cmd, -2+3, @SUM(…))."""
	if not isinstance(value, str) or not value:
		return False
	if value[0] in ("-", "+", "\uff0d", "\uff0b"):
		# A plain signed number ("-5", "+3.2") is a number, not a formula.
		return not re.fullmatch(r"[-+\uff0d\uff0b]\s*\d+(?:\.\d+)?%?", value)
	return value.startswith(FORMULA_STARTS)
