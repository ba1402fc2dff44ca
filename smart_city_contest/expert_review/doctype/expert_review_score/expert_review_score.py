from frappe.model.document import Document


class ExpertReviewScore(Document):
	pass
