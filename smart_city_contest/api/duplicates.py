"""疑似重复申报, for the city and the district reviewers (district_review/duplicates.py decides who sees what).

GET /api/method/smart_city_contest.api.duplicates.<name>

- `pairs?contest=<edition>` — the edition's applications that look like another application of this or
  an earlier edition: similarity (%), reasons (文本相似 / 同一统一社会信用代码往届已申报 / 同一投资主体往届已申报).
- `compare?first=<project>&second=<project>` — both applications side by side, section by section, the
  shared passages marked; read permission on both.
"""

import frappe

from smart_city_contest.district_review import duplicates


@frappe.whitelist()
def pairs(contest: str):
	return {"rule": duplicates.duplicates.RULE, "pairs": duplicates.visible_pairs(contest)}


@frappe.whitelist()
def compare(first: str, second: str):
	return duplicates.side_by_side(first, second)
