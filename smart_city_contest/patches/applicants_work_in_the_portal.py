"""Applicants work in the portal, never in the desk: take desk access from the Contest Applicant role.

Sites of earlier releases gave the role desk access, so the applicant accounts the bureau made by hand
(and the previous demo's) were System Users working in /app. Saving the role without desk access makes
Frappe re-evaluate every account holding it: an account whose other roles give no desk access becomes
a Website User, whom Frappe turns away from /app and sends to the portal (/my-application) after
login. An account that also holds a staff role keeps the desk. The rule and its code live in
setup/workflow.py (apply_desk_access, also run on every install and migrate); idempotent.
"""

from smart_city_contest.setup.workflow import apply_desk_access


def execute():
	apply_desk_access()
