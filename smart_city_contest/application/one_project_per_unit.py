"""每个参赛单位只能申报1个项目 (in each edition): decided here, held twice.

1. On save, `check` looks for the unit's other project in the edition and refuses with its number.
2. Two requests that race past the check (on one app server or two) meet the database's unique index
   on (contest, unit), added by `add_index` (Contest Project's on_doctype_update); `refuse_race` turns
   the index's refusal into the same Chinese words.
"""

import frappe
from frappe import _

from smart_city_contest.errors import DuplicateApplication, throw_for_field

UNIQUE_INDEX = "unique_contest_unit"


def check(project) -> None:
	if not (project.contest and project.unit):
		return
	existing = frappe.db.get_value(
		"Contest Project", {"contest": project.contest, "unit": project.unit, "name": ("!=", project.name)}, "name"
	)
	if existing:
		refuse(project, existing)


def refuse(project, existing: str | None = None) -> None:
	unit_name = frappe.db.get_value("Participant Unit", project.unit, "unit_name") or project.unit
	throw_for_field(
		project, "unit",
		_("参赛单位“{0}”在“{1}”中已申报项目{2}，每个参赛单位只能申报1个项目").format(
			unit_name, project.contest, existing or ""
		),
		exc=DuplicateApplication,
	)


def refuse_race(project, error: frappe.UniqueValidationError) -> None:
	"""Re-raise `error` unless it is this rule's index; if it is, refuse as `check` would."""
	if UNIQUE_INDEX not in str(error.args[-1] if error.args else error):
		raise error
	frappe.clear_last_message()
	refuse(project)


def add_index() -> None:
	frappe.db.add_unique("Contest Project", ["contest", "unit"], constraint_name=UNIQUE_INDEX)
