"""The production-like stack the load and batch benchmarks run against: a Redis of the site's own for
its job queue with RQ workers on it (so a run neither feeds nor drains the bench's shared queue)."""

import contextlib
import json
import os
import subprocess
import sys

import frappe

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Background renders yield the CPU to web requests (SCC_WORKER_NICE=0 to compare without).
NICE = ["nice", "-n", os.environ.get("SCC_WORKER_NICE", "10")]

WORKER = (
	"import frappe, sys\n"
	"from frappe.utils.background_jobs import get_redis_conn, get_queue_list, Worker\n"
	"frappe.init(site=sys.argv[1], sites_path='.')\n"
	"conn = get_redis_conn()\n"
	"queues = get_queue_list(None, build_queue_name=True)\n"
	"frappe.destroy()\n"
	"Worker(queues, connection=conn).work(logging_level='WARNING')\n"
)


@contextlib.contextmanager
def private_job_queue(bench: str, site: str, workers: int, log_name: str):
	"""A Redis of its own for the connected site's job queue and `workers` RQ workers listening on it;
	the site's own redis_queue setting is restored afterwards."""
	from frappe.installer import update_site_config

	from tests.integration.server import free_port

	port = free_port()
	log = open(os.path.join(bench, "logs", log_name), "ab")
	redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
		stdout=log, stderr=log)
	with open(frappe.get_site_path("site_config.json")) as f:
		previous = json.load(f).get("redis_queue")  # the site's own setting, not the bench's
	update_site_config("redis_queue", f"redis://127.0.0.1:{port}")
	procs = [subprocess.Popen([*NICE, sys.executable, "-c", WORKER, site], cwd=os.path.join(bench, "sites"),
		env=dict(os.environ, PYTHONPATH=REPO), stdout=log, stderr=log) for _ in range(workers)]
	try:
		yield
	finally:
		for proc in procs:
			proc.terminate()
		for proc in procs:
			try:
				proc.wait(timeout=30)
			except subprocess.TimeoutExpired:
				proc.kill()
		update_site_config("redis_queue", previous if previous else "None")
		if not previous:
			frappe.local.conf.pop("redis_queue", None)  # update_site_config left the string "None" here
		redis.terminate()
		redis.wait(timeout=20)
		log.close()
