"""smart_city_contest/translations/zh.csv, which Frappe merges over its own (partial) Chinese catalogue:
it parses as Frappe reads it, each row keeps its source's placeholders and markup, no source is given
twice, what it translates reads Chinese, and it translates Frappe's English only. And the app's side of
docs/translations.md: `_()` always gets the whole sentence."""

import ast
import csv
import os
import re
import unittest
from collections import Counter
from pathlib import Path

APP_PATH = os.path.join(os.path.dirname(__file__), "..", "..", "smart_city_contest")
CSV_PATH = os.path.join(APP_PATH, "translations", "zh.csv")
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)s|%s|%d")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b")
CJK = re.compile(r"[\u3400-\u9fff]")


def rows():
	with open(CSV_PATH, encoding="utf-8", newline="") as f:
		return [row for row in csv.reader(f) if row]  # blank lines separate the sections; Frappe skips them


class TestChineseCatalogue(unittest.TestCase):
	def test_every_row_is_source_translation_and_optional_context(self):
		for row in rows():
			self.assertIn(len(row), (2, 3), row)
			self.assertTrue(row[0] and row[1], row)
			self.assertEqual(row[1], row[1].strip(), row)  # Frappe strips translations

	def test_no_source_is_translated_twice(self):
		keys = Counter((row[0], row[2] if len(row) == 3 else "") for row in rows())
		self.assertEqual([k for k, n in keys.items() if n > 1], [])

	def test_placeholders_and_markup_survive(self):
		for row in rows():
			source, translation = row[0], row[1]
			self.assertEqual(Counter(PLACEHOLDER.findall(source)), Counter(PLACEHOLDER.findall(translation)), row)
			self.assertEqual(Counter(TAG.findall(source)), Counter(TAG.findall(translation)), row)

	def test_translations_read_chinese(self):
		# A handful of rows are symbols or names that stay as they are (PDF, Frappe Insights, 1 = 是).
		latin = [row for row in rows() if not CJK.search(row[1]) and re.search(r"[A-Za-z]{2,}", row[1])]
		self.assertLessEqual(len(latin), 8, latin)

	def test_the_strings_users_reported_are_covered(self):
		sources = {row[0]: row[1] for row in rows()}
		for source in ("Search or type a command ({0})", "List View", "Edit Filters", "You last edited this",
				"You created this", "This form is not editable due to a Workflow.", "Home", "Login", "{0} m"):
			self.assertIn(source, sources)
		self.assertEqual(sources["{0} m"], "{0}分钟")  # not 米


	def test_sources_are_frappes_english(self):
		# The app's own strings are written in Chinese (docs/translations.md) and need no row.
		self.assertEqual([row for row in rows() if CJK.search(row[0])], [])


class TestTranslateCalls(unittest.TestCase):
	def test_translate_gets_a_whole_sentence(self):
		"""_("…{0}…").format(value), never _(f"…"), _("…" % x), _("…".format(x)) or _("…" + x)."""
		found = []
		for folder, _dirs, files in os.walk(APP_PATH):
			for name in files:
				if not name.endswith(".py"):
					continue
				path = os.path.join(folder, name)
				with open(path, encoding="utf-8") as f:
					tree = ast.parse(f.read(), path)
				for node in ast.walk(tree):
					if (
						isinstance(node, ast.Call)
						and getattr(node.func, "id", getattr(node.func, "attr", None)) in ("_", "_lt")
						and node.args
						and (
							isinstance(node.args[0], (ast.JoinedStr, ast.BinOp))
							or isinstance(node.args[0], ast.Call) and getattr(node.args[0].func, "attr", None) == "format"
						)
					):
						found.append(f"{os.path.relpath(path, APP_PATH)}:{node.lineno}")
		self.assertEqual(found, [])


class TestPortalTemplates(unittest.TestCase):
	"""The portal's Jinja (www/*.html, templates/**/*.html) writes its Chinese as {{ _("…") }}, and the
	scripts in it as __("…"); a stored value the page compares with comes from the page's context.
	Semgrep reads no Jinja; the JavaScript files under templates/ are its (scc-js-text-without-translate)."""

	COMMENT = re.compile(r"\{#.*?#\}", re.S)
	# _("…") / __("…"), either quote, the whole literal (a placeholder's value may follow).
	TRANSLATED = re.compile(r"""(?<![\w.])_{1,2}\(\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')""")

	def templates(self):
		for folder in ("www", "templates"):
			for path in sorted(Path(APP_PATH, folder).rglob("*.html")):
				if "print_formats" not in path.parts:  # the official documents' wording (docs/translations.md)
					yield path

	def test_chinese_goes_through_translate(self):
		found = []
		for path in self.templates():
			text = self.COMMENT.sub(lambda m: "\n" * m.group().count("\n"), path.read_text(encoding="utf-8"))
			text = self.TRANSLATED.sub("_(", text)
			for number, line in enumerate(text.splitlines(), 1):
				if CJK.search(line):
					found.append(f"{path.relative_to(APP_PATH)}:{number}: {line.strip()}")
		self.assertEqual(found, [])

	def test_the_check_sees_what_it_should(self):
		text = 'a {# 注释 #} {{ _("已翻译") }} <b>{{ x }}未翻译</b> __("脚本{0}", [n]) {{ _(\'单引号\').format(y) }}'
		text = self.TRANSLATED.sub("_(", self.COMMENT.sub("", text))
		self.assertEqual(CJK.findall(text), list("未翻译"))
		self.assertTrue(any(self.templates()))


if __name__ == "__main__":
	unittest.main()
