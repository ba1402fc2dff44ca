"""Pure decisions of the contest, free of Frappe so they run (and are tested) without a site.

Each module decides one thing and returns Chinese problem descriptions; the DocType controllers
turn those into `frappe.throw` calls naming the field.
"""
