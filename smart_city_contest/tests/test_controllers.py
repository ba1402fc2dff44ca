"""Site-level tests of the DocType controllers (the checkout's tests/controllers)."""

from smart_city_contest.tests import load_part


def load_tests(loader, standard_tests, pattern):
	return load_part(loader, "controllers")
