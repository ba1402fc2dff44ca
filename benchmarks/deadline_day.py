"""Deadline day under load (issue #12): locust against a production-like stack on this machine.

	cd /home/frappe/frappe-bench/sites && sudo -u frappe PYTHONPATH=<repo> ../env/bin/python \
	  <repo>/benchmarks/deadline_day.py --site <site> --users 200 --duration 120

What it does, all on 127.0.0.1 and for a bounded time:
1. seeds, in-process: applicant accounts (each with its Participant Unit, spread over the 15
   districts), one District Reviewer per district, a few Contest Admin accounts (reused by later
   runs), and a new edition with its application window open in which every applicant has a draft;
2. starts the stack: a private Redis for the job queue, RQ workers for this site, and gunicorn
   (`--workers` sync workers, as `bench setup production` runs it);
3. runs locust headless (benchmarks/deadline_day_locust.py) from its own virtualenv (`--locust`,
   default /home/frappe/locust-env; made with `python3 -m venv` and `pip install locust`, so the
   bench's packages stay as Frappe pins them) with `--users` applicants, the reviewers and the city;
4. prints throughput, p50/p95/p99 per request kind and every error, then audits the database
   against what the server acknowledged: every submission that got a 2xx is stored exactly once
   with its files and its state log, nothing is half-saved.
Exit status 1 when a request failed or the audit found a problem.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack

import frappe

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _stack import private_job_queue  # noqa: E402

from smart_city_contest.rules import project_workflow as wf  # noqa: E402
from smart_city_contest.rules.deadlines import now_in  # noqa: E402
from tests.factories import edition_payload, project_payload, random_uscc, unit_payload  # noqa: E402
from tests.integration.server import running_server  # noqa: E402

DOMAIN = "load.example.com"
CITY_ACCOUNTS = 3


def parse_args():
	p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	p.add_argument("--site", default=os.environ.get("SCC_TEST_SITE", "test-contest.localhost"))
	p.add_argument("--bench", default=os.environ.get("SCC_BENCH_DIR", "/home/frappe/frappe-bench"))
	p.add_argument("--users", type=int, default=200, help="virtual applicants (besides 15 reviewers and the city)")
	p.add_argument("--duration", type=int, default=120, help="seconds of load (the spawn included)")
	p.add_argument("--spawn-rate", type=float, default=10, help="users started per second")
	p.add_argument("--think", default="2,5", help="think time between a user's requests, min,max seconds")
	p.add_argument("--workers", type=int, default=4, help="gunicorn workers")
	p.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (1: sync workers)")
	p.add_argument("--rq-workers", type=int, default=2)
	p.add_argument("--return-share", type=float, default=0.2, help="share of checked projects a reviewer returns")
	p.add_argument("--locust", default="/home/frappe/locust-env/bin/locust")
	p.add_argument("--baseline", action="store_true",
		help="serve the site as before the fix (no READ COMMITTED hook, no retry) to compare")
	p.add_argument("--json", help="also write the figures to this file")
	return p.parse_args()


# --- 1. seed ----------------------------------------------------------------------------------


def bulk_accounts(accounts: list[tuple[str, str, str]]) -> None:
	"""Desk users (email, name, role) made with a few bulk INSERTs (a User document insert takes about
	a second here, and these accounts only need to log in with a key and hold their role)."""
	missing = [a for a in accounts if not frappe.db.exists("User", a[0])]
	if not missing:
		return
	now = frappe.utils.now_datetime()
	frappe.db.bulk_insert("User", ["name", "email", "first_name", "full_name", "enabled", "user_type", "language",
		"send_welcome_email", "creation", "modified", "owner", "modified_by"],
		[(e, e, n, n, 1, "System User", "zh", 0, now, now, "Administrator", "Administrator") for e, n, _r in missing])
	frappe.db.bulk_insert("Has Role", ["name", "parent", "parenttype", "parentfield", "role", "idx", "creation", "modified",
		"owner", "modified_by"],
		[(frappe.generate_hash(length=10), e, "User", "roles", r, 1, now, now, "Administrator", "Administrator")
		 for e, _n, r in missing])


def bulk_user_permissions(rows: list[tuple[str, str, str]]) -> None:
	"""User Permissions (user, allow, for_value) that do not exist yet."""
	now = frappe.utils.now_datetime()
	new = [r for r in rows if not frappe.db.exists("User Permission", {"user": r[0], "allow": r[1], "for_value": r[2]})]
	frappe.db.bulk_insert("User Permission", ["name", "user", "allow", "for_value", "apply_to_all_doctypes", "is_default",
		"hide_descendants", "creation", "modified", "owner", "modified_by"],
		[(frappe.generate_hash(length=10), u, a, v, 1, 0, 0, now, now, "Administrator", "Administrator") for u, a, v in new])


def new_keys(user: str) -> dict:
	"""A fresh API secret for `user` (the key is kept); the secret is only known to this run."""
	from frappe.utils.password import set_encrypted_password

	key = frappe.db.get_value("User", user, "api_key") or frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	frappe.db.set_value("User", user, "api_key", key, update_modified=False)
	set_encrypted_password("User", user, secret, "api_secret")
	return {"user": user, "key": key, "secret": secret}


def seed(applicants: int) -> dict:
	started = time.monotonic()
	districts = frappe.get_all("Contest District", pluck="name", order_by="division_code asc, name asc")
	reviewer_emails = [f"reviewer{k:02d}@{DOMAIN}" for k in range(len(districts))]
	city_emails = [f"city{j}@{DOMAIN}" for j in range(CITY_ACCOUNTS)]
	applicant_emails = [f"applicant{i:04d}@{DOMAIN}" for i in range(applicants)]
	bulk_accounts(
		[(e, f"区县审核员{k:02d}", wf.DISTRICT_REVIEWER) for k, e in enumerate(reviewer_emails)]
		+ [(e, f"市局{j}", wf.CONTEST_ADMIN) for j, e in enumerate(city_emails)]
		+ [(e, f"申报单位{i:04d}", wf.APPLICANT) for i, e in enumerate(applicant_emails)]
	)
	# Each applicant's unit (the fields of a valid 参赛单位, every declaration ticked), tied to the account.
	have = dict(frappe.db.sql("select user, name from `tabParticipant Unit` where user like %s", f"%@{DOMAIN}"))
	now = frappe.utils.now_datetime()
	template = unit_payload()
	fields = [f for f in template if f not in ("unit_name", "uscc", "district")]
	rows = []
	for i, email in enumerate(applicant_emails):
		if email not in have:
			name = f"LOAD-U{i:04d}"
			rows.append((name, now, now, "Administrator", "Administrator", email, f"泉城压测科技有限公司{i:04d}",
				random_uscc(), districts[i % len(districts)], *(template[f] for f in fields)))
			have[email] = name
	frappe.db.bulk_insert("Participant Unit", ["name", "creation", "modified", "owner", "modified_by", "user", "unit_name",
		"uscc", "district", *fields], rows)
	bulk_user_permissions(
		[(e, "Contest District", d) for e, d in zip(reviewer_emails, districts, strict=True)]
		+ [(e, "Participant Unit", have[e]) for e in applicant_emails]
	)
	frappe.db.commit()
	frappe.clear_cache()
	reviewers = [dict(new_keys(e), district=d) for e, d in zip(reviewer_emails, districts, strict=True)]
	city = [new_keys(e) for e in city_emails]
	accounts = [dict(new_keys(e), unit=have[e]) for e in applicant_emails]
	frappe.db.commit()
	accounts_made = time.monotonic() - started

	# A new edition for this run, its application and recommendation windows open, and a draft each.
	now = now_in("Asia/Shanghai").replace(microsecond=0)
	contest = f"压测届次{now:%Y%m%d%H%M%S}"
	frappe.get_doc(dict(edition_payload(contest), doctype="Contest Edition")).insert()
	for account in accounts:
		doc = frappe.get_doc(dict(project_payload(account["unit"], contest=contest), doctype="Contest Project",
			project_name=f"泉城智慧治理平台（{account['user'].split('@')[0]}）"))
		doc.insert()
		account["project"] = doc.name
	frappe.db.commit()
	print(f"seeded {len(accounts)} applicants, {len(reviewers)} reviewers, {len(city)} city accounts "
		f"in {accounts_made:.0f} s; edition {contest} with {len(accounts)} drafts in {time.monotonic() - started - accounts_made:.0f} s",
		flush=True)
	return {"contest": contest, "applicants": accounts, "reviewers": reviewers, "city": city, "districts": districts}


# --- 2. the stack -----------------------------------------------------------------------------


def gunicorn(bench: str, site: str, workers: int, threads: int, baseline: bool):
	"""gunicorn serving the bench on 127.0.0.1, with the site as before the fix when `baseline`."""
	app = "benchmarks.deadline_day_baseline_wsgi:application" if baseline else "tests.integration.wsgi:application"
	return running_server(bench, site, workers=workers, threads=threads, app=app, log_name="deadline-day-gunicorn.log")


# --- 3. run -----------------------------------------------------------------------------------


def run_locust(args, url: str, data: dict, workdir: str) -> dict:
	config = {
		"url": url, "site": args.site, "contest": data["contest"], "think": [float(x) for x in args.think.split(",")],
		"applicants": data["applicants"], "reviewers": data["reviewers"], "city": data["city"],
		"districts": data["districts"], "return_share": args.return_share,
	}
	config_path = os.path.join(workdir, "config.json")
	results_path = os.path.join(workdir, "results.json")
	json.dump(config, open(config_path, "w"), ensure_ascii=False)
	total = args.users + len(data["reviewers"]) + len(data["city"])
	cmd = [args.locust, "-f", os.path.join(REPO, "benchmarks", "deadline_day_locust.py"), "--headless",
		"-u", str(total), "-r", str(args.spawn_rate), "-t", f"{args.duration}s", "--stop-timeout", "30",
		"--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"]
	env = dict(os.environ, DEADLINE_DAY_CONFIG=config_path, DEADLINE_DAY_RESULTS=results_path)
	started = time.time()
	with open(os.path.join(workdir, "locust.log"), "w") as log:
		subprocess.run(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, check=True, timeout=args.duration + 120)
	results = json.load(open(results_path))
	results["wall"] = time.time() - started
	return results


def percentile(values: list[float], q: float) -> float:
	values = sorted(values)
	if not values:
		return 0.0
	k = (len(values) - 1) * q
	lo, hi = int(k), min(int(k) + 1, len(values) - 1)
	return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summarise(records: list, duration: float) -> dict:
	kinds = defaultdict(list)
	errors = defaultdict(int)
	for kind, ms, status, exc_type, _at in records:
		kinds[kind].append(ms)
		if not (200 <= status < 400):
			errors[(kind, status, exc_type)] += 1
	rows = {}
	for kind in sorted(kinds):
		ms = kinds[kind]
		rows[kind] = {"n": len(ms), "p50": percentile(ms, 0.5), "p95": percentile(ms, 0.95), "p99": percentile(ms, 0.99),
			"max": max(ms), "errors": sum(n for (k, _s, _e), n in errors.items() if k == kind)}
	every = [ms for ms_list in kinds.values() for ms in ms_list]
	interactive = [ms for kind, ms_list in kinds.items() if not kind.startswith("city: ") or "list" in kind for ms in ms_list]
	return {
		"kinds": rows,
		"all": {"n": len(every), "p50": percentile(every, 0.5), "p95": percentile(every, 0.95), "p99": percentile(every, 0.99),
			"rps": len(every) / duration if duration else 0},
		"interactive_p95": percentile(interactive, 0.95),
		"errors": {f"{k} HTTP {s} {e}": n for (k, s, e), n in sorted(errors.items(), key=str)},
	}


# --- 4. audit ---------------------------------------------------------------------------------


def audit(data: dict, acked: dict) -> list[str]:
	"""What the server acknowledged is what is stored: once, whole, with its files and its log."""
	from frappe.utils.file_manager import get_file_path

	frappe.db.rollback()
	problems = []
	contest = data["contest"]
	by_unit = defaultdict(int)
	for unit in frappe.get_all("Contest Project", filters={"contest": contest}, pluck="unit"):
		by_unit[unit] += 1
	problems += [f"unit {u}: {n} projects in {contest}" for u, n in by_unit.items() if n != 1]
	submitted = 0
	for account in data["applicants"]:
		name = account["project"]
		ack = acked.get(name)
		doc = frappe.get_doc("Contest Project", name)
		log = [(r.from_state, r.action, r.to_state) for r in sorted(doc.state_log, key=lambda r: (r.at, r.creation, r.idx))]
		submits = sum(1 for _f, action, _t in log if action in (wf.SUBMIT, wf.RESUBMIT))
		if ack is None:
			if doc.workflow_state != wf.DRAFT or log:
				problems.append(f"{name}: never touched by its applicant but {doc.workflow_state}, {len(log)} log rows")
			continue
		submitted += ack["submits"]
		# A request still in flight when the run stopped may or may not have been stored; either is whole.
		in_flight = ack.get("pending") or {}
		if not (ack["submits"] <= submits <= ack["submits"] + (1 if ack.get("submit_pending") else 0)):
			problems.append(f"{name}: {ack['submits']} submissions acknowledged, {submits} in the state log")
		if log:
			if log[0][0] != wf.DRAFT:
				problems.append(f"{name}: log starts at {log[0][0]}")
			for (_f, _a, to), (frm, _a2, _t2) in zip(log, log[1:], strict=False):
				if to != frm:
					problems.append(f"{name}: log jumps from {to} to {frm}")
			if log[-1][2] != doc.workflow_state:
				problems.append(f"{name}: state {doc.workflow_state} but the log ends at {log[-1][2]}")
		elif doc.workflow_state != wf.DRAFT:
			problems.append(f"{name}: {doc.workflow_state} without a log")
		if doc.workflow_state != wf.DRAFT and not (doc.submitted_on and doc.application_date
				and doc.completion_proof and doc.signed_pledge):
			problems.append(f"{name}: {doc.workflow_state} without its submission date or materials")
		stored = {"summary": doc.project_summary, "indicators": len(doc.indicators), "attachments": len(doc.attachments),
			"materials": [doc.completion_proof, doc.signed_pledge]}
		last = {k: ack.get(k) for k in stored}
		# (None: no save of its applicant was acknowledged; stored as seeded or as the save in flight.)
		if last["summary"] is not None and stored != last and stored != (in_flight or None):
			problems.append(f"{name}: stored {stored} is neither the last acknowledged save {last} nor the one in flight")
		for url in ack["files"]:
			file_name = frappe.db.get_value("File", {"file_url": url, "attached_to_doctype": "Contest Project",
				"attached_to_name": name}, "name")
			if not file_name:
				problems.append(f"{name}: uploaded {url} has no File record")
			elif not os.path.exists(get_file_path(url)):
				problems.append(f"{name}: {url} is not on disk")
		for row in doc.attachments:
			if row.file not in ack["files"]:
				problems.append(f"{name}: attachment row {row.file} was never uploaded")
	for table in ("Contest Project State Log", "Performance Indicator", "Contest Project Attachment"):
		orphans = frappe.db.sql(
			f"""select count(*) from `tab{table}` c left join `tabContest Project` p on p.name = c.parent
			where c.parenttype = 'Contest Project' and p.name is null"""
		)[0][0]
		if orphans:
			problems.append(f"{orphans} {table} rows without their project")
	data["audited_submissions"] = submitted
	return problems


def main():
	args = parse_args()
	os.chdir(os.path.join(args.bench, "sites"))
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.local.conf.throttle_user_limit = 1_000_000
	data = seed(args.users)
	workdir = tempfile.mkdtemp(prefix="deadline-day-")
	with ExitStack() as stack:
		stack.enter_context(private_job_queue(args.bench, args.site, args.rq_workers, "deadline-day-workers.log"))
		url = stack.enter_context(gunicorn(args.bench, args.site, args.workers, args.threads, args.baseline))
		print(f"stack{' (BASELINE: before the fix)' if args.baseline else ''}: gunicorn {args.workers} workers x "
			f"{args.threads} threads at {url}, {args.rq_workers} RQ workers; load average {os.getloadavg()[0]:.1f}; "
			f"locust: {args.users} applicants + {len(data['reviewers'])} reviewers + {len(data['city'])} city, "
			f"think {args.think} s, {args.duration} s", flush=True)
		results = run_locust(args, url, data, workdir)
	figures = summarise(results["records"], args.duration)
	figures["loadavg_after"] = os.getloadavg()[0]
	print(f"\n{'kind':34} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>6}")
	for kind, row in figures["kinds"].items():
		print(f"{kind:34} {row['n']:6d} {row['p50']:8.0f} {row['p95']:8.0f} {row['p99']:8.0f} {row['max']:8.0f} {row['errors']:6d}")
	a = figures["all"]
	print(f"{'all':34} {a['n']:6d} {a['p50']:8.0f} {a['p95']:8.0f} {a['p99']:8.0f}")
	print(f"throughput {a['rps']:.1f} requests/s over {args.duration} s; p95 without the XLSX downloads "
		f"{figures['interactive_p95']:.0f} ms")
	errors = sum(figures["errors"].values())
	print(f"errors: {errors}; load average at the end {figures['loadavg_after']:.1f} (on {os.cpu_count()} cores)")
	for what, n in figures["errors"].items():
		print(f"  {n:5d}  {what}")
	problems = audit(data, results["acked"])
	print(f"audit: {data['audited_submissions']} acknowledged submissions over {len(results['acked'])} projects; "
		f"{'all stored once with their files and state log, none half-saved' if not problems else f'{len(problems)} problems'}")
	for p in problems[:30]:
		print("  " + p)
	if args.json:
		json.dump({"users": args.users, "workers": args.workers, "threads": args.threads, **figures,
			"error_count": errors, "audit_problems": problems, "submissions": data["audited_submissions"]},
			open(args.json, "w"), ensure_ascii=False, indent=1)
	shutil.rmtree(workdir, ignore_errors=True)
	frappe.destroy()
	sys.exit(1 if errors or problems else 0)


if __name__ == "__main__":
	main()
