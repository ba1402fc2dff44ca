import pytest


@pytest.fixture(scope="session", autouse=True)
def _connected(frappe_site):
	"""FrappeTestCase expects Frappe connected to the site, as Frappe's runner leaves it."""
	yield frappe_site
