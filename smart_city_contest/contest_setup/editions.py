"""Which contest edition is the current one: what the workspace's cards and charts and the statistics
report show unless the user picks another.

The current edition is the newest one whose application window has opened (by 申报开始时间); before
any has opened, the newest one. A user picks another for the session with Frappe's Session
Defaults (默认大赛届次, kept as the user default ``contest_edition``), or with a chart's own filter.
"""

import frappe

from smart_city_contest.rules.deadlines import now_in

EDITION = "Contest Edition"
SESSION_DEFAULT_KEY = "contest_edition"  # frappe.scrub(EDITION), as Session Default Settings keys it
# The JavaScript that the desk evaluates for a card's or chart's dynamic edition filter.
DESK_EXPRESSION = f'frappe.defaults.get_user_default("{SESSION_DEFAULT_KEY}") || frappe.boot.scc_current_edition || ""'


def current_edition() -> str | None:
	now = now_in("Asia/Shanghai")
	started = frappe.get_all(
		EDITION, filters={"application_start": ("<=", now)}, order_by="application_start desc, creation desc",
		pluck="name", limit=1,
	)
	if started:
		return started[0]
	newest = frappe.get_all(EDITION, order_by="application_start desc, creation desc", pluck="name", limit=1)
	return newest[0] if newest else None


def chosen_edition() -> str | None:
	"""The edition this session looks at: the user's session default if it still exists, else the current one."""
	chosen = frappe.defaults.get_user_default(SESSION_DEFAULT_KEY)
	if chosen and frappe.db.exists(EDITION, chosen):
		return chosen
	return current_edition()

