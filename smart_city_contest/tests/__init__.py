"""Where Frappe's runner finds the app's tests: `bench --site <site> run-tests --app smart_city_contest`
(and `bench run-parallel-tests --app smart_city_contest`) walk this package for test_*.py modules.

The suite itself lives in the checkout's tests/ folder, beside this package, not inside it: that is
the project's layout, and it keeps the suite out of the installed package. These modules load parts
of it through unittest's `load_tests` protocol: the rules' unit tests (tests/unit) and the site-level
tests of the controllers (tests/controllers). The HTTP, browser, census and deployment suites
(tests/integration, tests/browser, tests/docs) start servers and browsers of their own and run under
pytest; `scripts/test` runs everything.

The checkout's tests/ is imported under a name of this package (`smart_city_contest.tests.suite`),
never as a top-level `tests`: the bench's import path gets no bare `tests` package from this app (its
editable install maps `smart_city_contest` alone: pyproject.toml, dev-mode-exact).
"""

import importlib
import importlib.util
import os
import sys
import unittest
from pathlib import Path

SUITE = f"{__name__}.suite"


def suite_folder() -> Path:
	"""The checkout's tests/ (SCC_SUITE_DIR names another one: the runner's own test uses it)."""
	folder = Path(os.environ.get("SCC_SUITE_DIR") or Path(__file__).resolve().parents[2] / "tests")
	if not (folder / "__init__.py").is_file():
		raise ImportError(f"no test suite at {folder}: the app's tests run from a checkout of its repository")
	return folder


def _suite_package():
	if SUITE not in sys.modules:
		folder = suite_folder()
		spec = importlib.util.spec_from_file_location(SUITE, folder / "__init__.py", submodule_search_locations=[str(folder)])
		package = importlib.util.module_from_spec(spec)
		sys.modules[SUITE] = package
		spec.loader.exec_module(package)
	return sys.modules[SUITE]


def load_part(loader: unittest.TestLoader, part: str) -> unittest.TestSuite:
	"""Every test of tests/<part>/test_*.py; a module there that gives unittest no test is an error
	(a pytest-only module would otherwise be skipped without a word)."""
	_suite_package()
	suite = unittest.TestSuite()
	for path in sorted((suite_folder() / part).glob("test_*.py")):
		module = importlib.import_module(f"{SUITE}.{part}.{path.stem}")
		tests = loader.loadTestsFromModule(module)
		if not tests.countTestCases():
			raise ImportError(f"tests/{part}/{path.name} has no unittest test: Frappe's runner would not run it")
		suite.addTests(tests)
	return suite
