"""docs/openapi.yaml is a valid OpenAPI description, generated from the code, and covers what the code serves.

Regenerate after changing a DocType, a whitelisted method or the workflow: python3 docs/generate_openapi.py
"""

import glob
import importlib.util
import json
import os
import re
from urllib.parse import unquote, urlsplit

import pytest
import yaml

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPEC_PATH = os.path.join(REPO, "docs", "openapi.yaml")
GUIDE_PATH = os.path.join(REPO, "docs", "api.md")


def _generator():
	spec = importlib.util.spec_from_file_location(
		"generate_openapi", os.path.join(REPO, "docs", "generate_openapi.py")
	)
	module = importlib.util.module_from_spec(spec)
	spec.loader.exec_module(module)
	return module


@pytest.fixture(scope="module")
def generator():
	return _generator()


@pytest.fixture(scope="module")
def committed() -> str:
	with open(SPEC_PATH, encoding="utf-8") as f:
		return f.read()


@pytest.fixture(scope="module")
def spec(committed) -> dict:
	return yaml.safe_load(committed)


def doctype_files() -> list[dict]:
	out = []
	for path in sorted(glob.glob(os.path.join(REPO, "smart_city_contest", "*", "doctype", "*", "*.json"))):
		with open(path, encoding="utf-8") as f:
			data = json.load(f)
		if data.get("doctype") == "DocType":
			out.append(data)
	return out


def test_the_spec_is_valid_openapi(spec):
	from openapi_spec_validator import OpenAPIV31SpecValidator, validate

	assert spec["openapi"].startswith("3.1")
	validate(spec, cls=OpenAPIV31SpecValidator)  # raises with the offending path when invalid


def test_the_committed_spec_is_what_the_code_generates(generator, committed):
	regenerated = generator.render()
	if regenerated != committed:
		import difflib

		diff = "".join(
			list(
				difflib.unified_diff(
					committed.splitlines(True), regenerated.splitlines(True), "committed", "generated"
				)
			)[:60]
		)
		pytest.fail(
			f"docs/openapi.yaml has drifted from the code; run: python3 docs/generate_openapi.py\n{diff}"
		)


def test_the_validator_would_catch_a_broken_spec(spec):
	import copy

	from openapi_spec_validator import OpenAPIV31SpecValidator, validate

	broken = copy.deepcopy(spec)
	broken["paths"]["/api/resource/Contest%20Project/{name}"]["get"]["parameters"] = []  # {name} undeclared
	with pytest.raises(Exception, match="name"):
		validate(broken, cls=OpenAPIV31SpecValidator)


def test_the_guides_generated_sections_are_up_to_date(generator):
	with open(GUIDE_PATH, encoding="utf-8") as f:
		guide = f.read()
	assert generator.update_guide(guide) == guide, (
		"docs/api.md sections 7 and 8 have drifted from the code; run: python3 docs/generate_openapi.py"
	)


def test_generation_is_deterministic(generator):
	assert generator.render() == generator.render()


def test_every_doctype_has_its_paths_and_every_field_its_property(spec):
	doctypes = doctype_files()
	assert len(doctypes) >= 18
	for doctype in doctypes:
		schema = spec["components"]["schemas"][doctype["name"].replace(" ", "")]
		for field in doctype["fields"]:
			if field["fieldtype"] in (
				"Section Break",
				"Column Break",
				"Tab Break",
				"HTML",
				"Button",
				"Heading",
			):
				continue
			assert field["fieldname"] in schema["properties"], (doctype["name"], field["fieldname"])
			prop = schema["properties"][field["fieldname"]]
			if field["fieldtype"] == "Select":
				options = [o for o in field["options"].split("\n") if o.strip()]
				assert [o for o in prop["enum"] if o] == options, (doctype["name"], field["fieldname"])
			if (
				field.get("reqd")
				and not field.get("read_only")
				and not field.get("default")
				and not doctype.get("istable")
			):
				new = spec["components"]["schemas"][doctype["name"].replace(" ", "") + "New"]
				assert field["fieldname"] in new["allOf"][1]["required"]
		if not doctype.get("istable"):
			encoded = doctype["name"].replace(" ", "%20")
			assert set(spec["paths"][f"/api/resource/{encoded}"]) == {"get", "post"}
			assert set(spec["paths"][f"/api/resource/{encoded}/{{name}}"]) == {"get", "put", "delete"}


def test_workflow_states_and_actions_come_from_the_rules(spec):
	from smart_city_contest.rules import project_workflow as wf

	state = spec["components"]["schemas"]["ContestProject"]["properties"]["workflow_state"]
	assert state["enum"] == list(wf.STATE_NAMES)
	action = spec["paths"]["/api/method/smart_city_contest.api.workflow.apply_project_action"]["post"]
	body = action["requestBody"]["content"]["application/json"]["schema"]
	assert set(body["properties"]["action"]["enum"]) == {t.action for t in wf.MANUAL_TRANSITIONS}
	assert body["required"] == ["project", "action"]


def test_every_whitelisted_method_is_described(spec, generator):
	overrides = generator.read_overrides()
	implementations = {v: k for k, v in overrides.items()}
	for path in sorted(glob.glob(os.path.join(REPO, "smart_city_contest", "api", "*.py"))):
		module = "smart_city_contest.api." + os.path.splitext(os.path.basename(path))[0]
		for method in generator.read_whitelisted(path, module):
			served_as = implementations.get(method["dotted"], method["dotted"])
			item = spec["paths"].get(f"/api/method/{served_as}")
			assert item, f"{method['dotted']} is whitelisted but not in docs/openapi.yaml"
			assert {m.lower() for m in method["http"]} & set(item) == set(item)
	assert "/api/method/frappe.client.get_count" in spec["paths"]
	assert "/api/method/frappe.model.workflow.apply_workflow" in spec["paths"]


def test_guest_and_post_only_methods_are_marked(spec):
	objection = spec["paths"]["/api/method/smart_city_contest.api.notice.submit_objection"]
	assert set(objection) == {"post"}  # methods=["POST"]
	assert {} in objection["post"]["security"]  # allow_guest
	assert "429" in objection["post"]["responses"]
	assert spec["components"]["securitySchemes"]["token"] == {
		"type": "apiKey",
		"in": "header",
		"name": "Authorization",
		"description": spec["components"]["securitySchemes"]["token"]["description"],
	}
	assert spec["security"] == [{"token": []}]


def test_errors_share_one_schema(spec):
	error = spec["components"]["schemas"]["Error"]
	assert {"exc_type", "_server_messages"} <= set(error["properties"])
	for path, item in spec["paths"].items():
		for method, operation in item.items():
			for code, response in operation["responses"].items():
				if code.startswith(("4", "5")):
					schema = response["content"]["application/json"]["schema"]
					assert schema == {"$ref": "#/components/schemas/Error"}, (path, method, code)


# Frappe's own endpoints that docs/api.md shows but the app does not serve or change.
FRAPPE_ENDPOINTS = {
	"/api/method/frappe.core.doctype.user.user.generate_keys",
	"/api/method/frappe.client.get_list",
	"/api/method/frappe.client.get_value",
	"/api/method/frappe.auth.get_logged_user",
	"/api/method/upload_file",
}


def test_every_endpoint_in_the_guide_is_in_the_spec(spec):
	with open(GUIDE_PATH, encoding="utf-8") as f:
		guide = f.read()
	urls = re.findall(r"\$SITE_URL(/api/[^\"'\s?]+)", guide)
	assert len(urls) > 30, "docs/api.md should show the endpoints with curl"
	templated = [
		re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(p)) + "$") for p in spec["paths"]
	]
	for url in urls:
		path = urlsplit(url).path
		path = "/".join(
			part if part.startswith("api") else part.replace(" ", "%20") for part in path.split("/")
		)
		if path in FRAPPE_ENDPOINTS:
			continue
		assert any(t.match(path) or t.match(unquote(path).replace(" ", "%20")) for t in templated), url
