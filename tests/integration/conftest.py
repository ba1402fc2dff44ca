import pytest


@pytest.fixture(scope="session", autouse=True)
def _on_the_site(frappe_site):
	"""Every integration test runs connected to the test site (see tests/conftest.py)."""
	yield frappe_site
