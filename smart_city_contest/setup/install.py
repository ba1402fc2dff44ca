"""Idempotent set-up, run on install and on every migrate."""

import json
import os

import frappe

# Loaded in this order (editions may link to nothing here yet, but keep masters first).
FIXTURE_FILES = ("contest_district.json", "contest_edition.json")


def fixtures_path() -> str:
	"""The repository's top-level fixtures/ folder, beside the app package."""
	return os.path.abspath(os.path.join(frappe.get_app_path("smart_city_contest"), "..", "fixtures"))


def after_install():
	set_up()


def after_migrate():
	set_up()


def before_tests():
	set_up()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — Frappe's test runner starts from what is committed


def set_up():
	from smart_city_contest.setup.desk import sync_desk
	from smart_city_contest.setup.site_identity import name_the_site
	from smart_city_contest.setup.workflow import sync_roles, sync_workflow

	sync_roles()
	sync_workflow()
	load_master_data()
	sync_desk()
	name_the_site()


def load_master_data():
	for filename in FIXTURE_FILES:
		with open(os.path.join(fixtures_path(), filename), encoding="utf-8") as f:
			for record in json.load(f):
				insert_if_missing(record)


def insert_if_missing(record: dict) -> bool:
	"""Insert `record` unless a document of that name exists; a site's own edits are kept."""
	doctype = record["doctype"]
	meta = frappe.get_meta(doctype)
	name = record.get("name") or record.get((meta.autoname or "").removeprefix("field:"))
	if name and frappe.db.exists(doctype, name):
		return False
	doc = frappe.get_doc(record)
	doc.flags.ignore_permissions = True
	doc.insert()
	return True



def prepare_new_site(users: tuple[str, ...] = ("Administrator",)):
	"""Finish Frappe's setup wizard for a site made by scripts/setup or scripts/test: Chinese,
	China, Asia/Shanghai, dates as yyyy-mm-dd. An existing bureau site keeps its own settings."""
	from frappe.desk.page.setup_wizard.setup_wizard import disable_future_access

	settings = frappe.get_single("System Settings")
	settings.update(
		{"language": "zh", "country": "China", "time_zone": "Asia/Shanghai", "date_format": "yyyy-mm-dd",
		 "time_format": "HH:mm:ss", "first_day_of_the_week": "Monday"}
	)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
	for user in users:
		frappe.db.set_value("User", user, "language", "zh")
	disable_future_access()
	frappe.db.commit()  # nosemgrep: frappe-manual-commit — before the cache is cleared, so nothing re-caches the old settings
	frappe.clear_cache()
