"""Frappe's own runner runs the app's tests and fails when one fails (smart_city_contest/tests/), and
the app puts no bare `tests` package on the bench's import path."""

import contextlib
import json
import os
import subprocess
import tempfile
import unittest

from tests.conftest import BENCH_DIR, SITE
from tests.integration.bench_cli import bench_argv, bench_env

CHECKOUT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run_tests(*args: str, suite: str | None = None) -> subprocess.CompletedProcess:
	env = bench_env(CI="1", **({"SCC_SUITE_DIR": suite} if suite else {}))
	return subprocess.run(bench_argv("--site", SITE, "run-tests", *args), cwd=BENCH_DIR, env=env,
		capture_output=True, text=True, timeout=600)


@contextlib.contextmanager
def planted_suite(name: str, text: str):
	"""A suite folder like tests/ whose unit/ holds one module, `name`, with `text` (SCC_SUITE_DIR)."""
	with tempfile.TemporaryDirectory() as tmp:
		suite = os.path.join(tmp, "tests")
		os.makedirs(os.path.join(suite, "unit"))
		for path, content in (("__init__.py", ""), ("unit/__init__.py", ""), (f"unit/{name}", text)):
			with open(os.path.join(suite, path), "w") as f:
				f.write(content)
		os.chmod(tmp, 0o755)
		yield suite


def test_the_runner_runs_the_rules_unit_tests():
	proc = run_tests("--module", "smart_city_contest.tests.test_rules")
	out = proc.stdout + proc.stderr
	assert proc.returncode == 0, out[-3000:]
	ran = int(out.rsplit("Ran ", 1)[1].split(" ", 1)[0])
	# Every test of tests/unit, as unittest itself finds them here.
	expected = unittest.TestLoader().discover(os.path.join(CHECKOUT, "tests", "unit"), top_level_dir=CHECKOUT)
	assert ran == expected.countTestCases() > 200, out[-2000:]


def test_the_runner_fails_when_a_test_fails(frappe_site):
	with planted_suite("test_planted.py", "import unittest\n\n\nclass TestPlanted(unittest.TestCase):\n"
			"\tdef test_passes(self):\n\t\tself.assertEqual(1, 1)\n\n"
			"\tdef test_planted_failure(self):\n\t\tself.assertEqual(1, 2)\n") as suite:
		proc = run_tests("--module", "smart_city_contest.tests.test_rules", suite=suite)
	out = proc.stdout + proc.stderr
	assert proc.returncode != 0, out[-3000:]
	assert "test_planted_failure" in out and "Ran 2 tests" in out and "FAILED (failures=1)" in out, out[-3000:]


def test_a_module_without_unittest_tests_is_an_error_not_a_silent_skip(frappe_site):
	with planted_suite("test_zz_pytest_only.py", "def test_only_pytest_sees_me():\n\tassert True\n") as suite:
		proc = run_tests("--module", "smart_city_contest.tests.test_rules", suite=suite)
	out = proc.stdout + proc.stderr
	assert proc.returncode != 0 and "test_zz_pytest_only.py has no unittest test" in out, out[-3000:]


def test_the_bench_gets_no_tests_package_from_the_app():
	probe = ("import importlib.util, json, sys, smart_city_contest; spec = importlib.util.find_spec('tests');"
		"print(json.dumps([smart_city_contest.__file__, spec.origin if spec else None, sys.path]))")
	argv = [os.path.join(BENCH_DIR, "env", "bin", "python"), "-c", probe]
	if os.geteuid() == 0:
		argv = ["runuser", "-u", _owner(), "--", *argv]
	proc = subprocess.run(argv, cwd=os.path.join(BENCH_DIR, "sites"), env={"PATH": "/usr/bin:/bin"},
		capture_output=True, text=True, timeout=60)
	assert proc.returncode == 0, proc.stderr
	package, tests_origin, path = json.loads(proc.stdout)
	checkout = os.path.realpath(os.path.join(BENCH_DIR, "apps", "smart_city_contest"))
	assert os.path.realpath(package).startswith(checkout), package
	assert not any(os.path.realpath(p or ".") == checkout for p in path), path
	assert tests_origin is None or not os.path.realpath(tests_origin).startswith(checkout + os.sep), tests_origin


def _owner() -> str:
	from tests.integration.bench_cli import bench_user

	return bench_user()
