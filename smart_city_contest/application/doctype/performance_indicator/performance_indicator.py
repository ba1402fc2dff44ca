from frappe.model.document import Document


class PerformanceIndicator(Document):
	pass
