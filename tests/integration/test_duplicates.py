"""疑似重复申报 over HTTP (#16): near-identical applications of this and earlier editions, the same unit
across editions, who sees which pair (the city all; a district reviewer his district's, the other side
redacted unless he may read it), and the side-by-side view.

The editions here carry years of their own (far in the past), so the comparison covers only this
module's applications, not the site's other tests' (whose factory texts are all alike)."""

import json
import random

import frappe
import pytest

from tests.factories import project_payload
from tests.integration.world import (
	APPLICANT,
	REVIEWER,
	act,
	complete_materials,
	make_edition,
	register_and_apply,
)
from tests.unit.test_duplicates import random_text

PAIRS = "smart_city_contest.api.duplicates.pairs"
COMPARE = "smart_city_contest.api.duplicates.compare"
SECTIONS = ("overview", "innovation", "replicability", "background_and_goals", "construction_content",
	"completion_status", "outcomes", "promotion_plan")


def texts(seed: str, edit=None) -> dict:
	rng = random.Random(seed)  # a seed of this run's own: other runs' applications share no text
	values = {"project_summary": random_text(rng, 200)}
	values.update({f: f"<p>{random_text(rng, 150)}</p>" for f in SECTIONS})
	if edit:
		values = {k: edit(v) for k, v in values.items()}
	return values


def lightly_edited(value: str) -> str:
	"""Every 60th character changed: a re-entered application with small edits."""
	return "".join("改" if i % 60 == 59 and ch not in "<>/p" else ch for i, ch in enumerate(value))


@pytest.fixture(scope="module")
def world(make_api_user):
	year = random.randint(1100, 1800)
	tag = frappe.generate_hash(length=6)
	old = make_edition(f"重复测试往届{tag}")
	new = make_edition(f"重复测试本届{tag}")
	frappe.db.set_value("Contest Edition", old, "year", year - 1)
	frappe.db.set_value("Contest Edition", new, "year", year)
	frappe.db.commit()

	def apply(district, contest, label, seed, edit=None):
		app = register_and_apply(make_api_user, district, contest=contest, investor_name=f"投资主体{tag}{label}",
			project_name=f"重复测试项目{tag}-{label}", **texts(f"{tag}-{seed}", edit))
		r = act(app.applicant, app.project, "提交")
		assert r.ok, r
		return app

	o1 = apply("钢城区", old, "o1", 1)  # last year's, in 钢城区
	n1 = apply("历城区", new, "n1", 1, lightly_edited)  # re-entered this year in 历城区 with small edits
	n2 = apply("历城区", new, "n2", 2)
	n3 = apply("历城区", new, "n3", 2)  # the same text as n2, another unit of the same district
	# o1's unit enters again this year with a text of its own: the same 统一社会信用代码
	payload = project_payload(o1.unit, contest=new, **complete_materials(o1.applicant))
	payload.update(project_name=f"重复测试项目{tag}-n4", investor_name=f"投资主体{tag}n4", **texts(f"{tag}-4"))
	r = o1.applicant.insert("Contest Project", payload)
	assert r.ok, r
	n4 = r.data["name"]
	assert act(o1.applicant, n4, "提交").ok
	return {"old": old, "new": new, "o1": o1.project, "n1": n1.project, "n2": n2.project, "n3": n3.project,
		"n4": n4, "tag": tag}


def pair_set(rows):
	return {(r["project"], r["other_project"]): r for r in rows}


def test_the_city_sees_every_pair_with_its_reasons(admin_api, world):
	r = admin_api.call(PAIRS, contest=world["new"])
	assert r.ok, r
	pairs = pair_set(r.data["pairs"])
	w = world
	edited = pairs[(w["n1"], w["o1"])]
	assert edited["reasons"] == "文本相似" and 80 <= edited["similarity"] < 100
	copy = pairs.get((w["n2"], w["n3"])) or pairs.get((w["n3"], w["n2"]))
	assert copy and copy["similarity"] == 100.0
	same_unit = pairs[(w["n4"], w["o1"])]
	assert "同一统一社会信用代码往届已申报" in same_unit["reasons"] and same_unit["similarity"] < 20
	assert same_unit["other_contest"] == w["old"]
	assert len(pairs) == 3, pairs  # nothing else: unrelated texts and other investors are not flagged
	assert "连续4个字" in r.data["rule"]


def test_a_district_reviewer_sees_his_districts_pairs_and_nothing_of_the_other_side(make_api_user, world):
	w = world
	licheng = make_api_user([REVIEWER], districts=["历城区"])
	r = licheng.call(PAIRS, contest=w["new"])
	assert r.ok, r
	pairs = pair_set(r.data["pairs"])
	assert (w["n1"], None) in pairs  # flagged, the other side (钢城区, last year) hidden
	hidden = pairs[(w["n1"], None)]
	assert hidden["other_project_name"] == "其他区县的申报（无权查看详情）" and hidden["other_contest"] == w["old"]
	assert {w["n2"], w["n3"]} <= {p for pair in pairs for p in pair}
	assert not any(w["n4"] in pair or w["o1"] in pair for pair in pairs)
	# The marker: nothing of 钢城区's application leaks: its number, its name, its unit.
	raw = json.dumps(r.json, ensure_ascii=False)
	o1 = frappe.db.get_value("Contest Project", w["o1"], ["project_name", "unit_name"], as_dict=True)
	assert w["o1"] not in raw and o1.project_name not in raw and o1.unit_name not in raw

	gangcheng = make_api_user([REVIEWER], districts=["钢城区"])
	pairs = pair_set(gangcheng.call(PAIRS, contest=w["new"]).data["pairs"])
	assert (w["o1"], None) in pairs  # his last year's application comes first; 历城区's hidden
	assert (w["n4"], w["o1"]) in pairs  # both his
	assert not any(w["n2"] in pair for pair in pairs)
	# The same through the desk's report
	report = licheng.call("frappe.desk.query_report.run", report_name="Duplicate Applications", filters={"contest": w["new"]})
	assert report.ok and {(row["project"], row["other_project"]) for row in report.data["result"]} == set(
		pair_set(licheng.call(PAIRS, contest=w["new"]).data["pairs"]))


def test_side_by_side_needs_both_applications(admin_api, make_api_user, world):
	w = world
	licheng = make_api_user([REVIEWER], districts=["历城区"])
	r = licheng.call(COMPARE, first=w["n2"], second=w["n3"])
	assert r.ok, r
	assert r.data["similarity"] == 100.0 and [s["project"] for s in r.data["sides"]] == [w["n2"], w["n3"]]
	assert all("<mark>" in s["html"] for s in r.data["sides"][0]["sections"])
	denied = licheng.call(COMPARE, first=w["n1"], second=w["o1"])
	assert denied.status == 403, denied
	assert frappe.db.get_value("Contest Project", w["o1"], "project_summary")[:20] not in json.dumps(denied.json, ensure_ascii=False)
	city = admin_api.call(COMPARE, first=w["n1"], second=w["o1"])
	assert city.ok and 80 <= city.data["similarity"] < 100
	section = city.data["sides"][0]["sections"][0]["html"]
	assert "<mark>" in section and "改" in section.replace("<mark>", "").replace("</mark>", "")


def test_applicants_and_experts_see_nothing(make_api_user, world):
	for outsider in (make_api_user([APPLICANT]), make_api_user(["Contest Expert"])):
		r = outsider.call(PAIRS, contest=world["new"])
		assert r.status == 403, r
		assert outsider.call(COMPARE, first=world["n2"], second=world["n3"]).status == 403
		report = outsider.call("frappe.desk.query_report.run", report_name="Duplicate Applications",
			filters={"contest": world["new"]})
		assert report.status == 403, report


def test_the_threshold_is_edition_data(admin_api, world):
	bad = admin_api.update("Contest Edition", world["new"], {"duplicate_threshold": 0})
	assert bad.status == 417 and "疑似重复申报相似度阈值" in json.dumps(bad.json, ensure_ascii=False)
	assert admin_api.update("Contest Edition", world["new"], {"duplicate_threshold": 99}).ok
	try:
		pairs = pair_set(admin_api.call(PAIRS, contest=world["new"]).data["pairs"])
		assert (world["n1"], world["o1"]) not in pairs  # the lightly edited copy is below 99 %
		assert (world["n4"], world["o1"]) in pairs  # the same unit is flagged whatever the text
	finally:
		assert admin_api.update("Contest Edition", world["new"], {"duplicate_threshold": 80}).ok
