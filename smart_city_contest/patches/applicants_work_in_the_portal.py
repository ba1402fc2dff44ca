"""Applicants work in the portal, never in the desk: take desk access from the Contest Applicant role.

Sites of earlier releases gave the role desk access, so the applicant accounts the bureau made by hand
(and the previous demo's) were System Users working in /app. Saving the role without desk access makes
Frappe re-evaluate every account holding it (Role.update_user_type_on_change): an account whose other
roles give no desk access becomes a Website User, whom Frappe turns away from /app and sends to the
portal (/my-application) after login. An account that also holds a staff role keeps the desk.
Idempotent: a role already without desk access is left as it is.
"""

import frappe

from smart_city_contest.rules.project_workflow import APPLICANT


def execute():
	if not frappe.db.exists("Role", APPLICANT):
		return  # a new site: setup/workflow.py creates the role without desk access
	role = frappe.get_doc("Role", APPLICANT)
	if not role.desk_access:
		return
	role.desk_access = 0
	role.save(ignore_permissions=True)
