"""Run the bench CLI from the tests as an operator would: as the bench's owner, in the bench folder.

Used by the tests that need real background processes (an RQ worker) or real operator commands
(backup, restore, drop-site)."""

import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import time

from tests.conftest import BENCH_DIR


def bench_user() -> str:
	return pwd.getpwuid(os.stat(BENCH_DIR).st_uid).pw_name


def bench_argv(*args: str) -> list[str]:
	"""argv for `bench ARGS...`, through runuser when the tests run as root (bench refuses root)."""
	bench = shutil.which("bench") or "/usr/local/bin/bench"
	if os.geteuid() != 0:
		return [bench, *args]
	user = bench_user()
	return ["runuser", "-u", user, "--", "env", f"HOME=/home/{user}", "PATH=/usr/local/bin:/usr/bin:/bin", bench, *args]


def bench_env(**overrides) -> dict:
	env = dict(os.environ)
	# Frappe's RQ jobs treat CI=... as a test run and then skip the SMTP conversation
	# (frappe.utils.background_jobs.execute_job sets flags.in_test): a real worker runs without it.
	env.pop("CI", None)
	env.update(overrides)
	return env


def run_bench(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
	"""Run `bench ARGS...` to completion; raise with its output when it fails."""
	proc = subprocess.run(
		bench_argv(*args), cwd=BENCH_DIR, env=bench_env(), capture_output=True, text=True, timeout=timeout
	)
	if proc.returncode != 0:
		raise AssertionError(
			f"bench {' '.join(args)} exited {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}\n--- stderr\n{proc.stderr[-4000:]}"
		)
	return proc


@contextlib.contextmanager
def running_bench(*args: str, log_name: str):
	"""A long-running `bench ARGS...` (e.g. `bench worker`) for the duration of the block, stopped
	(warm shutdown, then killed) on the way out."""
	log = open(os.path.join(BENCH_DIR, "logs", log_name), "ab")
	proc = subprocess.Popen(
		bench_argv(*args), cwd=BENCH_DIR, env=bench_env(), stdout=log, stderr=log, start_new_session=True
	)
	try:
		time.sleep(0.5)
		if proc.poll() is not None:
			raise RuntimeError(f"bench {' '.join(args)} exited at once; see {log.name}")
		yield proc
	finally:
		with contextlib.suppress(ProcessLookupError):
			os.killpg(proc.pid, signal.SIGTERM)
		try:
			proc.wait(timeout=30)
		except subprocess.TimeoutExpired:
			with contextlib.suppress(ProcessLookupError):
				os.killpg(proc.pid, signal.SIGKILL)
			proc.wait(timeout=10)
		log.close()


def wait_for(predicate, timeout: float, what: str, interval: float = 0.5):
	"""Poll `predicate` until it returns something truthy (returned), or fail after `timeout` seconds."""
	deadline = time.monotonic() + timeout
	while True:
		value = predicate()
		if value:
			return value
		if time.monotonic() > deadline:
			raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
		time.sleep(interval)
