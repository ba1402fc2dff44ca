"""A backup made the operator's way restores into a new site with everything the contest holds.

`bench --site <site> backup --with-files` (as the bench owner), then `bench new-site <new> --source_sql`
and `bench --site <new> --force restore ... --with-public-files ... --with-private-files ...`, and the
site's encryption key from the backed-up site config (API secrets and mail passwords are encrypted with
it). The new site must hold every row of the contest DocTypes and their child tables (state log rows
included), every User Permission, role and user, every File record and every file byte for byte; and a
district reviewer's own API key must, on the new site, list only their district's projects. The new
site is dropped at the end."""

import glob
import json
import os
import shutil
import subprocess
import tempfile
import time

import frappe
import pytest

from tests.conftest import BENCH_DIR, SITE
from tests.integration.bench_cli import bench_user, run_bench
from tests.integration.client import ApiClient
from tests.integration.server import REPO
from tests.integration.world import REVIEWER, accepted_projects, act, make_edition, register_and_apply

# Alone on the site (tests/conftest.py): the site's fingerprint before the backup must be what the backup
# holds, so nothing else may write between them.
pytestmark = pytest.mark.exclusive

DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "root")


def fingerprint(site: str) -> dict:
	out = subprocess.run(
		[os.path.join(BENCH_DIR, "env", "bin", "python"), "-m", "tests.integration.site_fingerprint", site],
		cwd=os.path.join(BENCH_DIR, "sites"), env=dict(os.environ, PYTHONPATH=REPO),
		capture_output=True, text=True, timeout=120, check=True,
	).stdout
	return json.loads(out)


def private_file(project: str, name: str) -> str:
	frappe.set_user("Administrator")
	doc = frappe.get_doc({
		"doctype": "File", "file_name": name, "is_private": 1, "content": b"%PDF-1.4\n" + os.urandom(4096) + b"\n%%EOF\n",
		"attached_to_doctype": "Contest Project", "attached_to_name": project,
	}).insert(ignore_permissions=True)
	frappe.db.commit()
	return doc.file_url


@pytest.fixture(scope="module")
def contest(make_api_user, admin_api):
	"""An edition with a project filed in 历下区's 推荐汇总表 and under expert review, and one returned
	with a reason in 市中区; private files on both; reviewers holding User Permissions."""
	from tests.integration.world import make_expert

	title = make_edition(f"备份测试届次{frappe.generate_hash(length=6)}")
	lixia = make_api_user([REVIEWER], districts=["历下区"])
	shizhong = make_api_user([REVIEWER], districts=["市中区"])
	[accepted] = accepted_projects(make_api_user, "历下区", title, 1, reviewer=lixia)
	returned = register_and_apply(make_api_user, "市中区", contest=title)
	files = [private_file(app.project, f"竣工验收意见-{app.project}.pdf") for app in (accepted, returned)]
	assert act(returned.applicant, returned.project, "提交").ok
	assert act(shizhong, returned.project, "退回修改", reason="请补充盖章的承诺书").ok
	expert = make_expert(admin_api, make_api_user, organisation="备份测试大学")
	frappe.set_user("Administrator")
	review = frappe.get_doc({"doctype": "Expert Review", "contest": title, "project": accepted.project,
		"expert": expert.expert}).insert(ignore_permissions=True)
	frappe.db.commit()
	return frappe._dict(title=title, lixia=lixia, shizhong=shizhong, accepted=accepted.project,
		returned=returned.project, files=files, review=review.name)


@pytest.fixture(scope="module")
def restored(contest):
	"""(fingerprint of the site, fingerprint of the new site restored from its backup, new site name)"""
	new_site = f"restore-{frappe.generate_hash(length=8).lower()}.localhost"
	backup_dir = tempfile.mkdtemp(prefix="backup-test-", dir=os.path.join(BENCH_DIR, "logs"))
	archive_dir = tempfile.mkdtemp(prefix="archived-test-", dir=os.path.join(BENCH_DIR, "logs"))
	if os.geteuid() == 0:
		for d in (backup_dir, archive_dir):
			shutil.chown(d, bench_user(), bench_user())
	root = ("--db-root-username", "root", "--db-root-password", DB_ROOT_PASSWORD)
	clock = [time.monotonic()]

	def lap(what):
		print(f"{what}: {time.monotonic() - clock[0]:.1f}s")
		clock[0] = time.monotonic()

	try:
		before = fingerprint(SITE)
		lap("fingerprint")
		run_bench("--site", SITE, "backup", "--with-files", "--backup-path", backup_dir)
		lap("backup")

		def one(suffix):
			[path] = [p for p in glob.glob(os.path.join(backup_dir, "*")) if p.endswith(suffix)
				and (suffix != "-files.tar" or not p.endswith("-private-files.tar"))]
			return path

		database, public, private, config = (one("-database.sql.gz"), one("-files.tar"),
			one("-private-files.tar"), one("-site_config_backup.json"))
		run_bench("new-site", new_site, "--source_sql", database, *root, "--admin-password", "admin")
		lap("new-site --source_sql")
		run_bench("--site", new_site, "--force", "restore", database, "--with-public-files", public,
			"--with-private-files", private, *root, "--admin-password", "admin")
		lap("restore with files")
		with open(config) as f:
			run_bench("--site", new_site, "set-config", "encryption_key", json.load(f)["encryption_key"])
		after = fingerprint(new_site)
		lap("set-config, fingerprint")
		yield before, after, new_site
	finally:
		if os.path.isdir(os.path.join(BENCH_DIR, "sites", new_site)):
			run_bench("drop-site", new_site, "--force", "--no-backup", *root, "--archived-sites-path", archive_dir)
		shutil.rmtree(backup_dir, ignore_errors=True)
		shutil.rmtree(archive_dir, ignore_errors=True)


def test_every_contest_record_comes_back(contest, restored):
	before, after, _site = restored
	for doctype in ("Contest Project", "Participant Unit", "District Recommendation", "Expert Review",
			"Contest Project State Log", "User Permission"):
		assert len(before["tables"][doctype]) > 0, doctype
	names = {doctype: {row["name"] for row in after["tables"][doctype]} for doctype in after["tables"]}
	assert {contest.accepted, contest.returned} <= names["Contest Project"]
	assert contest.review in names["Expert Review"]
	assert set(before["tables"]) == set(after["tables"])
	for doctype, rows in before["tables"].items():
		# Same count, and every column of every row equal (names, states, scores, dates, owners...).
		restored_rows = {row["name"]: row for row in after["tables"][doctype]}
		missing = [row["name"] for row in rows if row["name"] not in restored_rows]
		changed = [(row, restored_rows[row["name"]]) for row in rows
			if row["name"] in restored_rows and restored_rows[row["name"]] != row]
		assert not missing and not changed, (doctype, missing[:5], changed[:2])
		assert len(restored_rows) == len(rows), doctype


def test_every_state_log_row_and_reason_comes_back(contest, restored):
	_before, after, _site = restored
	log = sorted((row for row in after["tables"]["Contest Project State Log"] if row["parent"] == contest.returned),
		key=lambda row: int(row["idx"]))
	assert [(row["action"], row["to_state"]) for row in log] == [("提交", "已提交（区县审核中）"), ("退回修改", "退回修改")]
	assert log[-1]["reason"] == "请补充盖章的承诺书"


def test_every_file_comes_back_byte_for_byte(contest, restored):
	before, after, _site = restored
	for url in contest.files:  # the test's own private files, named in Chinese
		path = url.lstrip("/")
		assert path.startswith("private/files/") and path in before["files"], url
	# Every file under private/files and public/files, with the same sha256.
	assert after["files"] == before["files"]


def test_the_restored_site_keeps_districts_apart(contest, restored, server_url):
	"""The reviewer's own API key (its secret is encrypted with the restored key) on the new site."""
	_before, _after, new_site = restored
	for reviewer, district, mine, theirs in ((contest.lixia, "历下区", contest.accepted, contest.returned),
			(contest.shizhong, "市中区", contest.returned, contest.accepted)):
		client = ApiClient(server_url, new_site, "", "")
		client.session.headers.update(reviewer.session.headers)
		client.session.headers["X-Frappe-Site-Name"] = new_site
		r = client.list("Contest Project", fields=["name", "district"], filters={"contest": contest.title},
			limit_page_length=0)
		assert r.ok, r
		districts = {row["district"] for row in r.data}
		names = {row["name"] for row in r.data}
		assert mine in names and theirs not in names, (names, mine, theirs)
		assert districts == {district}, districts
		assert client.get("Contest Project", theirs).status == 403
