"""Speak the user's language to integrators too.

Frappe picks a request's language before it authenticates an API key or token, so a token request
gets the site's boot default ("en") instead of the user's language, and every refusal comes back in
English. This auth hook, run right after authentication, applies Frappe's own documented order
(explicit _lang, then the user's language, then the system default) to those requests.
"""

import frappe
from frappe.translate import get_lang_code, get_user_lang


def use_the_users_language():
	if frappe.session.user in (None, "", "Guest"):
		return
	if frappe.form_dict.get("_lang") and get_lang_code(frappe.form_dict._lang):
		return
	frappe.local.lang = get_user_lang(frappe.session.user)
