from frappe.model.document import Document


class ReviewExpertConflict(Document):
	pass
