from frappe.model.document import Document


class ExpertReviewAmendment(Document):
	pass
