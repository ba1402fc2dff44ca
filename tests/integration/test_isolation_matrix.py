"""属地原则 on every surface an integrator or the desk uses: role × surface × own/other district, over HTTP.

Each surface answers one question — did this user get this document's data? — and the matrix says
who must and who must not: the city bureau sees both districts' applications, a district reviewer
and an applicant only their own, an expert none.
"""

import json

import frappe
import pytest

from tests.integration.world import REVIEWER, register_and_apply

DT = "Contest Project"


@pytest.fixture(scope="module")
def world(make_api_user, admin_api):
	a = register_and_apply(make_api_user, "历下区")
	b = register_and_apply(make_api_user, "市中区")
	files = {}
	for app in (a, b):
		f = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"proof-{app.project}.txt",
				"content": f"证明材料 {app.project}",
				"is_private": 1,
				"attached_to_doctype": DT,
				"attached_to_name": app.project,
			}
		).insert(ignore_permissions=True)
		files[app.project] = f.file_url
	frappe.db.commit()
	viewers = {
		"admin": admin_api,
		"city": make_api_user(["Contest Admin"]),
		"reviewer_a": make_api_user([REVIEWER], districts=["历下区"]),
		"reviewer_b": make_api_user([REVIEWER], districts=["市中区"]),
		"reviewer_none": make_api_user([REVIEWER]),
		"applicant_a": a.applicant,
		"applicant_b": b.applicant,
		"expert": make_api_user(["Contest Expert"]),
	}
	return {"a": a, "b": b, "files": files, "viewers": viewers}


# Who must see which district's application.
SEES = {
	"admin": {"a", "b"},
	"city": {"a", "b"},
	"reviewer_a": {"a"},
	"reviewer_b": {"b"},
	"reviewer_none": set(),
	"applicant_a": {"a"},
	"applicant_b": {"b"},
	"expert": set(),
}


def _rest_list(c, w, name):
	r = c.list(DT, fields=["name"], limit_page_length=0)
	return r.ok and name in {row["name"] for row in r.data}


def _rest_get(c, w, name):
	r = c.get(DT, name)
	return r.ok and r.data["name"] == name


def _client_get(c, w, name):
	r = c.request("GET", "/api/method/frappe.client.get", params={"doctype": DT, "name": name})
	return r.ok and r.data["name"] == name


def _client_get_list(c, w, name):
	r = c.request("GET", "/api/method/frappe.client.get_list", params={"doctype": DT, "fields": '["name"]', "limit_page_length": 0})
	return r.ok and name in {row["name"] for row in r.data}


def _client_get_value(c, w, name):
	r = c.request("GET", "/api/method/frappe.client.get_value",
		params={"doctype": DT, "filters": json.dumps({"name": name}), "fieldname": "project_name"})
	return r.ok and bool(r.data) and bool(r.data.get("project_name"))


def _client_get_count(c, w, name):
	r = c.request("GET", "/api/method/frappe.client.get_count", params={"doctype": DT, "filters": json.dumps({"name": name})})
	return r.ok and r.data == 1


def _report_view(c, w, name):
	r = c.request("POST", "/api/method/frappe.desk.reportview.get",
		data={"doctype": DT, "fields": json.dumps([f"`tab{DT}`.`name`"]), "filters": json.dumps([[DT, "name", "=", name]])})
	return r.ok and bool(r.data) and name in json.dumps(r.data, ensure_ascii=False)


def _link_search(c, w, name):
	r = c.request("GET", "/api/method/frappe.desk.search.search_link", params={"doctype": DT, "txt": name})
	results = r.json.get("message") or r.json.get("results") or []
	return r.ok and name in {row.get("value") for row in results}


def _form_load(c, w, name):
	r = c.request("GET", "/api/method/frappe.desk.form.load.getdoc", params={"doctype": DT, "name": name})
	return r.ok and any(d.get("name") == name for d in r.json.get("docs", []))


def _print_view(c, w, name):
	r = c.request("GET", "/printview", params={"doctype": DT, "name": name, "format": "Standard"})
	return r.status == 200 and name in r.raw.text


def _pdf(c, w, name):
	r = c.request("GET", "/api/method/frappe.utils.print_format.download_pdf",
		params={"doctype": DT, "name": name, "format": "Standard"})
	return r.status == 200 and r.raw.content.startswith(b"%PDF")


def _private_file(c, w, name):
	r = c.request("GET", w["files"][name])
	return r.status == 200 and name in r.raw.text


def _unit_get(c, w, name):
	unit = w["a"].unit if name == w["a"].project else w["b"].unit
	r = c.get("Participant Unit", unit)
	return r.ok and r.data["name"] == unit


def _unit_list(c, w, name):
	unit = w["a"].unit if name == w["a"].project else w["b"].unit
	r = c.list("Participant Unit", fields=["name"], limit_page_length=0)
	return r.ok and unit in {row["name"] for row in r.data}


READ_SURFACES = {
	"GET /api/resource list": _rest_list,
	"GET /api/resource/<name>": _rest_get,
	"frappe.client.get": _client_get,
	"frappe.client.get_list": _client_get_list,
	"frappe.client.get_value": _client_get_value,
	"frappe.client.get_count": _client_get_count,
	"report view": _report_view,
	"link search": _link_search,
	"form load (dashboard)": _form_load,
	"print view": _print_view,
	"PDF download": _pdf,
	"private attachment": _private_file,
	"Participant Unit get": _unit_get,
	"Participant Unit list": _unit_list,
}


@pytest.mark.parametrize("surface", list(READ_SURFACES))
@pytest.mark.parametrize("viewer", list(SEES))
def test_who_sees_what(world, viewer, surface):
	client = world["viewers"][viewer]
	for key in ("a", "b"):
		project = world[key].project
		expected = key in SEES[viewer]
		seen = READ_SURFACES[surface](client, world, project)
		assert seen == expected, f"{viewer} via {surface} on district {key} ({project}): saw={seen}, expected={expected}"


@pytest.mark.parametrize("viewer", ["reviewer_a", "applicant_a", "expert"])
def test_nobody_updates_or_deletes_another_districts_application(world, viewer):
	client = world["viewers"][viewer]
	other = world["b"].project
	r = client.update(DT, other, {"project_summary": "越权修改"})
	assert r.status == 403, r
	r = client.delete(DT, other)
	assert r.status == 403, r
	frappe.db.rollback()
	assert frappe.db.get_value(DT, other, "project_summary") != "越权修改"


def test_the_refusal_is_in_chinese(world):
	r = world["viewers"]["reviewer_a"].get(DT, world["b"].project)
	assert r.status == 403
	assert "无权访问" in r.message, r


def test_an_expert_without_assignments_sees_no_applications(world):
	r = world["viewers"]["expert"].list(DT)
	assert r.ok and r.data == [], r
