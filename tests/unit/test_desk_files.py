"""The workspace's module files (contest_setup/workspace, number_card, dashboard_chart) agree with the code:
each card and chart counts the session's edition by editions.DESK_EXPRESSION, and the workspace shows
exactly the cards, charts and block shipped."""

import glob
import json
import os
import unittest

from smart_city_contest.contest_setup import editions
from smart_city_contest.rules import project_workflow, review_statuses
from smart_city_contest.setup import desk

MODULE_DIR = os.path.dirname(os.path.abspath(editions.__file__))  # contest_setup/
WORKSPACE = "智慧泉城创新应用大赛"


def records(folder: str) -> dict[str, dict]:
	found = {}
	for path in sorted(glob.glob(os.path.join(MODULE_DIR, folder, "*", "*.json"))):
		with open(path, encoding="utf-8") as f:
			record = json.load(f)
		# Frappe imports <folder>/<name>/<name>.json (the name scrubbed: here, as it is).
		assert os.path.basename(path) == f"{record['name']}.json" == f"{os.path.basename(os.path.dirname(path))}.json"
		found[record["name"]] = record
	return found


class TestDeskFiles(unittest.TestCase):
	def setUp(self):
		self.cards = records("number_card")
		self.charts = records("dashboard_chart")
		self.workspace = records("workspace")[WORKSPACE]

	def test_every_card_and_chart_counts_the_sessions_edition(self):
		self.assertEqual(len(self.cards), 10)
		self.assertEqual(len(self.charts), 4)
		for record in [*self.cards.values(), *self.charts.values()]:
			with self.subTest(record["name"]):
				self.assertEqual(json.loads(record["dynamic_filters_json"]),
					[[record["document_type"], "contest", "=", editions.DESK_EXPRESSION]])
				self.assertEqual((record["is_standard"], record["is_public"], record["module"]), (1, 1, "Contest Setup"))

	def test_the_cards_count_states_and_statuses_the_rules_name(self):
		counted = []
		for record in self.cards.values():
			for doctype, field, _op, value, _ in json.loads(record["filters_json"]):
				if field == "workflow_state":
					self.assertIn(value, project_workflow.STATE_NAMES, record["name"])
				elif (doctype, field) == ("Expert Review", "status"):
					self.assertIn(value, review_statuses.STATUSES, record["name"])
				counted.append(field)
		self.assertEqual(len(counted), len(self.cards))

	def test_the_workspace_shows_what_is_shipped(self):
		ws = self.workspace
		self.assertEqual((ws["module"], ws["public"], ws["label"], ws["title"]), ("Contest Setup", 1, WORKSPACE, WORKSPACE))
		self.assertEqual([row["number_card_name"] for row in ws["number_cards"]], list(self.in_content("number_card")))
		self.assertEqual(set(self.cards), set(self.in_content("number_card")))
		self.assertEqual([row["chart_name"] for row in ws["charts"]], list(self.in_content("chart")))
		self.assertEqual(set(self.charts), set(self.in_content("chart")))
		self.assertEqual([row["custom_block_name"] for row in ws["custom_blocks"]], [desk.TIMELINE_BLOCK])
		self.assertEqual(list(self.in_content("custom_block")), [desk.TIMELINE_BLOCK])
		self.assertEqual([row["label"] for row in ws["shortcuts"]], list(self.in_content("shortcut")))
		breaks = [row["label"] for row in ws["links"] if row["type"] == "Card Break"]
		self.assertEqual(breaks, list(self.in_content("card")))

	def in_content(self, block_type: str):
		key = {"number_card": "number_card_name", "chart": "chart_name", "custom_block": "custom_block_name",
			"shortcut": "shortcut_name", "card": "card_name"}[block_type]
		for block in json.loads(self.workspace["content"]):
			if block["type"] == block_type:
				yield block["data"][key]
