"""Attach to their application the files its fields and attachment rows name but nothing owns.

Since this release a 申报书 binds only the files attached to its project or unit (a file answers to
the document it is attached to, permissions/files.py). Frappe attached the files of a document's own
Attach fields, never those of its attachment rows, so on a site of the previous release the files
in Contest Project Attachment rows are usually attached to nothing: attach each to the project (or
unit) that names it, oldest first, as a save of the project would today.
"""

import frappe

from smart_city_contest.permissions.files import attach_referenced_files


def _naming(doctype: str) -> list[str]:
	"""Documents of `doctype` naming a site file that no File record has attached to anything."""
	if doctype == "Contest Project":
		return frappe.db.sql_list(
			"""select distinct p.name from `tabContest Project` p
			left join `tabContest Project Attachment` a on a.parent = p.name and a.parenttype = 'Contest Project'
			join `tabFile` f on f.file_url in (p.completion_proof, p.signed_pledge, a.file)
			where ifnull(f.attached_to_name, '') = '' order by p.creation"""
		)
	return frappe.db.sql_list(
		"""select distinct u.name from `tabParticipant Unit` u join `tabFile` f on f.file_url = u.name_change_proof
		where ifnull(f.attached_to_name, '') = '' order by u.creation"""
	)


def execute():
	for doctype in ("Participant Unit", "Contest Project"):
		for name in _naming(doctype):
			attach_referenced_files(frappe.get_doc(doctype, name))
