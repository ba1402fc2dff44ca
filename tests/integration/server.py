"""Start a gunicorn serving the bench on 127.0.0.1 (used by the integration tests and the benchmarks)."""

import contextlib
import os
import socket
import subprocess
import time

import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port(host: str = "127.0.0.1") -> int:
	with socket.socket() as s:
		s.bind((host, 0))
		return s.getsockname()[1]


@contextlib.contextmanager
def running_server(bench_dir: str, site: str, workers: int = 2, threads: int = 4, host: str = "127.0.0.1",
	app: str = "tests.integration.wsgi:application", log_name: str = "test-gunicorn.log"):
	"""Yield the base URL of a gunicorn (`workers` x `threads`, as in production) serving `site` on
	`host` (a loopback address: 127.0.0.1, or 127.0.0.2 for a second app server) with the WSGI `app`."""
	port = free_port(host)
	url = f"http://{host}:{port}"
	log = open(os.path.join(bench_dir, "logs", log_name), "ab")
	proc = subprocess.Popen(
		[
			os.path.join(bench_dir, "env", "bin", "gunicorn"),
			"-b", f"{host}:{port}", "-w", str(workers), "--threads", str(threads), "-t", "120",
			app, "--preload",
		],
		cwd=os.path.join(bench_dir, "sites"),
		env=dict(os.environ, PYTHONPATH=REPO, SCC_SERVER_URL=url),
		stdout=log,
		stderr=log,
	)
	try:
		deadline = time.monotonic() + 60
		while True:
			try:
				r = requests.get(f"{url}/api/method/ping", headers={"X-Frappe-Site-Name": site}, timeout=5)
				if r.status_code == 200:
					break
			except requests.ConnectionError:
				pass
			if proc.poll() is not None or time.monotonic() > deadline:
				raise RuntimeError(f"gunicorn did not come up on {url}; see {log.name}")
			time.sleep(0.3)
		yield url
	finally:
		proc.terminate()
		try:
			proc.wait(timeout=30)
		except subprocess.TimeoutExpired:
			proc.kill()
		log.close()
