"""District isolation costs (almost) nothing: the Contest Project list over REST as a district reviewer
vs as Administrator, with 10,000 projects over 15 districts.

	cd /home/frappe/frappe-bench/sites && \
	  PYTHONPATH=<repo> ../env/bin/python <repo>/benchmarks/district_isolation.py --site test-contest.localhost [--projects 100000]

Target: reviewer/admin median ratio <= 1.3 (isolation is a SQL condition on an indexed column).
The data lives in its own edition "基准测试届次（隔离）" and is made once (bulk insert), then reused.
"""

import os
import random
import statistics
import sys
import time

import frappe

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import requests
from _site import connect  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from smart_city_contest.rules.uscc import with_check_digit  # noqa: E402
from tests.factories import edition_payload  # noqa: E402
from tests.integration.client import api_user  # noqa: E402
from tests.integration.server import running_server  # noqa: E402

EDITION = "基准测试届次（隔离）"
PROJECTS = 10_000
REPEAT = 100


def make_data():
	if frappe.db.count("Contest Project", {"contest": EDITION}) >= PROJECTS:
		return
	if not frappe.db.exists("Contest Edition", EDITION):
		frappe.get_doc(dict(edition_payload(EDITION), doctype="Contest Edition")).insert()
	districts = frappe.get_all("Contest District", pluck="name")
	rng = random.Random(20211118)
	now = frappe.utils.now_datetime()
	units, projects = [], []
	for i in range(PROJECTS):
		unit = f"BENCH-U{i:05d}"
		district = districts[i % len(districts)]
		uscc = with_check_digit(f"91370100B{i:08d}")
		units.append((unit, now, now, "Administrator", "Administrator", f"基准测试单位{i}", uscc, district, "企业", "民营", "联系人", "13800000000"))
		projects.append((f"BENCH-P{i:05d}", now, now, "Administrator", "Administrator", EDITION, unit, f"基准测试单位{i}",
			district, f"基准项目{i}", "否", f"基准测试单位{i}", rng.randint(10, 5000), 1, rng.choice(["草稿", "已提交（区县审核中）", "区县已推荐"])))
	frappe.db.bulk_insert("Participant Unit", ["name", "creation", "modified", "owner", "modified_by", "unit_name", "uscc",
		"district", "unit_category", "enterprise_nature", "contact_name", "contact_mobile"], units, ignore_duplicates=True)
	frappe.db.bulk_insert("Contest Project", ["name", "creation", "modified", "owner", "modified_by", "contest", "unit",
		"unit_name", "district", "project_name", "city_funded", "investor_name", "investment_amount", "domain_industry",
		"workflow_state"], projects, ignore_duplicates=True)
	frappe.db.commit()


def reviewer(district: str) -> str:
	email = "bench-reviewer@test.example.com"
	if not frappe.db.exists("User", email):
		frappe.get_doc({"doctype": "User", "email": email, "first_name": "基准审核员", "send_welcome_email": 0,
			"roles": [{"role": "District Reviewer"}]}).insert(ignore_permissions=True)
		frappe.permissions.add_user_permission("Contest District", district, email, ignore_permissions=True)
		frappe.db.commit()
	return email


def medians(sessions: dict, url: str, site: str) -> dict:
	"""Median ms per session; calls alternate between the sessions so drift on the machine hits both alike."""
	params = {"fields": '["name","project_name","unit_name","district","workflow_state"]', "limit_page_length": 20,
		"filters": f'[["contest","=","{EDITION}"]]'}
	times = {label: [] for label in sessions}
	rows = {}
	for i in range(REPEAT + 5):
		for label, session in sessions.items():
			t = time.perf_counter()
			r = session.get(f"{url}/api/resource/Contest Project", params=params, headers={"X-Frappe-Site-Name": site})
			elapsed = (time.perf_counter() - t) * 1000
			r.raise_for_status()
			rows[label] = r.json()["data"]
			if i >= 5:  # warm-up
				times[label].append(elapsed)
	return {label: (statistics.median(t), rows[label]) for label, t in times.items()}


def main():
	global PROJECTS
	args = connect(__doc__.splitlines()[0], projects=PROJECTS)
	PROJECTS = args.projects
	t = time.perf_counter()
	make_data()
	print(f"data: {frappe.db.count('Contest Project', {'contest': EDITION})} projects in {EDITION} "
		f"over {frappe.db.count('Contest District')} districts (ready in {time.perf_counter() - t:.1f}s)")
	sessions = {}
	for label, user in (("Administrator", "Administrator"), ("District Reviewer (历下区)", reviewer("历下区"))):
		key, secret = api_user(user)
		s = requests.Session()
		s.headers["Authorization"] = f"token {key}:{secret}"
		sessions[label] = s
	with running_server(args.bench, args.site, workers=1, threads=1) as url:
		results = medians(sessions, url, args.site)
	for label, (ms, rows) in results.items():
		districts = sorted({row["district"] for row in rows})
		print(f"GET /api/resource/Contest Project (20 rows) as {label}: median {ms:.1f} ms over {REPEAT} calls; "
			f"districts in the page: {'、'.join(districts)}")
	assert {row["district"] for row in results["District Reviewer (历下区)"][1]} == {"历下区"}
	admin, reviewer_ms = results["Administrator"][0], results["District Reviewer (历下区)"][0]
	ratio = reviewer_ms / admin
	print(f"ratio reviewer/admin: {ratio:.2f} (target <= 1.30) -> {'OK' if ratio <= 1.3 else 'OVER TARGET'}")
	frappe.destroy()


if __name__ == "__main__":
	main()
