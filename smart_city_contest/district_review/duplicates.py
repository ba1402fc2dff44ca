"""疑似重复申报 on a site: which applications of an edition look like another application of this or an
earlier edition (rules/duplicates.py decides the similarity), and who may see which pair.

Compared: every application past 草稿 of the edition with every other one of the edition and of the
earlier editions (by year). Besides the text, an application is flagged when its unit's 统一社会信用代码
or its 投资主体 appeared in an earlier edition's application.

Who sees what: the city every pair. A district reviewer the pairs in which an application of his
district takes part; the other application's details only when he may read it (his district's, of any
edition), otherwise only that a similar application exists elsewhere, its edition and the similarity.
Applicants and experts: nothing. The side-by-side view needs read permission on both applications.

The pairs of an edition are cached (Redis) until an application of any edition compared changes.
"""

import html

import frappe
from frappe import _

from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.rules import duplicates
from smart_city_contest.rules.completeness import REPORT_SECTIONS
from smart_city_contest.rules.project_workflow import DISTRICT_REVIEWER, DRAFT

PROJECT = "Contest Project"
EDITION = "Contest Edition"
TEXT_FIELDS = (("project_summary", "项目简介"), *REPORT_SECTIONS)
SAME_USCC = "同一统一社会信用代码往届已申报"
SAME_INVESTOR = "同一投资主体往届已申报"
TEXT = "文本相似"
HIDDEN = "其他区县的申报（无权查看详情）"


def _compared_editions(contest: str) -> list[str]:
	year = frappe.db.get_value(EDITION, contest, "year")
	if year is None:
		frappe.throw(_("大赛届次“{0}”不存在").format(contest), frappe.DoesNotExistError)
	return frappe.get_all(EDITION, filters={"year": ("<=", year)}, pluck="name")


def _stamp(editions: list[str]) -> str:
	row = frappe.db.sql(
		"""select count(*), max(p.modified), max(u.modified) from `tabContest Project` p
		left join `tabParticipant Unit` u on u.name = p.unit
		where p.contest in %(editions)s and p.workflow_state != %(draft)s""",
		{"editions": editions, "draft": DRAFT},
	)[0]
	return "|".join(str(v) for v in row)


def all_pairs(contest: str) -> list[dict]:
	"""Every flagged pair of the edition, unfiltered (callers filter by what the user may see)."""
	editions = _compared_editions(contest)
	threshold = frappe.db.get_value(EDITION, contest, "duplicate_threshold") or duplicates.DEFAULT_THRESHOLD * 100
	key = f"scc:duplicates:{contest}:{threshold}:{_stamp(editions)}"
	cached = frappe.cache.get_value(key)
	if cached is not None:
		return cached
	fields = ["name", "contest", "district", "unit", "project_name", "unit_name", "investor_name"]
	projects = frappe.get_all(
		PROJECT,
		filters={"contest": ("in", editions), "workflow_state": ("!=", DRAFT)},
		fields=fields + [f for f, _label in TEXT_FIELDS],
		order_by="creation asc",
	)
	by_name = {p.name: p for p in projects}
	uscc = dict(
		frappe.get_all("Participant Unit", filters={"name": ("in", list({p.unit for p in projects}) or [""])},
			fields=["name", "uscc"], as_list=True)
	)
	mine = [p.name for p in projects if p.contest == contest]
	texts = {p.name: "\n".join(duplicates.plain_text(p.get(f)) for f, _label in TEXT_FIELDS) for p in projects}
	found: dict[tuple[str, str], dict] = {}
	for pair in duplicates.similar_pairs(texts, float(threshold) / 100, among=mine):
		first, second = (pair.first, pair.second) if pair.first in mine else (pair.second, pair.first)
		found[(first, second)] = {"similarity": round(pair.similarity * 100, 1), "reasons": [TEXT]}
	earlier = [p for p in projects if p.contest != contest]
	for name in mine:
		p = by_name[name]
		investor = (p.investor_name or "").strip()
		for q in earlier:
			reasons = []
			if uscc.get(p.unit) and uscc.get(p.unit) == uscc.get(q.unit):
				reasons.append(SAME_USCC)
			if investor and investor == (q.investor_name or "").strip():
				reasons.append(SAME_INVESTOR)
			if reasons:
				entry = found.setdefault((name, q.name), {"similarity": None, "reasons": []})
				entry["reasons"].extend(reasons)
	out = []
	for (first, second), entry in found.items():
		if entry["similarity"] is None:
			entry["similarity"] = round(
				duplicates.jaccard(duplicates.shingles(texts[first]), duplicates.shingles(texts[second])) * 100, 1
			)
		a, b = by_name[first], by_name[second]
		out.append(
			{
				"project": a.name, "project_name": a.project_name, "unit_name": a.unit_name, "district": a.district,
				"other_project": b.name, "other_contest": b.contest, "other_project_name": b.project_name,
				"other_unit_name": b.unit_name, "other_district": b.district,
				"similarity": entry["similarity"], "reasons": "、".join(entry["reasons"]),
			}
		)
	out.sort(key=lambda r: (-r["similarity"], r["project"], r["other_project"]))
	frappe.cache.set_value(key, out, expires_in_sec=3600)
	return out


def visible_pairs(contest: str, user: str | None = None) -> list[dict]:
	"""The pairs `user` may see, the other application redacted where he may not read it."""
	scope = user_scope(user)
	pairs = all_pairs(contest)
	if scope.everything:
		return pairs
	if not scope.districts or DISTRICT_REVIEWER not in frappe.get_roles(user):
		frappe.throw(_("只有市局和区县审核员可以查看疑似重复申报"), frappe.PermissionError)
	out = []
	for row in pairs:
		if row["district"] not in scope.districts and row["other_district"] not in scope.districts:
			continue
		if row["district"] not in scope.districts:  # his is the other one: show it first
			row = _swap(row, contest)
		if row["other_district"] not in scope.districts:
			row = dict(row, other_project=None, other_project_name=HIDDEN, other_unit_name="", other_district="")
		out.append(row)
	return out


def _swap(row: dict, contest: str) -> dict:
	"""The pair seen from its other side; the first side of every pair is an application of `contest`."""
	swapped = {}
	for key in ("project", "project_name", "unit_name", "district"):
		swapped[key], swapped[f"other_{key}"] = row[f"other_{key}"], row[key]
	swapped["other_contest"] = contest
	return dict(row, **swapped)


def side_by_side(first: str, second: str) -> dict:
	"""Both applications' texts, section by section, with the passages the other shares marked (<mark>).
	Needs read permission on both."""
	docs = []
	for name in (first, second):
		if not frappe.db.exists(PROJECT, name):
			frappe.throw(_("参赛项目{0}不存在").format(name), frappe.DoesNotExistError)
		doc = frappe.get_doc(PROJECT, name)
		doc.check_permission("read")
		docs.append(doc)
	texts = [{f: duplicates.plain_text(d.get(f)) for f, _label in TEXT_FIELDS} for d in docs]
	whole = ["\n".join(t.values()) for t in texts]
	similarity = duplicates.jaccard(duplicates.shingles(whole[0]), duplicates.shingles(whole[1]))
	sides = []
	for k, doc in enumerate(docs):
		other = whole[1 - k]
		sections = [
			{"label": label, "html": _marked(texts[k][f], other)} for f, label in TEXT_FIELDS
		]
		sides.append(
			{"project": doc.name, "contest": doc.contest, "project_name": doc.project_name,
			 "unit_name": doc.unit_name, "district": doc.district, "sections": sections}
		)
	return {"similarity": round(similarity * 100, 1), "rule": duplicates.RULE, "sides": sides}


def _marked(text: str, other: str) -> str:
	if not text:
		return '<span class="text-muted">（未填写）</span>'
	parts = []
	for run, shared in duplicates.overlap(text, other):
		escaped = html.escape(run).replace("\n", "<br>")
		parts.append(f"<mark>{escaped}</mark>" if shared else escaped)
	return "".join(parts)
