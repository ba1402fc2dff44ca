"""What the desk's JavaScript reads from the server at boot (hooks.boot_session), so that no list the
server decides by is written out again in a .js file: the session's edition for the desk's dynamic
filters, the 涉及领域 (rules/domains.py), the workflow's states and the actions that ask for a reason
(rules/project_workflow.py), and the expert reviews' statuses (rules/review_statuses.py)."""

import frappe

from smart_city_contest.contest_setup import editions
from smart_city_contest.rules import domains, review_statuses
from smart_city_contest.rules import project_workflow as wf


def boot_session(bootinfo):
	if frappe.session.user == "Guest":
		return
	bootinfo.scc_current_edition = editions.current_edition()
	bootinfo.scc = {
		"domains": list(domains.LABELS),
		"states": {
			"draft": wf.DRAFT, "returned": wf.RETURNED, "not_recommended": wf.NOT_RECOMMENDED,
			"reviewed": wf.REVIEWED, "awarded": wf.AWARDED, "applicant_editable": list(wf.APPLICANT_EDITABLE),
			# The states a district's reason leads to: the form shows that reason at the top.
			"with_district_reason": [t.next_state for t in wf.MANUAL_TRANSITIONS
				if t.needs_reason and t.role == wf.DISTRICT_REVIEWER],
		},
		"actions_needing_reason": [t.action for t in wf.MANUAL_TRANSITIONS if t.needs_reason],
		"review_statuses": list(review_statuses.STATUSES),
	}
