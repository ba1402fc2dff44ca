"""The rules' unit tests (the checkout's tests/unit: pure modules, no site needed)."""

from smart_city_contest.tests import load_part


def load_tests(loader, standard_tests, pattern):
	return load_part(loader, "unit")
