from frappe.model.document import Document


class ContestScoringDimension(Document):
	pass
