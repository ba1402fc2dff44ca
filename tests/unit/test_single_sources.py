"""One home per list the server decides by: the DocType JSON agrees with the rule module, and no
JavaScript in the app writes out a workflow state, a 涉及领域 option or a review status (it reads
them from `frappe.boot.scc`, smart_city_contest/setup/boot.py)."""

import json
import re
import unittest
from pathlib import Path

from smart_city_contest.rules import domains, review_statuses
from smart_city_contest.rules import project_workflow as wf

APP = Path(__file__).resolve().parents[2] / "smart_city_contest"


def doctype_fields(module: str, doctype: str) -> dict[str, dict]:
	name = doctype.lower().replace(" ", "_")
	meta = json.loads((APP / module / "doctype" / name / f"{name}.json").read_text(encoding="utf-8"))
	return {f["fieldname"]: f for f in meta["fields"]}


class TestTheDocTypesAgreeWithTheRules(unittest.TestCase):
	def test_contest_project_has_a_check_field_per_domain_labelled_as_the_rule_names_it(self):
		fields = doctype_fields("application", "Contest Project")
		for field, label in domains.DOMAINS:
			self.assertEqual((fields[field]["fieldtype"], fields[field]["label"]), ("Check", label), field)
		extra = {f for f in fields if f.startswith("domain_") and fields[f]["fieldtype"] == "Check"} - set(domains.FIELDS)
		self.assertEqual(extra, set(), "a 涉及领域 check field that rules/domains.py does not list")

	def test_expert_review_status_options_are_the_rules_statuses(self):
		status = doctype_fields("expert_review", "Expert Review")["status"]
		self.assertEqual(tuple(status["options"].split("\n")), review_statuses.STATUSES)
		self.assertEqual(status["default"], review_statuses.PENDING)

	def test_the_ranking_statistic_options_are_the_reports(self):
		from smart_city_contest.expert_review.report.project_ranking.project_ranking import STATISTIC_BY_LABEL

		options = doctype_fields("contest_setup", "Contest Edition")["ranking_statistic"]["options"].split("\n")
		self.assertEqual(options, list(STATISTIC_BY_LABEL))


class TestNoScriptWritesOutTheServersLists(unittest.TestCase):
	def test_no_js_file_quotes_a_state_a_domain_or_a_review_status(self):
		words = set(wf.STATE_NAMES) | set(domains.LABELS) | set(review_statuses.STATUSES)
		words -= {"其他"}  # a word of ordinary text as well
		quoted = re.compile(r"""["'`]({})["'`]""".format("|".join(map(re.escape, sorted(words, key=len, reverse=True)))))
		found = []
		for path in sorted(APP.rglob("*.js")):
			if "/public/dist/" in str(path) or "node_modules" in path.parts:
				continue
			for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
				if quoted.search(line):
					found.append(f"{path.relative_to(APP)}:{number}: {line.strip()}")
		self.assertEqual(found, [], "read these from frappe.boot.scc (setup/boot.py) instead")
