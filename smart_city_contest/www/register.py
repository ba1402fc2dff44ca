"""/register: a participant unit registers its applicant account itself (issue #13).

The page only shows the form; smart_city_contest.api.registration.register decides everything."""

import frappe
from frappe import _

from smart_city_contest.api.registration import open_editions
from smart_city_contest.application.doctype.participant_unit.participant_unit import ENTERPRISE
from smart_city_contest.portal_translations import script_messages

no_cache = 1

UNIT_CATEGORIES = ("企业", "高等院校", "科研院所", "其他事业单位")
ENTERPRISE_NATURES = ("国有", "民营", "三资")


def get_context(context):
	context.no_cache = 1
	context.title = _("参赛单位注册")
	context.logged_in = frappe.session.user != "Guest"
	context.editions = open_editions()
	context.districts = frappe.get_all(
		"Contest District", filters={"enabled": 1}, order_by="sort_order asc, name asc", pluck="name"
	)
	context.unit_categories = UNIT_CATEGORIES
	context.enterprise_natures = ENTERPRISE_NATURES
	context.enterprise = ENTERPRISE  # the category that asks for 企业性质 (a stored value, compared by the script)
	context.portal_messages = script_messages("www/register.html", "templates/includes/portal_api.html")
	return context
