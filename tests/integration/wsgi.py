"""The WSGI app the integration tests serve with gunicorn: Frappe's, plus /assets and /files as
nginx serves them in production (Frappe's print-to-PDF fetches its stylesheets over HTTP)."""

import os

import frappe
from frappe.app import application as frappe_application
from werkzeug.middleware.shared_data import SharedDataMiddleware

sites_path = os.getcwd()

# Links the site makes to itself (the stylesheets Frappe's wkhtmltopdf fetches, links in mails) point at
# this server (server.running_server passes its URL), whatever the site config's host_name says: two
# test sessions at once each run their own server on the site (tests/conftest.py), and either may
# have written host_name last.
if own_url := os.environ.get("SCC_SERVER_URL"):
	_site_config = frappe.get_site_config

	def _with_own_url(*args, **kwargs):
		return {**_site_config(*args, **kwargs), "host_name": own_url}

	frappe.get_site_config = _with_own_url
application = SharedDataMiddleware(
	frappe_application,
	{"/assets": os.path.join(sites_path, "assets")},
)
