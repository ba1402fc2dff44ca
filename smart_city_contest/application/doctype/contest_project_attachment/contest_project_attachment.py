from frappe.model.document import Document


class ContestProjectAttachment(Document):
	pass
