"""Building blocks for the workflow and isolation tests: people, units and projects made over HTTP."""

from dataclasses import dataclass

import frappe

from tests.factories import OPEN_EDITION, complete_materials, edition_payload, project_payload, unit_payload

APPLICANT = "Contest Applicant"
REVIEWER = "District Reviewer"


@dataclass
class Application:
	applicant: object  # ApiClient of the unit's own account
	unit: str
	project: str
	district: str


def register_and_apply(make_api_user, district: str, contest: str = OPEN_EDITION, materials=True, **project) -> Application:
	"""An applicant account registers its unit in `district` and saves a draft project, all over REST."""
	applicant = make_api_user([APPLICANT])
	r = applicant.insert("Participant Unit", unit_payload(district=district))
	assert r.ok, r
	unit = r.data["name"]
	payload = project_payload(unit, contest=contest, **(complete_materials() if materials else {}))
	payload.update(project)
	r = applicant.insert("Contest Project", payload)
	assert r.ok, r
	return Application(applicant, unit, r.data["name"], district)


def act(client, project: str, action: str, reason: str | None = None):
	return client.call("smart_city_contest.api.workflow.apply_project_action", project=project, action=action, reason=reason)


CHECKLIST = {
	"check_unit_eligibility": 1,
	"check_project_eligibility": 1,
	"check_completion_proof": 1,
	"check_pledge": 1,
	"check_materials_complete": 1,
}


def recommend(reviewer, project: str):
	r = reviewer.update("Contest Project", project, CHECKLIST)
	assert r.ok, r
	r = act(reviewer, project, "推荐")
	assert r.ok, r
	return r


def make_edition(title: str, **windows) -> str:
	frappe.set_user("Administrator")
	frappe.get_doc(dict(edition_payload(title, **windows), doctype="Contest Edition")).insert()
	frappe.db.commit()
	return title


def move_edition(title: str, **windows):
	"""Move an edition's boundaries relative to the server clock (the clock itself is the server's)."""
	doc = frappe.get_doc("Contest Edition", title)
	doc.update(windows)
	doc.save()
	frappe.db.commit()


def stored(doctype: str, name: str, field: str):
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, field)
