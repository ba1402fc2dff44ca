"""Applicants work in the portal (/my-application), never in the desk.

An account registered through the portal is a Website User holding the Contest Applicant role.
Frappe makes any account with a desk-access role a System User on every save
(User.set_system_user); the role keeps desk access for the accounts the bureau created by hand
before the portal, so this hook (User validate, after Frappe's own) keeps a portal account a
Website User as long as Contest Applicant is its only role with desk access. Frappe itself turns
Website Users away from /app (frappe/www/app.py) and sends them to the website after login.
"""

import frappe

from smart_city_contest.rules.project_workflow import APPLICANT

WEBSITE_USER = "Website User"


def keep_portal_account_off_the_desk(doc, method=None):
	if doc.name in ("Administrator", "Guest"):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	portal = doc.flags.portal_account or (before is not None and before.user_type == WEBSITE_USER)
	if not portal or doc.user_type == WEBSITE_USER:
		return
	roles = [row.role for row in doc.roles if row.role != APPLICANT]
	other_desk_roles = roles and frappe.db.count("Role", {"name": ("in", roles), "desk_access": 1})
	if APPLICANT in {row.role for row in doc.roles} and not other_desk_roles:
		doc.user_type = WEBSITE_USER
