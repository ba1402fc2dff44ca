"""A small REST client that speaks to the site exactly as an integrator would."""

import json

import frappe
import requests


def api_user(user: str) -> tuple[str, str]:
	"""(api_key, api_secret) for `user`, generated on the site and committed. Administrator keeps the
	keys he has: test sessions running side by side on one site (engineers, CI) would otherwise void
	each other's."""
	doc = frappe.get_doc("User", user)
	if user == "Administrator" and doc.api_key:
		from frappe.utils.password import get_decrypted_password

		secret = get_decrypted_password("User", user, "api_secret", raise_exception=False)
		if secret:
			return doc.api_key, secret
	secret = frappe.generate_hash(length=15)
	if not doc.api_key:
		doc.api_key = frappe.generate_hash(length=15)
	doc.api_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
	frappe.db.commit()
	return doc.api_key, secret


class ApiResponse:
	def __init__(self, response: requests.Response):
		self.raw = response
		self.status = response.status_code
		try:
			self.json = response.json()
		except ValueError:
			self.json = {}

	@property
	def ok(self) -> bool:
		return 200 <= self.status < 300

	@property
	def data(self):
		return self.json.get("data", self.json.get("message"))

	@property
	def exc_type(self) -> str | None:
		return self.json.get("exc_type")

	@property
	def messages(self) -> list[str]:
		"""The user-facing messages Frappe sends in _server_messages (what the desk shows)."""
		raw = self.json.get("_server_messages")
		if not raw:
			return []
		return [json.loads(m).get("message", "") for m in json.loads(raw)]

	@property
	def message(self) -> str:
		return "\n".join(self.messages)

	def __repr__(self):
		return f"<ApiResponse {self.status} {self.exc_type} {self.message or self.raw.text[:300]}>"


class ApiClient:
	def __init__(self, base_url: str, site: str, api_key: str, api_secret: str):
		self.base_url = base_url
		self.session = requests.Session()
		self.session.headers.update(
			{
				"Authorization": f"token {api_key}:{api_secret}",
				"X-Frappe-Site-Name": site,
				"Accept": "application/json",
			}
		)

	def request(self, method: str, path: str, **kwargs) -> ApiResponse:
		return ApiResponse(self.session.request(method, self.base_url + path, timeout=60, **kwargs))

	def insert(self, doctype: str, doc: dict) -> ApiResponse:
		return self.request("POST", f"/api/resource/{doctype}", json=doc)

	def get(self, doctype: str, name: str) -> ApiResponse:
		return self.request("GET", f"/api/resource/{doctype}/{name}")

	def update(self, doctype: str, name: str, values: dict) -> ApiResponse:
		return self.request("PUT", f"/api/resource/{doctype}/{name}", json=values)

	def delete(self, doctype: str, name: str) -> ApiResponse:
		return self.request("DELETE", f"/api/resource/{doctype}/{name}")

	def list(self, doctype: str, **params) -> ApiResponse:
		params = {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in params.items()}
		return self.request("GET", f"/api/resource/{doctype}", params=params)

	def call(self, method: str, **params) -> ApiResponse:
		return self.request("POST", f"/api/method/{method}", json=params)
