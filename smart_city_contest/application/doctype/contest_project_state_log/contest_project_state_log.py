from frappe.model.document import Document


class ContestProjectStateLog(Document):
	pass
