"""The attack-surface census: every door Frappe and the app open to a logged-in user is accounted for.

At runtime, every whitelisted method of Frappe and of the app (every module imported, then
`frappe.whitelisted`) and every DocType the four roles can reach (tests/integration/surface_census.py,
`reachable_doctypes`) must be either exercised by the isolation tests with a marker record, or on
the allow-list with a one-line reason. A method or DocType that appears with a new Frappe release or
a new feature of the app, and is in neither, fails this test until somebody has looked at it.
"""

import importlib
import os
import pkgutil

import pytest

from tests.integration import surface_census as census

HERE = os.path.dirname(os.path.abspath(__file__))
ISOLATION_TESTS = ("test_isolation_matrix.py", "test_security_surfaces.py", "test_security_census_probes.py")


def _import_everything(package: str) -> None:
	root = importlib.import_module(package)
	for info in pkgutil.walk_packages(root.__path__, package + "."):
		parts = info.name.split(".")
		if "tests" in parts or "patches" in parts or parts[-1].startswith("test_"):
			continue
		try:
			importlib.import_module(info.name)
		except Exception:  # a module that cannot load on this site cannot be called on it either
			pass


@pytest.fixture(scope="module")
def whitelisted(frappe_site):
	for app in frappe_site.get_installed_apps():
		_import_everything(app)
	return {f"{fn.__module__}.{fn.__qualname__}" for fn in frappe_site.whitelisted}


def _isolation_source() -> str:
	text = []
	for name in ISOLATION_TESTS:
		path = os.path.join(HERE, name)
		if os.path.exists(path):
			with open(path, encoding="utf-8") as f:
				text.append(f.read())
	return "\n".join(text)


def test_every_whitelisted_method_is_exercised_or_allowed(whitelisted):
	known = set(census.EXERCISED_METHODS) | set(census.ALLOWED_METHODS)
	unknown = sorted(whitelisted - known)
	assert not unknown, (
		f"{len(unknown)} whitelisted method(s) nobody has looked at; exercise each in the isolation tests or "
		f"allow it with a reason in tests/integration/surface_census.py: {unknown}"
	)


def test_the_census_lists_no_method_that_no_longer_exists(whitelisted):
	stale = sorted((set(census.EXERCISED_METHODS) | set(census.ALLOWED_METHODS)) - whitelisted)
	assert not stale, f"remove from tests/integration/surface_census.py: {stale}"


def test_no_method_is_both_exercised_and_merely_allowed():
	assert not set(census.EXERCISED_METHODS) & set(census.ALLOWED_METHODS)


def test_every_allowance_gives_a_reason():
	for table in (census.ALLOWED_METHODS, census.ALLOWED_DOCTYPES):
		empty = [name for name, reason in table.items() if len((reason or "").strip()) < 12]
		assert not empty, f"allowed without a reason: {empty}"


def test_no_known_hole_is_left_open():
	holes = sorted(name for table in (census.ALLOWED_METHODS, census.ALLOWED_DOCTYPES)
		for name, reason in table.items() if reason.lstrip().upper().startswith("HOLE"))
	assert not holes, f"listed as holes in tests/integration/surface_census.py: {holes}"


def test_exercised_methods_are_really_called_by_the_isolation_tests():
	source = _isolation_source()
	missing = []
	for method in census.EXERCISED_METHODS:
		if method not in source:
			missing.append(method)
	assert not missing, f"listed as exercised but not called in {ISOLATION_TESTS}: {missing}"


def test_every_reachable_doctype_is_exercised_or_allowed(frappe_site):
	reachable = census.reachable_doctypes(frappe_site)
	assert {"Contest Project", "Participant Unit", "File", "Contest Project State Log"} <= reachable
	unknown = sorted(reachable - set(census.EXERCISED_DOCTYPES) - set(census.ALLOWED_DOCTYPES))
	assert not unknown, (
		f"{len(unknown)} DocType(s) the four roles can reach that nobody has looked at; exercise or allow them in "
		f"tests/integration/surface_census.py: {unknown}"
	)


def test_exercised_doctypes_are_really_queried_by_the_isolation_tests():
	source = _isolation_source()
	missing = [doctype for doctype in census.EXERCISED_DOCTYPES if doctype not in source]
	assert not missing, f"listed as exercised but not in {ISOLATION_TESTS}: {missing}"


def test_the_census_notices_a_new_method(frappe_site, whitelisted):
	"""The tripwire itself: a method whitelisted after the census was written is caught."""
	import frappe

	@frappe.whitelist()
	def census_probe_new_endpoint():
		return "new"

	try:
		now = {f"{fn.__module__}.{fn.__qualname__}" for fn in frappe.whitelisted}
		unknown = now - set(census.EXERCISED_METHODS) - set(census.ALLOWED_METHODS)
		assert any(name.endswith("census_probe_new_endpoint") for name in unknown)
	finally:
		frappe.whitelisted.remove(census_probe_new_endpoint)
