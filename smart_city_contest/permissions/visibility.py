"""Who sees which applications (属地原则), enforced in SQL for lists and per document for everything else.

- Administrator, System Manager and Contest Admin (the city bureau) see everything.
- A District Reviewer sees the units, projects, recommendations and extensions of the districts
  they hold a User Permission on (Contest District); with none, nothing.
- A Contest Applicant sees the unit they registered (User Permission on Participant Unit) and its
  projects; with none, nothing.
- A Contest Expert sees the projects assigned to them (an Expert Review not recused) and their units,
  and their own reviews; never other experts' reviews.

Frappe applies the same User Permissions to link fields, link search and query reports; these
hooks add the guarantee for the empty case and for single-document access (REST get, update,
delete, print, files), since Frappe's list conditions alone do not cover a direct URL.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.permissions import get_user_permissions

from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.project_workflow import APPLICANT, CONTEST_ADMIN, DISTRICT_REVIEWER, EXPERT

CITY_ROLES = frozenset({"System Manager", CONTEST_ADMIN})
UNIT = "Participant Unit"


@dataclass(frozen=True)
class Scope:
	everything: bool = False
	districts: tuple[str, ...] = ()
	units: tuple[str, ...] = ()
	expert: str | None = None  # the user, when they hold the Contest Expert role


def user_scope(user: str | None = None) -> Scope:
	user = user or frappe.session.user
	if user == "Administrator":
		return Scope(everything=True)
	roles = set(frappe.get_roles(user))
	if roles & CITY_ROLES:
		return Scope(everything=True)
	permitted = get_user_permissions(user)
	districts = units = ()
	if DISTRICT_REVIEWER in roles:
		districts = tuple(p["doc"] for p in permitted.get("Contest District", []))
	if APPLICANT in roles:
		units = tuple(p["doc"] for p in permitted.get("Participant Unit", []))
	return Scope(districts=districts, units=units, expert=user if EXPERT in roles else None)


ASSIGNED = "select `project` from `tabExpert Review` where `expert_user` = {user} and `status` != '" + review_statuses.RECUSED + "'"


def _in(column: str, values: tuple[str, ...]) -> str | None:
	if not values:
		return None
	return f"{column} in ({', '.join(frappe.db.escape(v) for v in values)})"


def _condition(scope: Scope, district_column: str | None, unit_column: str | None, assigned: str | None = None) -> str:
	if scope.everything:
		return ""
	parts = [
		c
		for c in (
			_in(district_column, scope.districts) if district_column else None,
			_in(unit_column, scope.units) if unit_column else None,
			assigned.format(user=frappe.db.escape(scope.expert)) if assigned and scope.expert else None,
		)
		if c
	]
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


# permission_query_conditions -------------------------------------------------------------------


def unit_query(user=None, doctype=None):
	return _condition(
		user_scope(user), "`tabParticipant Unit`.`district`", "`tabParticipant Unit`.`name`",
		"`tabParticipant Unit`.`name` in (select `unit` from `tabContest Project` where `name` in (" + ASSIGNED + "))",
	)


def project_query(user=None, doctype=None):
	return _condition(
		user_scope(user), "`tabContest Project`.`district`", "`tabContest Project`.`unit`",
		"`tabContest Project`.`name` in (" + ASSIGNED + ")",
	)


def review_query(user=None, doctype=None):
	scope = user_scope(user)
	if scope.everything:
		return ""
	if scope.expert:
		return f"`tabExpert Review`.`expert_user` = {frappe.db.escape(scope.expert)}"
	return "1=0"


def recommendation_query(user=None, doctype=None):
	return _condition(user_scope(user), "`tabDistrict Recommendation`.`district`", None)


def extension_query(user=None, doctype=None):
	return _condition(user_scope(user), "`tabDistrict Deadline Extension`.`district`", None)


# has_permission (can only deny) ----------------------------------------------------------------
#
# A document passed to these hooks may carry a client's values: a REST update checks write
# permission on the *updated* document, print views and run_doc_method accept a whole document as
# JSON. So the scope is decided on the values stored for that name; for a change, the new values
# must be in scope too (nobody moves a record into or out of someone else's district).


def _stored(doc, fields: tuple[str, ...]) -> dict | None:
	"""The scope fields stored under the document's name, or None for a document not yet stored."""
	if not doc.name:
		return None
	return frappe.db.get_value(doc.doctype, doc.name, list(fields), as_dict=True)


def _decide(doc, ptype, fields: tuple[str, ...], allows) -> bool:
	"""allows(values) on the stored row (if any) and, for anything but reading, on the document too."""
	stored = _stored(doc, fields)
	if stored is not None and not allows(stored):
		return False
	if stored is None or ptype not in ("read", "select", "print", "email", "export", "report"):
		return allows({f: doc.get(f) for f in fields})
	return True


def _allows(scope: Scope, district: str | None, unit: str | None) -> bool:
	if scope.everything:
		return True
	return bool((district and district in scope.districts) or (unit and unit in scope.units))


def _assigned(scope: Scope, project: str | None = None, unit: str | None = None) -> bool:
	"""An expert reads (never writes) the projects assigned to them and those projects' units."""
	if not scope.expert:
		return False
	filters = {"expert_user": scope.expert, "status": ("!=", review_statuses.RECUSED)}
	if project:
		return bool(frappe.db.exists("Expert Review", dict(filters, project=project)))
	projects = frappe.get_all("Expert Review", filters=filters, pluck="project")
	return bool(projects) and bool(frappe.db.exists("Contest Project", {"name": ("in", projects), "unit": unit}))


def unit_permission(doc, ptype=None, user=None):
	scope = user_scope(user)
	if doc.is_new() and ptype == "create" and not frappe.db.exists(UNIT, doc.name or ""):
		if scope.units:
			# Frappe would refuse with a bare "not allowed"; say why.
			frappe.throw(
				_("您的账号已登记参赛单位{0}，每个账号只能登记一个参赛单位").format("、".join(scope.units)),
				frappe.DuplicateEntryError,
				title=_("不能重复登记"),
			)
		return True  # registering a unit: the rules in ParticipantUnit decide
	return _decide(doc, ptype, ("name", "district"), lambda v: _allows(scope, v["district"], v["name"])) or (
		ptype in ("read", "print") and _decide(doc, ptype, ("name",), lambda v: _assigned(scope, unit=v["name"]))
	)


def project_permission(doc, ptype=None, user=None):
	scope = user_scope(user)

	def allows(v):
		district = v["district"]
		if not district and v["unit"]:
			district = frappe.db.get_value(UNIT, v["unit"], "district")
		return _allows(scope, district, v["unit"])

	return _decide(doc, ptype, ("district", "unit"), allows) or (
		ptype in ("read", "print") and _decide(doc, ptype, ("name",), lambda v: _assigned(scope, project=v["name"]))
	)


def review_permission(doc, ptype=None, user=None):
	scope = user_scope(user)
	return scope.everything or (
		scope.expert is not None and _decide(doc, ptype, ("expert_user",), lambda v: v["expert_user"] == scope.expert)
	)


def expert_profile_query(user=None, doctype=None):
	scope = user_scope(user)
	if scope.everything:
		return ""
	return f"`tabReview Expert`.`user` = {frappe.db.escape(scope.expert)}" if scope.expert else "1=0"


def expert_profile_permission(doc, ptype=None, user=None):
	scope = user_scope(user)
	return scope.everything or (
		scope.expert is not None and _decide(doc, ptype, ("user",), lambda v: v["user"] == scope.expert)
	)


def recommendation_permission(doc, ptype=None, user=None):
	scope = user_scope(user)
	return _decide(doc, ptype, ("district",), lambda v: _allows(scope, v["district"], None))


def extension_permission(doc, ptype=None, user=None):
	scope = user_scope(user)
	return _decide(doc, ptype, ("district",), lambda v: _allows(scope, v["district"], None))


# The list condition of each DocType governed here (child rows and files reuse them).
QUERY_CONDITIONS = {
	"Participant Unit": unit_query,
	"Contest Project": project_query,
	"District Recommendation": recommendation_query,
	"District Deadline Extension": extension_query,
	"Expert Review": review_query,
	"Review Expert": expert_profile_query,
}


def reference_query(table: str, doctype_column: str, name_column: str, user=None) -> str:
	"""Rows of `table` that point at a record (doctype, name): those pointing at a document governed
	here only when the user may list that document (File attachments, Tag Links)."""
	if user_scope(user).everything:
		return ""
	governed = ", ".join(frappe.db.escape(d) for d in QUERY_CONDITIONS)
	column = f"`tab{table}`.`{doctype_column}`"
	branches = [f"ifnull({column}, '') not in ({governed})"]
	for parent, query in QUERY_CONDITIONS.items():
		condition = query(user=user, doctype=parent)
		if condition == "1=0":
			continue
		branches.append(
			f"({column} = {frappe.db.escape(parent)} and `tab{table}`.`{name_column}` in "
			f"(select `tab{parent}`.`name` from `tab{parent}` where {condition or '1=1'}))"
		)
	return "(" + " or ".join(branches) + ")"


def tag_link_query(user=None, doctype=None):
	return reference_query("Tag Link", "document_type", "document_name", user)


def tag_link_permission(doc, ptype=None, user=None):
	if doc.document_type not in QUERY_CONDITIONS or not doc.document_name:
		return None
	if not frappe.db.exists(doc.document_type, doc.document_name):
		return False
	return None if frappe.get_doc(doc.document_type, doc.document_name).has_permission("read", user=user) else False
