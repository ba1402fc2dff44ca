#!/usr/bin/env python3
"""Generate docs/openapi.yaml, the OpenAPI 3.1 description of smart_city_contest's REST surface.

    python3 docs/generate_openapi.py            # (re)write docs/openapi.yaml
    python3 docs/generate_openapi.py --check    # exit 1 when docs/openapi.yaml is not what the code says

Nothing in the spec is typed by hand where the code already says it, so it cannot drift:

- /api/resource/<DocType> paths and the component schemas come from the DocType JSON files
  (smart_city_contest/*/doctype/*/*.json): fields, types, Select options, mandatory and read-only
  fields, child tables, permission levels and the role permissions;
- the /api/method/... endpoints come from the @frappe.whitelist functions in smart_city_contest/api/*.py,
  read with `ast` (parameters, type hints, defaults, allowed HTTP methods, guest access, rate limits,
  docstrings), and from `override_whitelisted_methods` in hooks.py for the Frappe endpoints the app replaces;
- the workflow states and actions come from smart_city_contest/rules/project_workflow.py (pure Python);
- the query reports come from smart_city_contest/*/report/*/*.json.

It also writes the two reference sections of docs/api.md (7 Method reference, 8 DocType reference)
between their `<!-- generated … -->` markers, from the same sources.

What the code cannot say (a method's response shape, a sentence for a human) is in METHOD_NOTES below;
an endpoint without a note still appears, with a generic response. Needs only Python 3.10+ and PyYAML.
tests/docs/test_openapi.py validates the output with openapi-spec-validator and fails on drift.
"""

from __future__ import annotations

import ast
import glob
import json
import os
import sys
from typing import Any

import yaml

DOCS = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(DOCS)
APP = os.path.join(REPO, "smart_city_contest")
OUTPUT = os.path.join(DOCS, "openapi.yaml")

sys.path.insert(0, REPO)
from smart_city_contest.rules import project_workflow as wf  # noqa: E402  (pure Python, no Frappe)
from smart_city_contest.rules import text_limits  # noqa: E402

LAYOUT_FIELDTYPES = {
	"Section Break",
	"Column Break",
	"Tab Break",
	"HTML",
	"Button",
	"Heading",
	"Fold",
	"Image",
}
STRING_FIELDTYPES = {
	"Data",
	"Small Text",
	"Text",
	"Long Text",
	"Text Editor",
	"Code",
	"HTML Editor",
	"Markdown Editor",
	"Link",
	"Dynamic Link",
	"Attach",
	"Attach Image",
	"Read Only",
	"Password",
	"Autocomplete",
	"Color",
	"Barcode",
	"Signature",
	"Phone",
	"Time",
	"Duration",
	"Icon",
	"Rating",
}
TABLE_FIELDTYPES = {"Table", "Table MultiSelect"}
VARCHAR_FIELDTYPES = {"Data", "Link", "Dynamic Link"}  # varchar(length or 140) in MariaDB
MODULE_TAGS = {
	"Contest Setup": "大赛设置 Contest Setup",
	"Application": "申报 Application",
	"District Review": "区县推荐 District Review",
	"Expert Review": "专家评审 Expert Review",
	"Public Notice": "公示 Public Notice",
}
RIGHTS = (
	"read",
	"write",
	"create",
	"delete",
	"submit",
	"cancel",
	"amend",
	"print",
	"report",
	"export",
	"import",
	"share",
	"email",
)
DATETIME_NOTE = "“YYYY-MM-DD HH:MM:SS”, naive, in the edition's time zone (Asia/Shanghai)"


# --- DocType JSON ------------------------------------------------------------------------------


def load_doctypes() -> list[dict]:
	doctypes = []
	for path in sorted(glob.glob(os.path.join(APP, "*", "doctype", "*", "*.json"))):
		with open(path, encoding="utf-8") as f:
			data = json.load(f)
		if data.get("doctype") == "DocType":
			data["_path"] = os.path.relpath(path, REPO)
			doctypes.append(data)
	return sorted(doctypes, key=lambda d: d["name"])


def schema_key(doctype: str) -> str:
	return doctype.replace(" ", "")


def select_options(field: dict) -> tuple[list[str], bool]:
	raw = (field.get("options") or "").split("\n")
	return [o for o in raw if o.strip()], any(not o.strip() for o in raw)


def field_schema(field: dict, doctype: dict) -> dict:
	fieldtype = field["fieldtype"]
	label = field.get("label") or field["fieldname"]
	notes = []
	schema: dict[str, Any]
	if fieldtype in TABLE_FIELDTYPES:
		schema = {"type": "array", "items": {"$ref": f"#/components/schemas/{schema_key(field['options'])}"}}
		notes.append(f"child table of {field['options']}")
	elif fieldtype == "Check":
		schema = {"type": "integer", "enum": [0, 1]}
	elif fieldtype == "Int":
		schema = {"type": "integer"}
	elif fieldtype in ("Float", "Currency", "Percent"):
		schema = {"type": "number"}
		if fieldtype == "Percent":
			notes.append("percent")
	elif fieldtype == "Date":
		schema = {"type": "string", "format": "date"}
	elif fieldtype == "Datetime":
		schema = {"type": "string"}
		notes.append(DATETIME_NOTE)
	elif fieldtype == "Select":
		options, blank = select_options(field)
		if field.get("reqd") or not blank:
			schema = {"type": "string", "enum": options}
		else:
			schema = {"type": ["string", "null"], "enum": [*options, "", None]}
	elif fieldtype in ("JSON", "Geolocation"):
		schema = {"type": ["object", "array", "string", "null"]}
	elif fieldtype in STRING_FIELDTYPES:
		schema = {"type": "string"}
		if fieldtype == "Link":
			notes.append(f"name of a {field['options']}")
		elif fieldtype == "Text Editor":
			notes.append("HTML")
		elif fieldtype in ("Attach", "Attach Image"):
			notes.append("file URL from /api/method/upload_file, e.g. /private/files/….pdf")
		if field.get("options") == "Email":
			schema["format"] = "email"
		elif field.get("options") == "Phone":
			notes.append("phone number")
	else:  # a field type this generator does not know yet: say so rather than guess
		schema = {}
		notes.append(f"Frappe field type {fieldtype}")
	if fieldtype in VARCHAR_FIELDTYPES:
		schema["maxLength"] = int(field.get("length") or 140)
	if field.get("non_negative"):
		schema["minimum"] = 0
	if field.get("default") not in (None, "") and fieldtype not in TABLE_FIELDTYPES:
		default = field["default"]
		if fieldtype in ("Check", "Int"):
			default = int(default)
		elif fieldtype in ("Float", "Currency", "Percent"):
			default = float(default)
		schema["default"] = default
	if field.get("read_only") or (fieldtype in TABLE_FIELDTYPES and field.get("read_only")):
		schema["readOnly"] = True
		notes.append("set by the server")
	if field.get("permlevel"):
		notes.append(f"permission level {field['permlevel']}")
	if field.get("unique"):
		notes.append("unique")
	if field.get("set_only_once"):
		notes.append("cannot change once saved")
	if field.get("mandatory_depends_on"):
		notes.append(f"mandatory when {field['mandatory_depends_on'].removeprefix('eval:')}")
	if field.get("allow_on_submit"):
		notes.append("may change after submission")
	if doctype["name"] == "Contest Project" and field["fieldname"] == "workflow_state":
		schema["enum"] = list(wf.STATE_NAMES)
		notes.append("moved only by the workflow endpoints")
	if rule := RULE_NOTES.get((doctype["name"], field["fieldname"])):
		notes.append(rule)
	description = label + (f" ({'; '.join(notes)})" if notes else "")
	schema["description"] = description
	schema["x-frappe-fieldtype"] = fieldtype
	if fieldtype in ("Link", "Dynamic Link") and field.get("options"):
		schema["x-frappe-link"] = field["options"]
	if field.get("permlevel"):
		schema["x-frappe-permlevel"] = int(field["permlevel"])
	return schema


# Rules the controllers add to a field (the limits come from smart_city_contest/rules, so they follow the code).
RULE_NOTES = {
	(
		"Participant Unit",
		"uscc",
	): "统一社会信用代码, GB 32100-2015: 18 characters, check digit; blanks and dashes are removed",
	(
		"Participant Unit",
		"unit_profile",
	): f"at most {text_limits.UNIT_PROFILE_MAX} characters, HTML tags and blanks not counted",
	("Participant Unit", "debt_ratio"): "0 to 100",
	(
		"Contest Project",
		"project_summary",
	): f"at most {text_limits.PROJECT_SUMMARY_MAX} characters, HTML tags and blanks not counted",
	("Contest Project", "district"): "the unit's district",
	("Contest Project", "unit_name"): "the unit's name",
}


def standard_properties(doctype: dict) -> dict:
	props: dict[str, Any] = {
		"name": {"type": "string", "readOnly": True, "description": naming_description(doctype)},
		"doctype": {"type": "string", "const": doctype["name"], "readOnly": True},
		"idx": {"type": "integer", "readOnly": True, "description": "row number (child tables), 1-based"},
	}
	if doctype.get("istable"):
		props.update(
			{
				"parent": {"type": "string", "readOnly": True, "description": "name of the parent document"},
				"parentfield": {"type": "string", "readOnly": True},
				"parenttype": {"type": "string", "readOnly": True},
			}
		)
		return props
	props.update(
		{
			"owner": {"type": "string", "readOnly": True, "description": "user who created the document"},
			"creation": {
				"type": "string",
				"readOnly": True,
				"description": "server time, “YYYY-MM-DD HH:MM:SS.ffffff”",
			},
			"modified": {
				"type": "string",
				"description": "last change, server time; send it back with PUT to refuse the update when someone saved in between (TimestampMismatchError)",
			},
			"modified_by": {"type": "string", "readOnly": True},
		}
	)
	if doctype.get("is_submittable"):
		props["docstatus"] = {
			"type": "integer",
			"enum": [0, 1, 2],
			"description": '0 draft, 1 submitted (PUT {"docstatus": 1} submits), 2 cancelled',
		}
	else:
		props["docstatus"] = {"type": "integer", "enum": [0], "readOnly": True}
	return props


def naming_description(doctype: dict) -> str:
	autoname = doctype.get("autoname") or ""
	if autoname.startswith("field:"):
		return f"the value of {autoname.removeprefix('field:')}"
	if autoname.startswith("format:"):
		pattern = autoname.removeprefix("format:")
		return f"assigned by the server: {pattern} (e.g. {pattern.split('{')[0]}00001)"
	return "assigned by the server"


def doctype_schema(doctype: dict) -> dict:
	properties = standard_properties(doctype)
	for field in doctype["fields"]:
		if field["fieldtype"] in LAYOUT_FIELDTYPES:
			continue
		properties[field["fieldname"]] = field_schema(field, doctype)
	description = doctype_description(doctype)
	return {
		"type": "object",
		"title": doctype["name"],
		"description": description,
		"properties": properties,
		"x-frappe-doctype": doctype["name"],
		"x-frappe-module": doctype.get("module"),
	}


def required_fields(doctype: dict) -> list[str]:
	return [
		f["fieldname"]
		for f in doctype["fields"]
		if f.get("reqd")
		and not f.get("read_only")
		and f["fieldtype"] not in LAYOUT_FIELDTYPES
		and not f.get("default")
	]


def doctype_description(doctype: dict) -> str:
	parts = [doctype.get("description") or doctype["name"]]
	if doctype.get("istable"):
		parts.append("Child table rows: sent and returned inside the parent document.")
	if doctype.get("is_submittable"):
		parts.append('Submittable: PUT {"docstatus": 1} submits it.')
	return " ".join(p.strip() for p in parts if p)


def permissions(doctype: dict) -> list[dict]:
	out = []
	for perm in doctype.get("permissions", []):
		rights = [r for r in RIGHTS if perm.get(r)]
		if rights:
			out.append({"role": perm["role"], "permlevel": int(perm.get("permlevel") or 0), "rights": rights})
	return out


def roles_with(doctype: dict, right: str) -> list[str]:
	return [p["role"] for p in permissions(doctype) if p["permlevel"] == 0 and right in p["rights"]]


def permission_table(doctype: dict) -> str:
	lines = ["| role | level | rights |", "| --- | --- | --- |"]
	for p in permissions(doctype):
		lines.append(f"| {p['role']} | {p['permlevel']} | {', '.join(p['rights'])} |")
	return "\n".join(lines)


ISOLATED = {
	"Participant Unit": "District Reviewers see their districts' units, applicants their own unit, experts the units of their assigned projects.",
	"Contest Project": "District Reviewers see their districts' projects, applicants their unit's, experts only the projects assigned to them (read only).",
	"District Recommendation": "District Reviewers see only their districts' summaries.",
	"District Deadline Extension": "District Reviewers see only their districts' extensions.",
	"Expert Review": "Experts see only their own reviews; applicants and district reviewers none.",
	"Review Expert": "Experts see only their own profile.",
}


# --- whitelisted methods, read with ast ---------------------------------------------------------


def _literal(node):
	"""A constant, a list of constants or constant arithmetic (`60 * 60`); otherwise the source text."""
	try:
		return ast.literal_eval(node)
	except ValueError:
		pass
	if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Add)):
		left, right = _literal(node.left), _literal(node.right)
		if isinstance(left, int) and isinstance(right, int):
			return left * right if isinstance(node.op, ast.Mult) else left + right
	return ast.unparse(node)


def _decorator_call(dec, name: str):
	"""The Call node of `@frappe.<name>(...)` or `@<name>(...)`, or True for a bare `@frappe.<name>`."""
	target = dec.func if isinstance(dec, ast.Call) else dec
	dotted = ast.unparse(target)
	if dotted in (f"frappe.{name}", name):
		return dec if isinstance(dec, ast.Call) else True
	return None


def read_whitelisted(path: str, module: str) -> list[dict]:
	with open(path, encoding="utf-8") as f:
		tree = ast.parse(f.read(), filename=path)
	methods = []
	for node in tree.body:
		if not isinstance(node, ast.FunctionDef):
			continue
		whitelist = rate = None
		for dec in node.decorator_list:
			whitelist = whitelist or _decorator_call(dec, "whitelist")
			rate = rate or _decorator_call(dec, "rate_limit")
		if not whitelist:
			continue
		options = (
			{kw.arg: _literal(kw.value) for kw in whitelist.keywords}
			if isinstance(whitelist, ast.Call)
			else {}
		)
		rate_options = (
			{kw.arg: _literal(kw.value) for kw in rate.keywords} if isinstance(rate, ast.Call) else None
		)
		args = node.args.args
		defaults = [None] * (len(args) - len(node.args.defaults)) + list(node.args.defaults)
		params = []
		for arg, default in zip(args, defaults, strict=True):
			params.append(
				{
					"name": arg.arg,
					"annotation": ast.unparse(arg.annotation) if arg.annotation else None,
					"required": default is None
					and not (arg.annotation and "None" in ast.unparse(arg.annotation)),
					"default": _literal(default) if default is not None else None,
				}
			)
		methods.append(
			{
				"dotted": f"{module}.{node.name}",
				"http": [m.upper() for m in options.get("methods", ["GET", "POST"])],
				"allow_guest": bool(options.get("allow_guest")),
				"rate_limit": rate_options,
				"params": params,
				"doc": ast.get_docstring(node) or "",
				"source": os.path.relpath(path, REPO),
			}
		)
	return methods


def read_overrides() -> dict[str, str]:
	"""hooks.py's override_whitelisted_methods, evaluated (hooks.py imports nothing; some entries are
	built with a comprehension)."""
	import runpy

	return dict(runpy.run_path(os.path.join(APP, "hooks.py")).get("override_whitelisted_methods") or {})


def annotation_schema(annotation: str | None) -> dict:
	if not annotation:
		return {}
	kinds = {part.strip() for part in annotation.split("|")}
	types = []
	for kind, json_type in (
		("str", "string"),
		("int", "integer"),
		("float", "number"),
		("bool", "boolean"),
		("dict", "object"),
		("list", "array"),
	):
		if kind in kinds:
			types.append(json_type)
	if "None" in kinds:
		types.append("null")
	if not types:
		return {}
	return {"type": types[0] if len(types) == 1 else types}


def ref(name: str) -> dict:
	return {"$ref": f"#/components/schemas/{name}"}


def message_of(schema: dict, description: str = "Success: the result is in `message`.") -> dict:
	return {
		"description": description,
		"content": {
			"application/json": {
				"schema": {"type": "object", "properties": {"message": schema}, "required": ["message"]}
			}
		},
	}


SCORES = {
	"type": "object",
	"additionalProperties": {"type": "number", "minimum": 0},
	"description": '{评审维度: 分数}, e.g. {"项目建设成效": 80}; JSON text in a form or query string',
}
DECISIONS = {
	"type": "object",
	"additionalProperties": {"type": ["string", "null"]},
	"description": '{project name: 奖项等级 or null (未获奖)}, e.g. {"PRJ-00001": "一等奖"}; JSON text in a form or query string',
}
BINARY_PDF = {"application/pdf": {"schema": {"type": "string", "contentEncoding": "binary"}}}
BINARY_XLSX = {
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
		"schema": {"type": "string", "contentEncoding": "binary"}
	}
}
FORMAT = {"type": "string", "enum": ["pdf", "xlsx"]}

# What the code cannot say: response shapes, parameter shapes without type hints, roles, a summary.
METHOD_NOTES: dict[str, dict] = {
	"smart_city_contest.api.workflow.apply_project_action": {
		"summary": "Take a workflow action (提交, 退回修改, 推荐 …) on a Contest Project",
		"roles": "the role the transition names (see the workflow table)",
		"params": {
			"project": {"description": "Contest Project name, e.g. PRJ-00001"},
			"action": {
				"enum": sorted(
					{t.action for t in wf.MANUAL_TRANSITIONS},
					key=[t.action for t in wf.MANUAL_TRANSITIONS].index,
				)
			},
			"reason": {"description": "required for 退回修改 and 不予推荐; shown to the applicant"},
		},
		"response": ref("ContestProject"),
		"errors": ["403", "417"],
	},
	"frappe.model.workflow.apply_workflow": {
		"summary": "The desk's workflow buttons; for Contest Project the same checks as apply_project_action",
		"roles": "as apply_project_action for Contest Project; Frappe's own rules for other DocTypes",
		"params": {
			"doc": {
				"type": ["object", "string"],
				"description": "the document (JSON); for Contest Project only doctype, name and __transition_reason are read",
				"properties": {
					"doctype": {"type": "string"},
					"name": {"type": "string"},
					"__transition_reason": {"type": "string"},
				},
			},
			"action": {"type": "string"},
		},
		"response": ref("ContestProject"),
		"errors": ["403", "417"],
	},
	"frappe.client.get_count": {
		"summary": "Count the documents the user may list (permission-aware, unlike Frappe's own)",
		"roles": "anyone with read permission on the DocType; counts only what the user may see",
		"params": {
			"doctype": {"description": "e.g. Contest Project"},
			"filters": {
				"type": ["object", "array", "string", "null"],
				"description": "as in /api/resource lists (JSON)",
			},
			"debug": {"type": ["boolean", "integer", "null"]},
			"cache": {"type": ["boolean", "integer", "null"]},
		},
		"response": {"type": "integer"},
		"errors": ["403"],
	},
	"smart_city_contest.api.desk.my_deadlines": {
		"summary": "The session user's next deadlines in the newest edition (the desk's 时间节点 block)",
		"roles": "any logged-in user; what is listed depends on the role",
		"response": {
			"type": "object",
			"properties": {
				"edition": {"type": ["string", "null"]},
				"now": {"type": "string", "description": "the server's clock in the edition's time zone"},
				"items": {
					"type": "array",
					"items": {
						"type": "object",
						"properties": {
							"label": {"type": "string"},
							"deadline": {"type": "string"},
							"seconds_left": {"type": "integer"},
							"note": {"type": ["string", "null"]},
						},
					},
				},
			},
		},
		"errors": ["403"],
	},
	"smart_city_contest.api.review.assign_experts": {
		"summary": "Assign experts to every accepted project of an edition (conflicts excluded, caps kept, load balanced)",
		"roles": "Contest Admin, System Manager",
		"response": ref("AssignmentResult"),
		"errors": ["403", "417"],
	},
	"smart_city_contest.api.review.expert_loads": {
		"summary": "Each enabled expert's assigned and submitted reviews in an edition",
		"roles": "Contest Admin, System Manager",
		"response": {"type": "array", "items": ref("ExpertLoad")},
		"errors": ["403"],
	},
	"smart_city_contest.api.review.recuse": {
		"summary": "The assigned expert steps aside (回避) with a reason",
		"roles": "the assigned Contest Expert",
		"response": ref("ExpertReview"),
		"errors": ["403", "417"],
	},
	"smart_city_contest.api.review.amend_review": {
		"summary": "Change a submitted review's scores, on the record (修改记录)",
		"roles": "the assigned Contest Expert, inside the review window",
		"params": {"scores": SCORES},
		"response": ref("ExpertReview"),
		"errors": ["403", "417"],
	},
	"smart_city_contest.api.review.finish_review": {
		"summary": "Close the review (评审中 → 已评审) of every project whose experts have all submitted or recused",
		"roles": "Contest Admin, System Manager",
		"response": ref("FinishReviewResult"),
		"errors": ["403", "417"],
	},
	"smart_city_contest.api.review.preview_awards": {
		"summary": "What a batch of award decisions does to each level's quota; nothing is saved",
		"roles": "Contest Admin, System Manager",
		"params": {"decisions": DECISIONS},
		"response": ref("AwardPreview"),
		"errors": ["403", "417"],
	},
	"smart_city_contest.api.review.commit_awards": {
		"summary": "Award a batch of reviewed projects (获奖/未获奖), all or nothing, quotas held under concurrency",
		"roles": "Contest Admin, System Manager",
		"params": {"decisions": DECISIONS},
		"response": ref("AwardCommit"),
		"errors": ["403", "417"],
	},
	"smart_city_contest.api.notice.submit_objection": {
		"summary": "File an objection (异议) to an awarded project during the public notice (公示); no login needed",
		"roles": "anyone (Guest), 5 calls an hour per IP address",
		"params": {
			"contact_name": {"description": "异议人（单位）"},
			"reason": {"maxLength": 2000, "description": "异议理由, at most 2000 characters"},
		},
		"response": {
			"type": "object",
			"properties": {"received": {"type": "boolean", "const": True}, "message": {"type": "string"}},
		},
		"errors": ["417", "429"],
	},
	"smart_city_contest.api.results.decide_objection": {
		"summary": "The city's decision on a 公示 objection: 维持, 撤销奖项 or 调整等次 (quota held, logged)",
		"roles": "Contest Admin, System Manager",
		"params": {
			"decision": {"enum": ["维持", "撤销奖项", "调整等次"], "description": "处理决定"},
			"reason": {"maxLength": 2000, "description": "决定理由, required"},
			"new_level": {"description": "调整后等次, for 调整等次 only"},
		},
		"response": {
			"type": "object",
			"properties": {
				"objection": {"type": "string"},
				"project": {"type": "string"},
				"decision": {"type": "string"},
				"level_before": {"type": "string"},
				"level_after": {"type": "string"},
			},
		},
		"errors": ["403", "404", "417"],
	},
	"smart_city_contest.api.results.publish_results": {
		"summary": "公布结果: publish an edition's final results after the 公示期, every objection decided; once",
		"roles": "Contest Admin, System Manager",
		"response": {
			"type": "object",
			"properties": {"contest": {"type": "string"}, "published_on": {"type": "string"}, "winners": {"type": "integer"}},
		},
		"errors": ["403", "404", "417"],
	},
	"smart_city_contest.api.results.certificate_pdf": {
		"summary": "A winning project's 获奖证书 as a PDF, after 公布结果",
		"roles": "the project's own unit, Contest Admin, System Manager",
		"binary": BINARY_PDF,
		"errors": ["403", "404", "417"],
	},
	"smart_city_contest.api.results.start_certificate_batch": {
		"summary": "Every 获奖证书 of an edition as one ZIP, made by a background worker",
		"roles": "Contest Admin, System Manager",
		"response": {"type": "object", "properties": {"job_id": {"type": ["string", "null"]}}},
		"errors": ["403", "404", "417"],
	},
	"smart_city_contest.api.review.result_explanation": {
		"summary": "评审结果说明: each expert's scores, the dropped highest and lowest, the statistics, the rank and the calibrated rank",
		"roles": "Contest Admin, System Manager (experts named); the project's unit and district after 公布结果 (专家A–E)",
		"params": {"project": {"description": "Contest Project name, e.g. PRJ-00001"}},
		"response": {"type": "object"},
		"errors": ["403", "404"],
	},
	"smart_city_contest.api.review.result_explanation_pdf": {
		"summary": "评审结果说明 as a one-page PDF, for the file",
		"roles": "as result_explanation",
		"binary": BINARY_PDF,
		"errors": ["403", "404"],
	},
	"smart_city_contest.api.duplicates.pairs": {
		"summary": "疑似重复申报: the edition's applications near-identical to another of this or an earlier edition, or of the same USCC or investor across editions",
		"roles": "Contest Admin, System Manager (every pair); a District Reviewer (pairs of his districts, the other side redacted unless readable)",
		"response": {
			"type": "object",
			"properties": {"rule": {"type": "string"}, "pairs": {"type": "array", "items": {"type": "object"}}},
		},
		"errors": ["403", "404"],
	},
	"smart_city_contest.api.duplicates.compare": {
		"summary": "Two applications side by side, section by section, the shared passages marked (<mark>)",
		"roles": "read permission on both projects",
		"response": {"type": "object"},
		"errors": ["403", "404"],
	},
	"smart_city_contest.api.documents.application_pdf": {
		"summary": "The whole 申报书 of a project as one PDF",
		"roles": "print permission on the project",
		"binary": BINARY_PDF,
		"errors": ["403", "404", "417"],
	},
	"smart_city_contest.api.workflow.submission_check": {
		"summary": "What 提交/重新提交 would name as missing for a project (read-only completeness check)",
		"roles": "read permission on the project",
		"params": {"project": {"description": "Contest Project name, e.g. PRJ-00001"}},
		"response": {
			"type": "object",
			"properties": {
				"project": {"type": "string"},
				"workflow_state": {"type": "string"},
				"complete": {"type": "boolean"},
				"missing": {"type": "array", "items": {"type": "string"}},
			},
		},
		"errors": ["403", "404"],
	},
	"smart_city_contest.api.documents.district_summary": {
		"summary": "A district's 推荐汇总表 (附件2) as PDF or XLSX: as filed, or before filing a preview of its 区县已推荐 projects",
		"roles": "the district's reviewers and the city bureau, with read permission on every project listed",
		"params": {"format": FORMAT, "fill_date": {"format": "date", "description": "填表时间, YYYY-MM-DD"}},
		"binary": {**BINARY_PDF, **BINARY_XLSX},
		"errors": ["403", "404", "417"],
	},
	"smart_city_contest.api.documents.city_summary": {
		"summary": "The city's 推荐汇总表: a cover naming the districts not filed, then one worksheet (or PDF section) per filed district",
		"roles": "the city bureau (Contest Admin, System Manager)",
		"params": {"format": FORMAT, "fill_date": {"format": "date", "description": "填表时间, YYYY-MM-DD"}},
		"binary": {**BINARY_PDF, **BINARY_XLSX},
		"errors": ["403", "404", "417"],
	},
}


def method_operation(method: dict, path_name: str, http: str, overridden_from: str | None) -> dict:
	notes = METHOD_NOTES.get(path_name, {})
	properties, required = {}, []
	for param in method["params"]:
		schema = annotation_schema(param["annotation"])
		schema.update(notes.get("params", {}).get(param["name"], {}))
		if param["default"] is not None:
			schema.setdefault("default", param["default"])
		properties[param["name"]] = schema
		if param["required"]:
			required.append(param["name"])
	doc = method["doc"].strip()
	description = [doc] if doc else []
	if notes.get("roles"):
		description.append(f"Who: {notes['roles']}.")
	if overridden_from:
		description.append(
			f"This Frappe endpoint is replaced by the app (hooks.py override_whitelisted_methods → {overridden_from})."
		)
	if method["rate_limit"]:
		rl = method["rate_limit"]
		description.append(
			f"Rate limit: {rl.get('limit', 5)} calls per {rl.get('seconds', 86400)} s per IP address (refused calls count too)."
		)
	description.append(f"Source: {method['source']}.")
	operation: dict[str, Any] = {
		"tags": ["方法 Methods"],
		"operationId": f"{http.lower()}_{path_name.replace('.', '_')}",
		"summary": notes.get("summary") or (doc.splitlines()[0] if doc else path_name),
		"description": "\n\n".join(description),
	}
	body_schema = {"type": "object", "properties": properties}
	if required:
		body_schema["required"] = required
	if http == "GET":
		operation["parameters"] = [
			{"name": name, "in": "query", "required": name in required, "schema": schema_for_query(schema)}
			for name, schema in properties.items()
		]
	else:
		operation["requestBody"] = {
			"required": bool(required),
			"content": {
				"application/json": {"schema": body_schema},
				"application/x-www-form-urlencoded": {"schema": body_schema},
			},
		}
	if notes.get("binary"):
		ok = {
			"description": "The file (Content-Disposition names it in Chinese).",
			"content": notes["binary"],
		}
	else:
		ok = message_of(notes.get("response", {}))
	operation["responses"] = {"200": ok, **error_responses(notes.get("errors", ["403", "417"]))}
	if method["allow_guest"]:
		operation["security"] = [{}, {"token": []}]
	return operation


def schema_for_query(schema: dict) -> dict:
	"""Query strings carry objects as JSON text."""
	if schema.get("type") in ("object", "array") or (
		isinstance(schema.get("type"), list) and {"object", "array"} & set(schema["type"])
	):
		return {"type": "string", "description": (schema.get("description") or "") + " (JSON text)"}
	return schema


def method_paths() -> dict:
	overrides = read_overrides()
	targets = {v: k for k, v in overrides.items()}
	methods = []
	for path in sorted(glob.glob(os.path.join(APP, "api", "*.py"))):
		module = "smart_city_contest.api." + os.path.splitext(os.path.basename(path))[0]
		methods.extend(read_whitelisted(path, module))
	paths = {}
	for method in sorted(methods, key=lambda m: targets.get(m["dotted"], m["dotted"])):
		overridden = targets.get(method["dotted"])
		path_name = overridden or method["dotted"]
		item = {}
		for http in ("GET", "POST"):
			if http in method["http"]:
				item[http.lower()] = method_operation(
					method, path_name, http, method["dotted"] if overridden else None
				)
		paths[f"/api/method/{path_name}"] = item
	return paths


# --- query reports ------------------------------------------------------------------------------


def report_path() -> dict:
	reports = []
	for path in sorted(glob.glob(os.path.join(APP, "*", "report", "*", "*.json"))):
		with open(path, encoding="utf-8") as f:
			data = json.load(f)
		if data.get("doctype") == "Report":
			reports.append(data)
	names = [r["report_name"] for r in reports]
	roles = "; ".join(
		f"{r['report_name']}: {', '.join(x['role'] for x in r.get('roles', []))}" for r in reports
	)
	body = {
		"type": "object",
		"required": ["report_name"],
		"properties": {
			"report_name": {"type": "string", "enum": names},
			"filters": {
				"type": ["object", "string"],
				"description": '{"contest": "<edition>"}; Project Ranking also takes district, domain and statistic (去极值平均分/平均分/中位数)',
			},
		},
	}
	return {
		"/api/method/frappe.desk.query_report.run": {
			"post": {
				"tags": ["方法 Methods"],
				"operationId": "post_frappe_desk_query_report_run",
				"summary": "Run one of the app's query reports (区县报送情况, 项目排名)",
				"description": f"Frappe's report runner, listed here for the app's reports. Who: {roles}.",
				"requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
				"responses": {
					"200": message_of(ref("ReportResult")),
					**error_responses(["403", "417"]),
				},
			}
		}
	}


# --- /api/resource ------------------------------------------------------------------------------


LIST_PARAMETERS = [
	{
		"name": "fields",
		"in": "query",
		"schema": {"type": "string"},
		"example": '["name","project_name","workflow_state"]',
		"description": 'JSON array of field names (default ["name"]); `count(name) as n` style aggregates are allowed',
	},
	{
		"name": "filters",
		"in": "query",
		"schema": {"type": "string"},
		"example": '[["district","=","历下区"]]',
		"description": 'JSON: {"field": value} or [[field, operator, value], …]; all must match (AND)',
	},
	{
		"name": "or_filters",
		"in": "query",
		"schema": {"type": "string"},
		"example": '[["project_name","like","%社区%"],["project_summary","like","%社区%"]]',
		"description": "JSON, same forms as filters; any may match (OR), combined with filters by AND",
	},
	{
		"name": "order_by",
		"in": "query",
		"schema": {"type": "string"},
		"example": "modified desc",
		"description": "“<field> asc|desc”, comma-separated; default “modified desc”",
	},
	{
		"name": "limit_start",
		"in": "query",
		"schema": {"type": "integer", "minimum": 0, "default": 0},
		"description": "offset of the first row",
	},
	{
		"name": "limit_page_length",
		"in": "query",
		"schema": {"type": "integer", "minimum": 0, "default": 20},
		"description": "rows per page; 0 means all (alias: limit)",
	},
	{
		"name": "group_by",
		"in": "query",
		"schema": {"type": "string"},
		"description": "a field to group by (with aggregate fields)",
	},
	{
		"name": "as_dict",
		"in": "query",
		"schema": {"type": "boolean", "default": True},
		"description": "false: rows as arrays",
	},
]


def resource_paths(doctypes: list[dict]) -> dict:
	paths = {}
	for doctype in doctypes:
		if doctype.get("istable"):
			continue
		name = doctype["name"]
		key = schema_key(name)
		tag = MODULE_TAGS.get(doctype.get("module"), doctype.get("module"))
		encoded = name.replace(" ", "%20")
		who = permission_table(doctype)
		isolation = ISOLATED.get(name)
		scope = f"\n\n属地原则 (district isolation): {isolation}" if isolation else ""
		base = f"Permissions ({doctype['_path']}):\n\n{who}{scope}"
		item_base = "Roles: " + ", ".join(roles_with(doctype, "read")) + "."
		list_op = {
			"tags": [tag],
			"operationId": f"list_{key}",
			"summary": f"List {name} ({_zh(name)})",
			"description": base
			+ "\n\nOnly the rows the user may see are returned (role permissions, User Permissions and the app's permission query conditions).",
			"parameters": LIST_PARAMETERS,
			"responses": {
				"200": {
					"description": "The requested fields of each visible row.",
					"content": {
						"application/json": {
							"schema": {
								"type": "object",
								"properties": {
									"data": {
										"type": "array",
										"items": {
											"type": "object",
											"description": f"the requested fields of a {name}",
											"x-frappe-doctype": name,
										},
									}
								},
							}
						}
					},
				},
				**error_responses(["403", "417"]),
			},
		}
		create_op = {
			"tags": [tag],
			"operationId": f"create_{key}",
			"summary": f"Create a {name}",
			"description": base
			+ f"\n\nRoles that may create: {', '.join(roles_with(doctype, 'create')) or 'none (server only)'}. Read-only fields are refused or ignored; the server assigns the name.",
			"requestBody": {"required": True, "content": {"application/json": {"schema": ref(f"{key}New")}}},
			"responses": {
				"200": data_of(ref(key), "The created document."),
				**error_responses(["403", "409", "417"]),
			},
		}
		name_param = {
			"name": "name",
			"in": "path",
			"required": True,
			"schema": {"type": "string"},
			"description": naming_description(doctype),
		}
		get_op = {
			"tags": [tag],
			"operationId": f"get_{key}",
			"summary": f"Read one {name}",
			"description": item_base + " Fields of a permission level the user cannot read are left out.",
			"parameters": [name_param],
			"responses": {
				"200": data_of(ref(key), "The document with its child tables."),
				**error_responses(["403", "404"]),
			},
		}
		put_op = {
			"tags": [tag],
			"operationId": f"update_{key}",
			"summary": f"Update a {name} (only the fields sent)",
			"description": "Roles that may write: "
			+ ", ".join(roles_with(doctype, "write"))
			+ ". Fields of a permission level the user cannot write are not saved; child tables sent replace the stored rows."
			+ (' Send {"docstatus": 1} to submit.' if doctype.get("is_submittable") else ""),
			"parameters": [name_param],
			"requestBody": {"required": True, "content": {"application/json": {"schema": ref(key)}}},
			"responses": {
				"200": data_of(ref(key), "The saved document."),
				**error_responses(["403", "404", "409", "417"]),
			},
		}
		delete_op = {
			"tags": [tag],
			"operationId": f"delete_{key}",
			"summary": f"Delete a {name}",
			"description": "Roles that may delete: "
			+ (", ".join(roles_with(doctype, "delete")) or "none")
			+ ".",
			"parameters": [name_param],
			"responses": {
				"202": {
					"description": "Deleted.",
					"content": {
						"application/json": {
							"schema": {"type": "object", "properties": {"data": {"const": "ok"}}}
						}
					},
				},
				**error_responses(["403", "404", "417"]),
			},
		}
		paths[f"/api/resource/{encoded}"] = {"get": list_op, "post": create_op}
		paths[f"/api/resource/{encoded}/{{name}}"] = {"get": get_op, "put": put_op, "delete": delete_op}
	return paths


ZH = {}


def _zh(doctype: str) -> str:
	return ZH.get(doctype, doctype)


def load_translations():
	path = os.path.join(APP, "translations", "zh.csv")
	if os.path.exists(path):
		import csv

		with open(path, encoding="utf-8") as f:
			for row in csv.reader(f):
				if len(row) >= 2:
					ZH[row[0]] = row[1]


def data_of(schema: dict, description: str) -> dict:
	return {
		"description": description,
		"content": {
			"application/json": {
				"schema": {"type": "object", "properties": {"data": schema}, "required": ["data"]}
			}
		},
	}


ERROR_DESCRIPTIONS = {
	"401": "The API key or secret is wrong (AuthenticationError).",
	"403": "Not permitted: role, district isolation (属地原则) or a locked state (PermissionError and subclasses).",
	"404": "No such document (DoesNotExistError).",
	"409": "Duplicate: unique value, one project per unit per edition, one summary per district (DuplicateEntryError, DuplicateApplication).",
	"417": "Refused by a rule; `exc_type` names it and `_server_messages` holds the Chinese message naming the field (ValidationError and subclasses).",
	"429": "Too many requests (RateLimitExceededError).",
}


def error_responses(codes: list[str]) -> dict:
	return {
		code: {
			"description": ERROR_DESCRIPTIONS[code],
			"content": {"application/json": {"schema": ref("Error")}},
		}
		for code in ["401", *codes]
	}


def extra_schemas() -> dict:
	return {
		"Error": {
			"type": "object",
			"description": "Frappe's error response (API v1). `_server_messages` is JSON text: an array whose items are themselves JSON text of ServerMessage.",
			"properties": {
				"exc_type": {
					"type": "string",
					"description": "the exception class: ValidationError, MandatoryError, LinkValidationError, InvalidUscc, TextTooLong, InvalidIndicator, InvalidTransition, DeadlinePassed, IncompleteApplication, ServerManagedField, ConflictOfInterest, QuotaExceeded, DuplicateEntryError, DuplicateApplication, PermissionError, NotYourUnit, DoesNotExistError, AuthenticationError, RateLimitExceededError, TimestampMismatchError …",
				},
				"exception": {
					"type": "string",
					"description": "“module.Class: message”, when the site allows tracebacks",
				},
				"exc": {
					"type": "string",
					"description": "JSON text of the traceback lines, when the site allows tracebacks",
				},
				"_server_messages": {
					"type": "string",
					"description": 'JSON text: ["<JSON text of a ServerMessage>", …]',
				},
				"_error_message": {"type": "string"},
			},
			"required": ["exc_type"],
		},
		"ServerMessage": {
			"type": "object",
			"description": "One decoded item of `_server_messages`.",
			"properties": {
				"message": {
					"type": "string",
					"description": "for the app's rules: “<字段>”：<问题>, e.g. “统一社会信用代码”：校验位（第18位）错误：应为“3”，实际为“X”",
				},
				"title": {
					"type": "string",
					"description": "e.g. 填写有误, 不能办理, 不在办理时间内, 没有权限",
				},
				"indicator": {"type": "string"},
				"raise_exception": {"type": ["integer", "boolean"]},
				"__frappe_exc_id": {"type": "string"},
			},
		},
		"AssignmentResult": {
			"type": "object",
			"properties": {
				"assigned": {"type": "integer", "description": "new Expert Review records"},
				"projects": {"type": "integer"},
				"per_project": {"type": "integer"},
				"shortfalls": {
					"type": "array",
					"items": {
						"type": "object",
						"properties": {
							"project": {"type": "string"},
							"required": {"type": "integer"},
							"assigned": {"type": "integer"},
							"reason": {"type": "string"},
						},
					},
				},
				"loads": {
					"type": "object",
					"additionalProperties": {"type": "integer"},
					"description": "{expert: projects}",
				},
			},
		},
		"ExpertLoad": {
			"type": "object",
			"properties": {
				"expert": {"type": "string"},
				"expert_name": {"type": "string"},
				"organisation": {"type": "string"},
				"assigned": {"type": "integer"},
				"submitted": {"type": "integer"},
				"cap": {"type": ["integer", "null"]},
			},
		},
		"FinishReviewResult": {
			"type": "object",
			"properties": {
				"finished": {"type": "array", "items": {"type": "string"}},
				"waiting": {
					"type": "array",
					"items": {
						"type": "object",
						"properties": {
							"project": {"type": "string"},
							"pending": {"type": "integer"},
							"submitted": {"type": "integer"},
						},
					},
				},
			},
		},
		"AwardLevels": {
			"type": "object",
			"description": "per 奖项等级, in rank order",
			"additionalProperties": {
				"type": "object",
				"properties": {
					"quota": {"type": ["integer", "null"]},
					"unlimited": {"type": "boolean"},
					"already": {"type": "integer"},
					"proposed": {"type": "integer"},
					"total": {"type": "integer"},
					"over_by": {"type": "integer"},
				},
			},
		},
		"AwardPreview": {
			"type": "object",
			"properties": {
				"levels": ref("AwardLevels"),
				"problems": {"type": "array", "items": {"type": "string"}},
				"ok": {"type": "boolean"},
			},
		},
		"AwardCommit": {
			"type": "object",
			"properties": {"levels": ref("AwardLevels"), "committed": {"type": "integer"}},
		},
		"ReportResult": {
			"type": "object",
			"properties": {
				"columns": {"type": "array", "items": {"type": "object"}},
				"result": {"type": "array", "items": {"type": ["object", "array"]}},
				"message": {"type": ["string", "null"]},
			},
		},
	}


def workflow_description() -> str:
	lines = [
		"| state | action | next state | role | reason | window |",
		"| --- | --- | --- | --- | --- | --- |",
	]
	for t in wf.MANUAL_TRANSITIONS:
		lines.append(
			f"| {t.state} | {t.action} | {t.next_state} | {t.role} | {'required' if t.needs_reason else ''} | {t.window or ''} |"
		)
	for t in wf.SYSTEM_TRANSITIONS:
		lines.append(f"| {t.state} | {t.action} (system) | {t.next_state} | {t.role} |  | {t.window or ''} |")
	return "\n".join(lines)


def build() -> dict:
	load_translations()
	doctypes = load_doctypes()
	schemas: dict[str, Any] = {}
	for doctype in doctypes:
		key = schema_key(doctype["name"])
		schemas[key] = doctype_schema(doctype)
		if not doctype.get("istable"):
			required = required_fields(doctype)
			new = {
				"allOf": [ref(key)],
				"description": f"A new {doctype['name']}: the mandatory fields and any others.",
			}
			if required:
				new["allOf"].append({"required": required})
			schemas[f"{key}New"] = new
	schemas.update(extra_schemas())
	paths = {}
	paths.update(resource_paths(doctypes))
	paths.update(method_paths())
	paths.update(report_path())
	tags = [{"name": tag, "description": module} for module, tag in MODULE_TAGS.items()]
	tags.append({"name": "方法 Methods", "description": "Whitelisted methods: /api/method/<dotted.path>"})
	return {
		"openapi": "3.1.0",
		"info": {
			"title": "智慧泉城创新应用大赛 (smart_city_contest) REST API",
			"version": app_version(),
			"summary": "Frappe v15 REST endpoints of the smart_city_contest app",
			"description": (
				"Generated by docs/generate_openapi.py from the DocType JSON, the whitelisted methods and the workflow rules; "
				"do not edit by hand. The guide with examples is docs/api.md.\n\n"
				"Authentication: `Authorization: token <api_key>:<api_secret>`. Responses answer in the user's language "
				"(or `?_lang=zh`). Every rule is held on the server: windows are judged on the server clock in the edition's "
				"time zone, server-managed fields are refused, and a refused request saves nothing.\n\n"
				"Contest Project workflow (smart_city_contest/rules/project_workflow.py):\n\n"
				+ workflow_description()
			),
			"license": {"name": "MIT", "identifier": "MIT"},
		},
		"servers": [
			{
				"url": "{scheme}://{host}",
				"description": "the bench's site; with several sites on one server send X-Frappe-Site-Name",
				"variables": {
					"scheme": {"default": "http", "enum": ["http", "https"]},
					"host": {"default": "contest.localhost:8000"},
				},
			}
		],
		"security": [{"token": []}],
		"tags": tags,
		"paths": paths,
		"components": {
			"securitySchemes": {
				"token": {
					"type": "apiKey",
					"in": "header",
					"name": "Authorization",
					"description": "“token <api_key>:<api_secret>” (User → API Access, or frappe.core.doctype.user.user.generate_keys)",
				}
			},
			"schemas": schemas,
		},
	}


# --- the reference sections of docs/api.md --------------------------------------------------------

GUIDE = os.path.join(DOCS, "api.md")
MARKERS = {
	"methods": (
		"<!-- generated by docs/generate_openapi.py: methods -->",
		"<!-- end of generated: methods -->",
	),
	"doctypes": (
		"<!-- generated by docs/generate_openapi.py: doctypes -->",
		"<!-- end of generated: doctypes -->",
	),
}


def _cell(text) -> str:
	return str(text).replace("|", "\\|").replace("\n", " ")


def _type_cell(field: dict) -> str:
	fieldtype = field["fieldtype"]
	if fieldtype in ("Link", "Table", "Table MultiSelect", "Dynamic Link") and field.get("options"):
		return f"{fieldtype} → {field['options']}"
	return fieldtype


def _notes_cell(field: dict, doctype: dict) -> str:
	notes = []
	if field["fieldtype"] == "Select":
		options, blank = select_options(field)
		notes.append(
			" / ".join(f"`{o}`" for o in options) + (" (or empty)" if blank and not field.get("reqd") else "")
		)
	if doctype["name"] == "Contest Project" and field["fieldname"] == "workflow_state":
		notes.append("one of the states in 3.3")
	if field.get("options") in ("Email", "Phone") and field["fieldtype"] == "Data":
		notes.append(field["options"].lower())
	if field.get("length"):
		notes.append(f"max {field['length']} characters")
	if field.get("non_negative"):
		notes.append("≥ 0")
	if field.get("default") not in (None, "") and field["fieldtype"] not in TABLE_FIELDTYPES:
		notes.append(f"default `{field['default']}`")
	if field.get("unique"):
		notes.append("unique")
	if field.get("mandatory_depends_on"):
		notes.append(f"required when `{field['mandatory_depends_on'].removeprefix('eval:')}`")
	if field.get("read_only"):
		notes.append("**server**")
	if field.get("permlevel"):
		notes.append(f"level {field['permlevel']}")
	if field.get("allow_on_submit"):
		notes.append("changes after submit")
	return "; ".join(notes)


def doctype_reference(doctypes: list[dict]) -> str:
	out = [
		"Generated from the DocType JSON (do not edit between the markers; run `python3 docs/generate_openapi.py`).",
		"**req** = mandatory on create; **server** = set by the server, read only for clients; *level 1* =",
		"permission level 1 (the district's check list: written by District Reviewer, Contest Admin and System Manager,",
		"read by the applicant). Child tables are sent and returned inside their parent.",
		"",
	]
	for doctype in sorted(doctypes, key=lambda d: (bool(d.get("istable")), d["name"])):
		name = doctype["name"]
		zh = _zh(name)
		out.append(f"### {name}" + (f" ({zh})" if zh != name else ""))
		out.append("")
		facts = []
		if doctype.get("description"):
			out.append(doctype["description"].strip())
			out.append("")
		if doctype.get("istable"):
			facts.append("Child table.")
		else:
			facts.append(
				f"Endpoint `/api/resource/{name.replace(' ', '%20')}`; name: {naming_description(doctype)}."
			)
		if doctype.get("is_submittable"):
			facts.append("Submittable (`docstatus` 0 → 1).")
		if name in ISOLATED:
			facts.append(f"属地原则: {ISOLATED[name]}")
		out.append(" ".join(facts))
		out.append("")
		perms = permissions(doctype)
		if perms:
			out.append("| role | level | rights |")
			out.append("| --- | --- | --- |")
			for p in perms:
				out.append(f"| {p['role']} | {p['permlevel']} | {', '.join(p['rights'])} |")
			out.append("")
		out.append("| field | type | label | req | options and notes |")
		out.append("| --- | --- | --- | --- | --- |")
		for field in doctype["fields"]:
			if field["fieldtype"] in LAYOUT_FIELDTYPES:
				continue
			req = "req" if field.get("reqd") and not field.get("read_only") else ""
			out.append(
				f"| `{field['fieldname']}` | {_type_cell(field)} | {_cell(field.get('label') or '')} | {req} | {_cell(_notes_cell(field, doctype))} |"
			)
		out.append("")
	return "\n".join(out).rstrip() + "\n"


def method_reference() -> str:
	paths = method_paths()
	paths.update(report_path())
	out = [
		"Generated from the whitelisted functions and hooks.py (do not edit between the markers).",
		"",
		"| endpoint | HTTP | parameters (* = required) | who | example |",
		"| --- | --- | --- | --- | --- |",
	]
	anchors = {
		"smart_city_contest.api.workflow.apply_project_action": "#44-submit-review-in-the-district-recommend",
		"frappe.model.workflow.apply_workflow": "#44-submit-review-in-the-district-recommend",
		"smart_city_contest.api.workflow.submission_check": "#44-submit-review-in-the-district-recommend",
		"frappe.client.get_count": "#53-counting",
		"smart_city_contest.api.notice.submit_objection": "#410-public-notice-and-objections-公示与异议",
		"frappe.desk.query_report.run": "#48-experts-and-the-review-专家评审",
	}
	for path, item in paths.items():
		dotted = path.removeprefix("/api/method/")
		operation = next(iter(item.values()))
		if "requestBody" in operation:
			schema = next(iter(operation["requestBody"]["content"].values()))["schema"]
			params = [(n, n in schema.get("required", [])) for n in schema.get("properties", {})]
		else:
			params = [(p["name"], p["required"]) for p in operation.get("parameters", [])]
		notes = METHOD_NOTES.get(dotted, {})
		who = notes.get("roles") or (
			"see " + operation["description"].rsplit("Who: ", 1)[-1].split(".")[0]
			if "Who: " in operation["description"]
			else "logged-in users"
		)
		if dotted == "frappe.desk.query_report.run":
			who = "Contest Admin, System Manager (Project Ranking, District Submission Status)"
		anchor = anchors.get(dotted)
		if not anchor:
			section = dotted.split(".")[2] if dotted.startswith("smart_city_contest.api.") else ""
			anchor = {
				"review": "#48-experts-and-the-review-专家评审",
				"documents": "#47-the-official-documents-申报书-推荐汇总表",
			}.get(section)
			if dotted.endswith(("preview_awards", "commit_awards")):
				anchor = "#49-awards-评奖"
		digits = anchor.lstrip("#").split("-", 1)[0] if anchor else ""
		example = f"[{digits[0]}.{digits[1:]}]({anchor})" if anchor else ""
		params_text = ", ".join(f"`{n}`{'*' if r else ''}" for n, r in params) or "—"
		out.append(
			f"| `{dotted}` | {'/'.join(m.upper() for m in item)} | {params_text} | {_cell(who)} | {example} |"
		)
	return "\n".join(out) + "\n"


def update_guide(text: str) -> str:
	doctypes = load_doctypes()
	sections = {"methods": method_reference(), "doctypes": doctype_reference(doctypes)}
	for key, (begin, end) in MARKERS.items():
		if begin not in text or end not in text:
			raise SystemExit(f"docs/api.md lacks the markers {begin} … {end}")
		head, rest = text.split(begin, 1)
		_old, tail = rest.split(end, 1)
		text = head + begin + "\n" + sections[key] + end + tail
	return text


def app_version() -> str:
	with open(os.path.join(APP, "__init__.py"), encoding="utf-8") as f:
		for line in f:
			if line.startswith("__version__"):
				return line.split("=", 1)[1].strip().strip("\"'")
	return "0.0.0"


def render(spec: dict | None = None) -> str:
	header = "# Generated by docs/generate_openapi.py from the DocType JSON and smart_city_contest/api: do not edit.\n"
	return header + yaml.dump(
		spec or build(),
		Dumper=_Dumper,
		allow_unicode=True,
		sort_keys=False,
		width=100,
		default_flow_style=False,
	)


class _Dumper(yaml.SafeDumper):
	"""Plain YAML: no &anchors/*aliases for repeated parts, so every operation reads on its own."""

	def ignore_aliases(self, data):
		return True


def main(argv: list[str]) -> int:
	with open(GUIDE, encoding="utf-8") as f:
		guide = f.read()
	outputs = {OUTPUT: render(), GUIDE: update_guide(guide)}
	stale = []
	for path, text in outputs.items():
		current = open(path, encoding="utf-8").read() if os.path.exists(path) else None
		if current == text:
			continue
		if "--check" in argv:
			stale.append(os.path.relpath(path, REPO))
		else:
			with open(path, "w", encoding="utf-8") as f:
				f.write(text)
			print(f"wrote {os.path.relpath(path, REPO)}")
	if stale:
		print(f"out of date: {', '.join(stale)}; run python3 docs/generate_openapi.py", file=sys.stderr)
		return 1
	return 0


if __name__ == "__main__":
	sys.exit(main(sys.argv[1:]))
