from frappe.model.document import Document


class NoticeObjection(Document):
	pass
