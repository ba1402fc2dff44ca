"""Shared start of the benchmark scripts: which site, and a connection to it as Administrator."""

import argparse
import os
import sys

import frappe

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if REPO not in sys.path:
	sys.path.insert(0, REPO)


def connect(description: str, **sizes: int) -> argparse.Namespace:
	"""Parse --site, --bench and a --<size> option per keyword (its default), then connect."""
	parser = argparse.ArgumentParser(description=description)
	parser.add_argument("--site", default=os.environ.get("SCC_TEST_SITE", "test-contest.localhost"))
	parser.add_argument("--bench", default=os.environ.get("SCC_BENCH_DIR", "/home/frappe/frappe-bench"))
	for name, default in sizes.items():
		parser.add_argument(f"--{name}", type=int, default=default)
	args = parser.parse_args()
	os.chdir(os.path.join(args.bench, "sites"))
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	frappe.local.conf.throttle_user_limit = 100_000
	return args
