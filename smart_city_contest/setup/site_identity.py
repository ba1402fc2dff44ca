"""The name and the language the site shows. Out of the box Frappe calls itself “Frappe” (the login
page's 登录Frappe, the website footer's “Built on Frappe”, e-mail subjects) and its superuser
“Administrator” (in every form's timeline); a bureau site says 智慧泉城创新应用大赛 and 系统管理员 instead.
Only Frappe's own defaults are replaced: a name a site has chosen for itself is kept.

A visitor who has not logged in (the public notice, the login and registration pages) reads the site's
language, whatever their browser asks for: Frappe would otherwise answer an English browser in English."""

import frappe

SITE_NAME = "智慧泉城创新应用大赛"
ADMINISTRATOR_NAME = "系统管理员"


def name_the_site():
	for settings in ("System Settings", "Website Settings"):
		if frappe.db.get_single_value(settings, "app_name") == "Frappe" or (
			settings == "System Settings" and not frappe.db.get_single_value(settings, "app_name")
		):
			frappe.db.set_single_value(settings, "app_name", SITE_NAME)
	if not frappe.db.get_single_value("Website Settings", "footer_powered"):
		frappe.db.set_single_value("Website Settings", "footer_powered", SITE_NAME)
	if frappe.db.get_value("User", "Administrator", "first_name") == "Administrator":
		frappe.db.set_value("User", "Administrator", {"first_name": ADMINISTRATOR_NAME, "full_name": ADMINISTRATOR_NAME},
			update_modified=False)


def guests_read_the_site_language():
	"""before_request: a guest's pages come in the site's language (System Settings), unless ?_lang= asks."""
	if frappe.session.user == "Guest" and not frappe.form_dict.get("_lang"):
		frappe.local.lang = frappe.db.get_default("lang") or frappe.local.lang


def administrator_in_boot(bootinfo):
	"""extend_bootinfo: the desk knows Administrator's name. A form's timeline and sidebar name who last
	changed it from the boot's user list (Frappe's docinfo leaves out the document's own owner and
	modifier), and fall back to the account name — “Administrator” for what jobs and set-up changed."""
	frappe.utils.add_user_info("Administrator", bootinfo.setdefault("user_info", {}))
