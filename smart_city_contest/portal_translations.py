"""The portal pages' scripts write their text as __("…") (docs/translations.md). On a website page
Frappe's web bundle defines __() (frappe/public/js/frappe/translate.js) but loads no catalogue into
frappe._messages — only its Web Form fills it, from the server. The portal does the same: the page's
context gets the scripts' strings whose _() differs from the source (a Translation record, a catalogue
of another language), and portal_api.html puts them into frappe._messages before the scripts run.
Usually that is nothing: the source strings are the Chinese the users read."""

import os
import re

import frappe
from frappe import _
from frappe.translate import extract_messages_from_javascript_code

SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)
_strings_by_file: dict[str, tuple[float, tuple[str, ...]]] = {}


def script_messages(*paths: str) -> dict[str, str]:
	"""{source: translation} of the __() strings in the app's files `paths` (relative to the app
	package: "www/register.html", "templates/includes/portal_form.js"), for the user's language."""
	messages = {}
	for path in paths:
		# Not get_app_path(app, path): it scrubs "my-application" to "my_application".
		for source in _strings(os.path.join(frappe.get_app_path("smart_city_contest"), path)):
			translated = _(source)
			if translated != source:
				messages[source] = translated
	return messages


def _strings(path: str) -> tuple[str, ...]:
	"""The __() sources of one file (a .js, or the <script>s of a page), read again when it changes."""
	mtime = os.path.getmtime(path)
	cached = _strings_by_file.get(path)
	if cached and cached[0] == mtime:
		return cached[1]
	with open(path, encoding="utf-8") as f:
		code = f.read()
	if not path.endswith(".js"):
		code = "\n".join(SCRIPT.findall(code))
	strings = tuple(dict.fromkeys(message for _line, message, _context in extract_messages_from_javascript_code(code)))
	_strings_by_file[path] = (mtime, strings)
	return strings
