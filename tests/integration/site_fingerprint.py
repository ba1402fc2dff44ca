"""What a restore must bring back, read from a site's database and disk:

	cd <bench>/sites && PYTHONPATH=<checkout> <bench>/env/bin/python -m tests.integration.site_fingerprint SITE

prints JSON: every row (all columns) of the contest DocTypes and their child tables (state log,
indicators, recommendation items, scores...), of User Permission, Has Role, User and File, and the
sha256 of every file under the site's private/files and public/files."""

import hashlib
import json
import os
import sys

CONTEST_DOCTYPES = (
	"Contest Edition",
	"Contest District",
	"Participant Unit",
	"Contest Project",
	"District Recommendation",
	"District Deadline Extension",
	"Review Expert",
	"Expert Review",
	"Notice Objection",
)
ACCESS_DOCTYPES = ("User Permission", "Has Role", "User", "File")
# Columns that any login changes (none of the contest data is left out).
VOLATILE = {"User": {"last_active", "last_login", "last_ip", "last_known_versions"}}


def tables() -> list[str]:
	import frappe

	names = []
	for doctype in CONTEST_DOCTYPES:
		names.append(doctype)
		names.extend(df.options for df in frappe.get_meta(doctype).get_table_fields())
	return list(dict.fromkeys(names)) + list(ACCESS_DOCTYPES)


def rows(doctype: str) -> list[dict]:
	import frappe

	skip = VOLATILE.get(doctype, set())
	return [
		{k: None if v is None else str(v) for k, v in row.items() if k not in skip}
		for row in frappe.db.sql(f"select * from `tab{doctype}` order by name", as_dict=True)
	]


def files(site_path: str) -> dict[str, str]:
	digests = {}
	for folder in ("private/files", "public/files"):
		root = os.path.join(site_path, folder)
		for dirpath, _dirs, filenames in os.walk(root):
			for filename in filenames:
				path = os.path.join(dirpath, filename)
				with open(path, "rb") as f:
					digests[os.path.relpath(path, site_path)] = hashlib.sha256(f.read()).hexdigest()
	return digests


def fingerprint(site: str, sites_path: str = ".") -> dict:
	import frappe

	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	try:
		return {
			"tables": {doctype: rows(doctype) for doctype in tables()},
			"files": files(os.path.abspath(frappe.get_site_path())),
		}
	finally:
		frappe.destroy()


if __name__ == "__main__":
	json.dump(fingerprint(sys.argv[1]), sys.stdout, ensure_ascii=False)
