from frappe.model.document import Document


class ContestAwardLevel(Document):
	pass
