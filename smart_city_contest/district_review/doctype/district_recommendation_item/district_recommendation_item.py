from frappe.model.document import Document


class DistrictRecommendationItem(Document):
	pass
