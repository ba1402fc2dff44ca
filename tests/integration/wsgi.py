"""The WSGI app the integration tests serve with gunicorn: Frappe's, plus /assets and /files as
nginx serves them in production (Frappe's print-to-PDF fetches its stylesheets over HTTP)."""

import os

from frappe.app import application as frappe_application
from werkzeug.middleware.shared_data import SharedDataMiddleware

sites_path = os.getcwd()
application = SharedDataMiddleware(
	frappe_application,
	{"/assets": os.path.join(sites_path, "assets")},
)
