"""The desk pieces Frappe cannot sync from module files: the 时间节点 block and the Session Defaults row.

The workspace 智慧泉城创新应用大赛, its 10 number cards and 4 charts are module files of Contest Setup
(contest_setup/workspace/, number_card/, dashboard_chart/) that Frappe imports itself on install and
migrate; a file replaces the site's record only when the file's `modified` is newer than the record's,
so a workspace the bureau changes in the desk after a release stays. The cards and charts are standard:
Frappe keeps them from being edited without developer mode, and the bureau makes its own copy. Every
card and chart counts through Frappe's permission layer, so each role sees its own scope, and counts one
edition: its dynamic filter on `contest` is editions.DESK_EXPRESSION (the session's 默认大赛届次, else
the current edition; tests/unit/test_desk_files.py holds the files to it).

What stays here has no module file:

- the Custom HTML Block 大赛时间节点 (the countdown of the user's deadlines on the workspace): Frappe
  does not import Custom HTML Blocks from module folders. Its HTML, script and style are the files
  contest_setup/desk_blocks/deadlines.{html,js,css}, read on install and migrate. The block is created
  when missing and brought up to those files unless the bureau edited it: each write keeps a digest of
  the written fields (a global default), and a block that no longer matches it stays as the bureau made
  it;
- the row of Session Default Settings that offers 默认大赛届次 (Frappe clears it at logout): a row of a
  Single that Frappe owns, which a file could only replace whole.
"""

import copy
import hashlib
import json
import os

import frappe

from smart_city_contest.contest_setup import editions

TIMELINE_BLOCK = "大赛时间节点"
BLOCK_FILES = {"html": "deadlines.html", "script": "deadlines.js", "style": "deadlines.css"}


def block_values() -> dict:
	"""The 时间节点 block as shipped: its fields from contest_setup/desk_blocks/."""
	folder = os.path.join(frappe.get_app_path("smart_city_contest", "contest_setup"), "desk_blocks")
	values = {}
	for field, filename in BLOCK_FILES.items():
		with open(os.path.join(folder, filename), encoding="utf-8", newline="") as f:
			values[field] = f.read()
	return {**values, "private": 0}


def _plain(value):
	"""A field value as compared across saves: empty and zero alike, numbers as floats."""
	if not value:
		return ""
	if isinstance(value, int | float):
		return repr(float(value))
	return str(value)


def shape_of(doc, values: dict) -> str:
	"""A digest of what `doc` holds of the fields `values` sets (child tables: the columns `values` gives).

	patches/desk_objects_become_module_files.py reads the digests the workspace, cards and charts had."""
	state = {}
	for key, value in values.items():
		if isinstance(value, list):
			# Each row by the columns the definition gives that row (a Card Break has no link type:
			# Frappe fills one on insert and not on update); rows past the definition by all of them.
			every = list(dict.fromkeys(column for row in value for column in row))
			state[key] = [[_plain(row.get(column)) for column in (value[i] if i < len(value) else every)]
				for i, row in enumerate(doc.get(key) or [])]
		else:
			state[key] = _plain(doc.get(key))
	return hashlib.sha256(json.dumps(state, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def digest_key(doctype: str, name: str) -> str:
	return f"smart_city_contest_desk::{doctype}::{name}"


def _upsert(doctype: str, name: str, values: dict):
	"""Create the desk object, or bring it up to this release's definition unless the bureau edited it.

	After each write a digest of the written fields is kept (a global default); on the next install or
	migrate an object that no longer matches it was changed in the desk and stays as the bureau made it.
	An object without a digest (a site from a release before this rule) counts as edited when writing
	this release's definition would change it, and the write is rolled back."""
	if not frappe.db.exists(doctype, name):
		doc = frappe.get_doc({"doctype": doctype, "name": name, **copy.deepcopy(values)})
		doc.flags.ignore_permissions = True
		doc.flags.ignore_links = True
		doc.insert()
		frappe.db.set_global(digest_key(doctype, name), shape_of(frappe.get_doc(doctype, doc.name), values))
		return doc
	doc = frappe.get_doc(doctype, name)
	kept = frappe.db.get_global(digest_key(doctype, name))
	before = shape_of(doc, values)
	if kept is not None and kept != before:
		return doc  # edited in the desk since the app last wrote it: theirs
	savepoint = "smart_city_contest_desk"
	frappe.db.savepoint(savepoint)
	doc.update(copy.deepcopy(values))
	doc.flags.ignore_permissions = True
	doc.flags.ignore_links = True
	doc.save()
	after = shape_of(frappe.get_doc(doctype, name), values)
	if kept is None and after != before:
		frappe.db.rollback(save_point=savepoint)  # edited in the desk before this rule: theirs
		frappe.clear_document_cache(doctype, name)
		return frappe.get_doc(doctype, name)
	frappe.db.set_global(digest_key(doctype, name), after)
	return doc


def sync_desk():
	sync_session_default()
	_upsert("Custom HTML Block", TIMELINE_BLOCK, block_values())


def sync_session_default():
	"""Session Defaults offer 默认大赛届次 (Frappe clears it at logout)."""
	settings = frappe.get_single("Session Default Settings")
	if not any(row.ref_doctype == editions.EDITION for row in settings.session_defaults):
		settings.append("session_defaults", {"ref_doctype": editions.EDITION})
		settings.flags.ignore_permissions = True
		settings.save()
