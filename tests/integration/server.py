"""Start a gunicorn serving the bench on 127.0.0.1 (used by the integration tests and the benchmarks)."""

import contextlib
import os
import socket
import subprocess
import time

import requests

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@contextlib.contextmanager
def running_server(bench_dir: str, site: str, workers: int = 2, threads: int = 4):
	"""Yield the base URL of a gunicorn (`workers` x `threads`, as in production) serving `site`."""
	port = free_port()
	log = open(os.path.join(bench_dir, "logs", "test-gunicorn.log"), "ab")
	proc = subprocess.Popen(
		[
			os.path.join(bench_dir, "env", "bin", "gunicorn"),
			"-b", f"127.0.0.1:{port}", "-w", str(workers), "--threads", str(threads), "-t", "120",
			"tests.integration.wsgi:application", "--preload",
		],
		cwd=os.path.join(bench_dir, "sites"),
		env=dict(os.environ, PYTHONPATH=REPO),
		stdout=log,
		stderr=log,
	)
	url = f"http://127.0.0.1:{port}"
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
