"""Upgrade from the previous release: a site installed and used with it, edited by the bureau, then
`bench migrate`d to this checkout's code, keeps every record and every edit.

How the previous release gets onto a site, without touching the shared bench's app folder: the previous
release's tree (PREVIOUS_RELEASE from this repository's git history: smart_city_contest/, fixtures/,
print_formats/...; not its tests/) is extracted into a temporary folder, and the bench commands that
make the old site run with that folder first on PYTHONPATH, so `import smart_city_contest` (hooks,
DocType JSON, install hooks, fixtures, the demo command) is the previous release's code while the bench
and every other site stay as they are:

1. `bench new-site <new> --install-app smart_city_contest` with the previous release: its DocTypes,
   fixtures (districts, the 2021 edition), roles, workflow and workspace.
2. `bench --site <new> contest-demo --units 20` with the previous release: a whole edition made through
   the real workflow (units, projects with files, district recommendations, expert reviews, amendments,
   a recusal, awards, the notice), i.e. the data an old site holds.
3. The bureau's own edits, saved as documents with the previous release (what the desk does): a
   district's 推荐单位 renamed and reordered, a functional zone disabled, a district added, the shipped
   2021 edition's contacts, award quotas and a scoring dimension's description changed, a role's
   home page, a system setting, and the workspace (a shortcut added to it, a number card's colour
   and a chart's type changed).
4. `bench --site <new> migrate` with this checkout (the bench's own app).

Then every row (all columns) of the contest DocTypes and their child tables, User Permission, Has Role,
User and File is as before, every file is byte for byte the same, every bureau edit is still there,
and the upgraded site serves the old data by the new release's rules: a demo district reviewer's API
lists only their district's projects, an old private file is served to the project's applicant and
refused to another unit's applicant, and the applicant's 申报书 (submitted before this release archived
it at submission) is rendered. The new site is dropped at the end.

A first migrate of a real bureau site is the same path; the release that is "previous" is
PREVIOUS_RELEASE (bump it when a release is made). The patches from PREVIOUS_RELEASE to this release
(smart_city_contest/patches.txt says what each does) run in that migrate; a schema change that needs
one and lacks it would show up here."""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

import frappe
import pytest
import requests

from tests.conftest import BENCH_DIR
from tests.integration.bench_cli import bench_argv, bench_env, bench_user
from tests.integration.server import REPO

# The last release before this one (git log: the commit before the deadline-day, security and ops work).
PREVIOUS_RELEASE = "fb95b11bc6ac3a4398e4651cdeab64e7a0c65847"
DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "root")
ROOT = ("--db-root-username", "root", "--db-root-password", DB_ROOT_PASSWORD)
SHIPPED_EDITION = "2021年智慧泉城创新应用大赛"
WORKSPACE = "智慧泉城创新应用大赛"
BUREAU_SHORTCUT = "本局通知公告"
DEMO_PASSWORD = "Demo@2021"


# --- run inside a site process (python -m tests.integration.test_upgrade edit|read SITE) -----------------


def bureau_edits() -> dict:
	"""What the bureau changes on its site, saved as documents as the desk would."""
	import smart_city_contest

	frappe.set_user("Administrator")
	district = frappe.get_doc("Contest District", "历下区")
	district.bureau_name = "历下区大数据局"
	district.sort_order = 20
	district.save()
	zone = frappe.get_doc("Contest District", "南部山区")
	zone.enabled = 0
	zone.save()
	frappe.get_doc({"doctype": "Contest District", "district_name": "莱芜高新区", "district_type": "功能区",
		"division_code": "371271", "bureau_name": "莱芜高新区经济发展局", "sort_order": 16, "enabled": 1}).insert()

	edition = frappe.get_doc("Contest Edition", SHIPPED_EDITION)
	edition.contact_persons = "王五、赵六"
	edition.contact_phone = "0531-66600000"
	for row in edition.award_levels:
		row.quota = {"一等奖": 3, "二等奖": 8}.get(row.award_level, row.quota)
	edition.scoring_dimensions[0].description += "（本届侧重数据共享）"
	edition.save()

	role = frappe.get_doc("Role", "Contest Expert")
	role.home_page = "/app/expert-review"
	role.save()
	settings = frappe.get_single("System Settings")
	settings.session_expiry = "12:00"
	settings.flags.ignore_mandatory = True
	settings.save()

	workspace = frappe.get_doc("Workspace", WORKSPACE)
	workspace.append("shortcuts", {"label": BUREAU_SHORTCUT, "type": "URL", "url": "/contest-notice", "color": "Green"})
	content = json.loads(workspace.content)
	content.insert(2, {"id": "bureau1", "type": "shortcut", "data": {"shortcut_name": BUREAU_SHORTCUT, "col": 3}})
	workspace.content = json.dumps(content, ensure_ascii=False)
	workspace.save()
	card = frappe.get_doc("Number Card", "待评分")
	card.color = "#000000"
	card.save()
	chart = frappe.get_doc("Dashboard Chart", "各区县申报项目")
	chart.type = "Line"
	chart.save()
	frappe.db.commit()
	return {"app": os.path.dirname(os.path.dirname(smart_city_contest.__file__))}


def read_state() -> dict:
	"""The edited values, and what the HTTP checks need (a demo reviewer, two applicants and a file)."""
	from smart_city_contest.setup.desk import block_values

	edition = frappe.get_doc("Contest Edition", SHIPPED_EDITION)
	workspace = frappe.get_doc("Workspace", WORKSPACE)
	reviewer = frappe.db.sql("""select hr.parent, up.for_value from `tabHas Role` hr
		join `tabUser Permission` up on up.user = hr.parent and up.allow = 'Contest District'
		where hr.role = 'District Reviewer' and hr.parenttype = 'User'
		order by hr.parent limit 1""")[0]
	projects = frappe.get_all("Contest Project", fields=["name", "unit", "owner", "completion_proof", "district"],
		filters={"completion_proof": ("like", "/private/files/%")}, order_by="name", limit=2)
	return {
		"districts": {d.name: [d.bureau_name, d.sort_order, d.enabled] for d in
			frappe.get_all("Contest District", fields=["name", "bureau_name", "sort_order", "enabled"])},
		"edition": {
			"contacts": [edition.contact_persons, edition.contact_phone],
			"quotas": {row.award_level: [row.quota, row.is_unlimited] for row in edition.award_levels},
			"dimension": edition.scoring_dimensions[0].description,
		},
		"role": frappe.db.get_value("Role", "Contest Expert", "home_page"),
		"session_expiry": frappe.db.get_single_value("System Settings", "session_expiry"),
		"workspace": {
			"shortcuts": [s.label for s in workspace.shortcuts],
			"content_ids": [block["id"] for block in json.loads(workspace.content)],
		},
		"card_color": frappe.db.get_value("Number Card", "待评分", "color"),
		# An unedited card and chart, and the edited card: standard (the module file's) or not, and their
		# edition filter (patches/desk_objects_become_module_files.py).
		"desk_objects": {f"{doctype}::{name}": frappe.db.get_value(doctype, name, ["is_standard", "dynamic_filters_json"])
			for doctype, name in (("Number Card", "草稿项目"), ("Dashboard Chart", "项目状态分布"), ("Number Card", "待评分"))},
		"block_as_shipped": all(frappe.db.get_value("Custom HTML Block", "大赛时间节点", field) == value
			for field, value in block_values().items()),
		"chart_type": frappe.db.get_value("Dashboard Chart", "各区县申报项目", "type"),
		"reviewer": list(reviewer),
		"projects": [dict(p) for p in projects],
		"district_of_projects": dict(frappe.db.sql("select name, district from `tabContest Project`")),
	}


def _main(what: str, site: str):
	frappe.init(site=site, sites_path=".")
	frappe.connect()
	try:
		out = bureau_edits() if what == "edit" else read_state()
	finally:
		frappe.destroy()
	json.dump(out, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
	_main(*sys.argv[1:3])


# --- the test ------------------------------------------------------------------------------------------


def previous_release(into: str):
	"""Extract the previous release (all but its tests/) into `into`: from the tar (`git archive`) that
	scripts/test makes from the checkout (SCC_PREVIOUS_RELEASE_TAR), else from the git history here."""
	tar = os.environ.get("SCC_PREVIOUS_RELEASE_TAR")
	if not tar or not os.path.exists(tar):
		tar = os.path.join(into, "previous.tar")
		git = subprocess.run(["git", "-c", "safe.directory=*", "-C", REPO, "archive", "-o", tar, PREVIOUS_RELEASE],
			capture_output=True, text=True)
		if git.returncode != 0:
			# Only a checkout without that history (a shallow clone, an exported tree) lacks it; the test
			# runs wherever the history is, as in a developer's clone.
			pytest.skip(f"the previous release {PREVIOUS_RELEASE[:7]} is not in this checkout's git history "
				f"(a shallow clone? `git fetch --unshallow`): {git.stderr.strip()}")
	with tarfile.open(tar) as t:
		# The whole tree (the app reads fixtures/ and print_formats/ beside its package) but tests/:
		# the scripts these tests run in the old site's processes are this checkout's.
		t.extractall(into, members=[m for m in t.getmembers() if m.name.split("/")[0] != "tests"])
	assert os.path.exists(os.path.join(into, "smart_city_contest", "hooks.py"))


def bench(*args: str, previous: str | None = None, timeout: float = 900) -> str:
	"""`bench ARGS...` as the bench owner; with `previous`, the previous release's app first on PYTHONPATH."""
	env = bench_env(**({"PYTHONPATH": f"{previous}{os.pathsep}{REPO}"} if previous else {}))
	proc = subprocess.run(bench_argv(*args), cwd=BENCH_DIR, env=env, capture_output=True, text=True, timeout=timeout)
	if proc.returncode != 0:
		raise AssertionError(f"bench {' '.join(args)} exited {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}"
			f"\n--- stderr\n{proc.stderr[-4000:]}")
	return proc.stdout


def in_site(what: str, site: str, previous: str | None = None):
	"""Run `what` (edit / read / fingerprint) in a process of its own on `site`."""
	module = "tests.integration.site_fingerprint" if what == "fingerprint" else "tests.integration.test_upgrade"
	path = f"{previous}{os.pathsep}{REPO}" if previous else REPO
	argv = [os.path.join(BENCH_DIR, "env", "bin", "python"), "-m", module, *([] if what == "fingerprint" else [what]), site]
	if os.geteuid() == 0:
		argv = ["runuser", "-u", bench_user(), "--", *argv]
	out = subprocess.run(argv, cwd=os.path.join(BENCH_DIR, "sites"), env=dict(os.environ, PYTHONPATH=path),
		capture_output=True, text=True, timeout=300)
	assert out.returncode == 0, out.stderr[-4000:]
	return json.loads(out.stdout)


@pytest.fixture(scope="module")
def upgraded(frappe_site):
	"""(state before migrate, state after, fingerprint before, fingerprint after, site, timings)"""
	site = f"upgrade-{frappe.generate_hash(length=8).lower()}.localhost"
	work = tempfile.mkdtemp(prefix="previous-release-", dir=os.path.join(BENCH_DIR, "logs"))
	previous = os.path.join(work, "app")
	os.makedirs(previous)
	timings, clock = {}, [time.monotonic()]

	def lap(what):
		timings[what] = round(time.monotonic() - clock[0], 1)
		clock[0] = time.monotonic()

	try:
		previous_release(previous)
		if os.geteuid() == 0:
			for dirpath, _dirs, _files in os.walk(work):
				shutil.chown(dirpath, bench_user(), bench_user())
		lap("extract the previous release")
		bench("new-site", site, *ROOT, "--admin-password", "admin", "--install-app", "smart_city_contest",
			previous=previous)
		bench("--site", site, "execute", "smart_city_contest.setup.install.prepare_new_site", previous=previous)
		lap("new-site with the previous release")
		bench("--site", site, "contest-demo", "--units", "20", previous=previous)
		lap("demo edition with the previous release")
		edited = in_site("edit", site, previous=previous)
		assert os.path.realpath(edited["app"]) == os.path.realpath(previous), edited  # the old code did it
		before, fp_before = in_site("read", site), in_site("fingerprint", site)
		lap("bureau edits, fingerprint")
		bench("--site", site, "migrate")
		lap("migrate to this release")
		after, fp_after = in_site("read", site), in_site("fingerprint", site)
		lap("fingerprint")
		print("upgrade test timings (s):", timings)
		yield frappe._dict(before=before, after=after, fp_before=fp_before, fp_after=fp_after, site=site)
	finally:
		if os.path.isdir(os.path.join(BENCH_DIR, "sites", site)):
			archive = os.path.join(work, "archived")
			os.makedirs(archive, exist_ok=True)
			if os.geteuid() == 0:
				shutil.chown(archive, bench_user(), bench_user())
			bench("drop-site", site, "--force", "--no-backup", *ROOT, "--archived-sites-path", archive)
		shutil.rmtree(work, ignore_errors=True)


def test_the_old_site_held_a_whole_edition(upgraded):
	tables = upgraded.fp_before["tables"]
	for doctype in ("Contest Project", "Participant Unit", "District Recommendation", "Expert Review",
			"Contest Project State Log", "Expert Review Score", "User Permission"):
		assert len(tables[doctype]) > 0, doctype
	assert {p["workflow_state"] for p in tables["Contest Project"]} >= {"获奖", "未获奖"}
	assert any(path.startswith("private/files/") for path in upgraded.fp_before["files"])


def test_every_record_and_file_is_as_before(upgraded):
	before, after = upgraded.fp_before, upgraded.fp_after
	assert set(before["tables"]) <= set(after["tables"])
	# patches/applicants_work_in_the_portal.py: the applicants' accounts (System Users under the previous
	# release) become Website Users, saved by Frappe: user_type and the save's modified stamps change.
	users_after = {u["name"]: u for u in after["tables"]["User"]}
	moved = {u["name"] for u in before["tables"]["User"]
		if u["user_type"] == "System User" and users_after[u["name"]]["user_type"] == "Website User"}
	roles_of = {}
	for r in after["tables"]["Has Role"]:
		if r["parenttype"] == "User":
			roles_of.setdefault(r["parent"], set()).add(r["role"])
	assert moved, "the demo's applicants were System Users under the previous release"
	assert all(roles_of[u] == {"Contest Applicant"} for u in moved), [(u, roles_of[u]) for u in moved][:3]
	assert not [u for u, roles in roles_of.items() if "Contest Applicant" in roles and len(roles) == 1
		and users_after[u]["user_type"] != "Website User"]
	stamps = ("modified", "modified_by")

	for doctype, rows in before["tables"].items():
		if doctype == "Has Role":
			# A desk object the release ships (a report, a page) is imported again by migrate when its JSON
			# changed, and its role rows get new names: what must hold is that every role it granted, it
			# still grants. A user's role rows are compared row by row, like every other record.
			def shipped(row):
				return row.get("parenttype") in ("Report", "Page")

			granted = {(r["parenttype"], r["parent"], r["role"]) for r in after["tables"][doctype] if shipped(r)}
			lost = [(r["parent"], r["role"]) for r in rows if shipped(r) and (r["parenttype"], r["parent"], r["role"]) not in granted]
			assert not lost, ("a shipped report or page lost a role", lost[:5])
			rows = [r for r in rows if not shipped(r)]
		now = {row["name"]: row for row in after["tables"][doctype]}
		missing = [{k: row.get(k) for k in ("name", "parenttype", "parent", "role") if k in row}
			for row in rows if row["name"] not in now]
		# Columns a new release adds may appear; every old column keeps its value, except what a patch of
		# this release documents: a File attached to nothing gets attached to the application naming it
		# (patches/attach_files_named_by_applications.py).
		# And setup/site_identity.py names the superuser 系统管理员 where Frappe's default "Administrator" stands;
		# and the applicants' accounts are Website Users now (`moved`, above).
		def kept(old, new):
			return all(new.get(k) == v or (doctype == "File" and k.startswith("attached_to_") and not v)
				or (doctype == "User" and old.get("name") == "Administrator" and k in ("first_name", "full_name")
					and v == "Administrator" and new.get(k) == "系统管理员")
				or (doctype == "User" and old["name"] in moved and k in ("user_type", *stamps))
				or (doctype == "Has Role" and old.get("parent") in moved and k in stamps)
				for k, v in old.items())

		changed = [(row, now[row["name"]]) for row in rows if row["name"] in now and not kept(row, now[row["name"]])]
		assert not missing and not changed, (doctype, missing[:5],
			[{k: (v, new.get(k)) for k, v in old.items() if new.get(k) != v} for old, new in changed[:2]])
		old_names = {row["name"] for row in rows}
		# A release brings desk objects of its own (new reports, pages): their role rows are new. A user's
		# roles, and every other record, are not.
		added = [row for name, row in now.items() if name not in old_names
			and not (doctype == "Has Role" and row.get("parenttype") in ("Report", "Page"))]
		assert not added, (doctype, added[:3])
	assert after["files"] == before["files"]


def test_the_bureaus_master_data_edits_survive(upgraded):
	before, after = upgraded.before, upgraded.after
	assert after["districts"]["历下区"] == ["历下区大数据局", 20, 1]
	assert after["districts"]["南部山区"][2] == 0
	assert after["districts"]["莱芜高新区"] == ["莱芜高新区经济发展局", 16, 1]
	assert after["districts"] == before["districts"]
	assert after["edition"]["contacts"] == ["王五、赵六", "0531-66600000"]
	assert after["edition"]["quotas"]["一等奖"] == [3, 0] and after["edition"]["quotas"]["二等奖"] == [8, 0]
	assert after["edition"]["dimension"].endswith("（本届侧重数据共享）")
	assert after["edition"] == before["edition"]


def test_the_bureaus_settings_and_role_home_page_survive(upgraded):
	after = upgraded.after
	assert after["role"] == "/app/expert-review"
	assert after["session_expiry"] == "12:00"


def test_the_bureaus_workspace_edits_survive(upgraded):
	before, after = upgraded.before, upgraded.after
	assert BUREAU_SHORTCUT in after["workspace"]["shortcuts"] and "bureau1" in after["workspace"]["content_ids"]
	assert after["workspace"] == before["workspace"]
	assert after["card_color"] == "#000000"
	assert after["chart_type"] == "Line"


def test_unedited_desk_objects_become_the_module_files(upgraded):
	"""The previous release wrote the cards and charts as non-standard records without an edition filter;
	the ones the bureau left alone are now the files' (standard, counting the session's edition), the
	edited card stays the bureau's. The 时间节点 block, unedited, is brought up to this release's files."""
	from smart_city_contest.contest_setup.editions import DESK_EXPRESSION

	before, after = upgraded.before["desk_objects"], upgraded.after["desk_objects"]
	assert all(is_standard == 0 and not dynamic for is_standard, dynamic in before.values()), before
	for key in ("Number Card::草稿项目", "Dashboard Chart::项目状态分布"):
		is_standard, dynamic = after[key]
		assert is_standard == 1 and json.loads(dynamic)[0][1:] == ["contest", "=", DESK_EXPRESSION], (key, after[key])
	assert after["Number Card::待评分"] == before["Number Card::待评分"]
	assert not upgraded.before["block_as_shipped"] and upgraded.after["block_as_shipped"]


def login(server_url: str, site: str, user: str) -> requests.Session:
	session = requests.Session()
	session.headers.update({"X-Frappe-Site-Name": site, "Accept": "application/json"})
	r = session.post(f"{server_url}/api/method/login", data={"usr": user, "pwd": DEMO_PASSWORD}, timeout=60)
	assert r.status_code == 200, (user, r.status_code, r.text[:300])
	return session


def test_the_upgraded_site_serves_the_old_data_by_the_new_rules(upgraded, server_url):
	"""The session's gunicorn runs this release and serves every site of the bench."""
	site, state = upgraded.site, upgraded.after
	reviewer, district = state["reviewer"]
	session = login(server_url, site, reviewer)
	r = session.get(f"{server_url}/api/resource/Contest Project",
		params={"fields": '["name", "district"]', "limit_page_length": 0}, timeout=60)
	assert r.status_code == 200, r.text[:300]
	listed = r.json()["data"]
	expected = sorted(name for name, d in state["district_of_projects"].items() if d == district)
	assert sorted(p["name"] for p in listed) == expected and expected, (district, listed[:3])

	own, other = state["projects"]
	applicant = login(server_url, site, own["owner"])
	r = applicant.get(server_url + own["completion_proof"], timeout=60)
	assert r.status_code == 200 and r.content.startswith(b"%PDF"), (r.status_code, r.text[:200])
	# Submitted before this release archived 申报书 at submission: it has none, and renders live.
	r = applicant.get(f"{server_url}/api/method/smart_city_contest.api.documents.application_pdf",
		params={"project": own["name"]}, timeout=120)
	assert r.status_code == 200 and r.content.startswith(b"%PDF"), (r.status_code, r.text[:300])
	stranger = login(server_url, site, other["owner"])
	r = stranger.get(server_url + own["completion_proof"], timeout=60)
	assert r.status_code == 403, r.status_code
