"""Every screen a role meets is in Chinese: each role logs in with language 中文 and walks its path —
the workspace, each list and report it may open, its projects' forms in their workflow states, the
print view, the public notice page and the login page — and no visible text may be made only of Latin
words (apart from the allow-list below: IDs, e-mail addresses, file names, units, numbers, dates).
Framework strings come out Chinese through smart_city_contest/translations/zh.csv.

A screenshot of every page goes to $SCC_ZH_SCREENSHOT_DIR (default <bench>/logs/screenshots/zh; set it
to docs/screenshots/zh to refresh the README's), as small palette PNGs."""

import os
import re
import time

import frappe
import pytest
from frappe.utils.password import update_password
from selenium.common.exceptions import TimeoutException

from tests.conftest import SITE
from tests.integration.world import (
	REVIEWER,
	accepted_projects,
	act,
	open_review_window,
	recommend,
	register_and_apply,
)

PASSWORD = "Test@2021-zh-screens"
DISTRICT = "历下区"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.environ.get("SCC_ZH_SCREENSHOT_DIR") or os.path.join(
	os.environ.get("SCC_BENCH_DIR", "/home/frappe/frappe-bench"), "logs", "screenshots", "zh"
)  # never the checkout: CI runs the tests as the bench's owner in a clone it may not write

# What a role's workspace links to (setup/desk.py); each is visited when the role may read it.
DOCTYPES = ["Participant Unit", "Contest Project", "District Recommendation", "District Deadline Extension",
	"Review Expert", "Expert Review", "Notice Objection", "Contest Edition", "Contest District"]
REPORTS = ["District Submission Status", "Project Ranking", "Expert Scoring Scale", "Duplicate Applications", "Award Follow Up Report"]

# --- what may stay Latin -------------------------------------------------------------------------
ALLOWED_PATTERNS = [
	r"[\w.+-]+@[\w-]+(\.[\w-]+)+",                                   # e-mail addresses
	r"https?://\S+",                                                  # URLs
	r"[^\s/]+\.(pdf|png|jpe?g|gif|xlsx?|docx?|zip|csv|txt)\b",        # file names
	r"\b[A-Z]{2,}-[\w-]+",                                             # naming series IDs (PRJ-00216)
	r"\b[0-9A-HJ-NPQRTUWXY]{18}\b",                                   # 统一社会信用代码
	r"\b(?=[a-z0-9]*\d)[a-z0-9]{8,12}\b",                              # Frappe hash names
	r"\b\d+(\.\d+)?\s?(KB|MB|GB|mm|cm|px|pt|%)",                       # sizes and units
]
ALLOWED_WORDS = {
	"PDF", "XLSX", "XLS", "CSV", "ZIP", "DOCX", "Excel", "Word", "A4", "A3", "KB", "MB", "GB",  # formats, units
	"Ctrl", "Alt", "Shift", "Enter", "Esc", "Tab", "Cmd",                                       # keys
	"AM", "PM",                                                                                  # times
	"Markdown", "HTML", "URL", "API", "OTP",                                                     # technical terms Chinese software keeps
}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")

# Visible text nodes and the placeholders of visible inputs, with where they are.
VISIBLE_TEXT_JS = r"""
const out = [];
const seen = (el) => el && el.checkVisibility && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
	&& el.getClientRects().length;
const where = (el) => {
	const parts = [];
	for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
		parts.unshift(e.tagName.toLowerCase() + (e.className && typeof e.className === "string"
			? "." + e.className.trim().split(/\s+/).slice(0, 2).join(".") : ""));
	}
	return parts.join(" > ");
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
	const text = node.nodeValue.trim();
	const el = node.parentElement;
	if (!text || !el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(el.tagName)) continue;
	if (el.closest(".ql-editor, .ace_editor, pre, code, .frappe-control[data-fieldtype='Code']")) continue;
	if (el.closest(".visually-hidden, .sr-only")) continue;  // screen-reader text, not on screen
	if (seen(el)) out.push([text, where(el) + " in “" + (el.closest(".timeline-item, .list-row, .widget, .form-group, .navbar, .page-head, section, div") || el).innerText.slice(0, 60).replace(/\s+/g, " ") + "”"]);
}
for (const el of document.querySelectorAll("input[placeholder], textarea[placeholder]")) {
	const text = (el.getAttribute("placeholder") || "").trim();
	if (text && seen(el)) out.push([text, where(el) + "[placeholder]"]);
}
return out;
"""


def latin_only(text: str) -> bool:
	"""Whether `text` reads as English: no Chinese, and a Latin word left once the allow-list is taken out."""
	if CJK.search(text):
		return False
	rest = text
	for pattern in ALLOWED_PATTERNS:
		rest = re.sub(pattern, " ", rest, flags=re.IGNORECASE)
	return any(word not in ALLOWED_WORDS for word in LATIN_WORD.findall(rest))


def test_the_allow_list_is_narrow():
	assert latin_only("List View") and latin_only("Search or type a command (Ctrl + G)") and latin_only("Home")
	assert not latin_only("列表视图") and not latin_only("PRJ-00216") and not latin_only("li@example.com")
	assert not latin_only("申报书.pdf") and not latin_only("2026-11-30 10:00") and not latin_only("12 MB")
	assert not latin_only("Ctrl + S") and not latin_only("第1项 / 共16项")


# --- the world each role walks -------------------------------------------------------------------

@pytest.fixture(scope="module")
def people(frappe_site, server_url):
	"""Desk users with Chinese names (their names show in avatars and the timeline)."""
	from tests.integration.client import ApiClient, api_user

	made = {}
	names = iter("赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜")

	def make(roles, districts=(), units=(), email=None):
		email = email or f"{frappe.generate_hash(length=8)}@zh-screens.example.com"
		frappe.set_user("Administrator")
		first_name = next(names) + "同志"
		for attempt in range(4):  # account saves queue on one lock (concurrency.py); other sessions may hold it long
			try:
				frappe.get_doc({"doctype": "User", "email": email, "first_name": first_name, "send_welcome_email": 0,
					"language": "zh", "roles": [{"role": r} for r in roles]}).insert(ignore_permissions=True)
				break
			except frappe.QueryTimeoutError:
				frappe.db.rollback()
				if attempt == 3:
					raise
		update_password(email, PASSWORD)
		for district in districts:
			frappe.permissions.add_user_permission("Contest District", district, email, ignore_permissions=True)
		for unit in units:
			frappe.permissions.add_user_permission("Participant Unit", unit, email, ignore_permissions=True)
		frappe.db.commit()
		client = ApiClient(server_url, SITE, *api_user(email))
		client.user = email
		made.setdefault(tuple(roles), []).append(email)
		return client

	make.made = made
	return make


@pytest.fixture(scope="module")
def world(people):
	"""One edition with projects of 历下区 in each state a role meets before the review, one accepted
	project assigned to an expert, and the review window open."""
	from tests.integration.world import make_edition

	contest = make_edition(f"中文界面届次{frappe.generate_hash(length=5)}")
	reviewer = people([REVIEWER], districts=[DISTRICT])
	draft = register_and_apply(people, DISTRICT, contest=contest)
	submitted = register_and_apply(people, DISTRICT, contest=contest)
	assert act(submitted.applicant, submitted.project, "提交").ok
	returned = register_and_apply(people, DISTRICT, contest=contest)
	assert act(returned.applicant, returned.project, "提交").ok
	assert act(reviewer, returned.project, "退回修改", reason="请补充项目建成投用证明材料").ok
	rejected = register_and_apply(people, DISTRICT, contest=contest)
	assert act(rejected.applicant, rejected.project, "提交").ok
	assert act(reviewer, rejected.project, "不予推荐", reason="项目尚未建成投用，不符合申报条件").ok
	recommended = register_and_apply(people, DISTRICT, contest=contest)
	assert act(recommended.applicant, recommended.project, "提交").ok
	recommend(reviewer, recommended.project)
	accepted = accepted_projects(people, "槐荫区", contest, 1)[0]

	admin = people(["Contest Admin"])
	expert = people(["Contest Expert"])
	frappe.set_user("Administrator")
	expert_name = frappe.get_doc({"doctype": "Review Expert", "user": expert.user, "expert_name": "王专家",
		"organisation": "山东大学"}).insert(ignore_permissions=True).name
	frappe.get_doc({"doctype": "Expert Review", "contest": contest, "project": accepted.project,
		"expert": expert_name}).insert()
	frappe.db.commit()
	open_review_window(contest)
	return frappe._dict(
		contest=contest,
		users={
			"Contest Applicant": submitted.applicant.user,
			"District Reviewer": reviewer.user,
			"Contest Admin": admin.user,
			"Contest Expert": expert.user,
		},
		projects=[p.project for p in (draft, submitted, returned, rejected, recommended, accepted)],
	)


# --- the walk ------------------------------------------------------------------------------------

def slug(doctype: str) -> str:
	return frappe.scrub(doctype).replace("_", "-")


def readable(user: str, world):
	"""The lists and reports of the workspace that `user` may open, and the world's projects they may read (one per state)."""
	frappe.set_user(user)
	try:
		doctypes = [d for d in DOCTYPES if frappe.has_permission(d, "read")]
		reports = [r for r in REPORTS if frappe.get_doc("Report", r).is_permitted()]
		projects = {}
		for row in frappe.get_list("Contest Project", fields=["name", "workflow_state"], order_by="creation",
				filters={"name": ["in", world.projects]}):
			projects.setdefault(row.workflow_state, row.name)
		return doctypes, reports, projects
	finally:
		frappe.set_user("Administrator")


class Walk:
	def __init__(self, desk, role: str):
		self.desk, self.role, self.count, self.english = desk, role, 0, []

	def check(self, page: str):
		"""Screenshot the page and note every English text on it."""
		self.count += 1
		name = f"{frappe.scrub(self.role).replace('contest_', '')}-{self.count:02d}-{page}"
		path = os.path.join(SHOTS, re.sub(r"[^\w.-]+", "-", name) + ".png")
		self.desk.driver.save_screenshot(path)
		shrink(path)
		for text, where in self.desk.driver.execute_script(VISIBLE_TEXT_JS):
			if latin_only(text):
				self.english.append(f"{page}: “{text}” at {where}")

	def form(self, doctype: str, name: str, page: str):
		self.desk.open_form(slug(doctype), name)
		time.sleep(0.6)  # the timeline and sidebar render after the form
		self.check(page)


def shrink(path: str):
	"""A 1400px screenshot as a 256-colour PNG: a third of the size, the text as sharp."""
	from PIL import Image

	with Image.open(path) as image:
		small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
	small.save(path, optimize=True)


def walk(desk, role: str, user: str, world) -> list[str]:
	w = Walk(desk, role)
	if role == "Contest Applicant":
		desk.login(user, PASSWORD, lands_on="/my-application")
		return walk_portal(desk, w)
	desk.login(user, PASSWORD)
	doctypes, reports, projects = readable(user, world)
	desk.open("/app")
	desk.wait(lambda d: d.execute_script(  # the blocks replace the skeleton
		"return !!document.querySelector('.codex-editor .ce-block') && !document.querySelector('.workspace-skeleton')"), 40)
	try:  # cards and charts load after them (a chart the role cannot count keeps its placeholder)
		desk.wait(lambda d: d.execute_script(
			"return ![...document.querySelectorAll('.number-card-loading, .chart-loading-state')].some(e => e.offsetParent)"), 15)
	except TimeoutException:
		pass
	time.sleep(0.5)
	w.check("workspace")
	for doctype in doctypes:
		desk.open(f"/app/{slug(doctype)}")
		desk.wait(lambda d: d.execute_script("return !!(window.cur_list && cur_list.doctype === arguments[0] && cur_list.data)", doctype), 30)
		desk.wait_idle()
		w.check(slug(doctype))
	for report in reports:
		desk.open(f"/app/query-report/{report}")
		desk.wait(lambda d: d.execute_script("return !!(window.frappe.query_report && frappe.query_report.report_name === arguments[0])", report), 30)
		desk.wait_idle()
		time.sleep(0.5)
		w.check("report-" + slug(report))
	for i, project in enumerate(projects.values()):
		w.form("Contest Project", project, f"project-{i}")
	if role == "Contest Expert":
		review = frappe.db.get_value("Expert Review", {"contest": world.contest}, "name")
		w.form("Expert Review", review, "expert-review")
	if projects:
		desk.open(f"/app/print/Contest Project/{next(iter(projects.values()))}")
		desk.wait(lambda d: d.execute_script("return !!document.querySelector('.print-preview-wrapper, .print-format')"), 30)
		desk.wait_idle()
		time.sleep(1)
		w.check("print")
	return public_pages(desk, w)


def walk_portal(desk, w: Walk) -> list[str]:
	"""An applicant works in the portal: /app turns the account away, /my-application is theirs."""
	desk.driver.get(desk.base_url + "/app")
	desk.wait(lambda d: d.execute_script("return document.readyState === 'complete'"), 30)
	assert not desk.driver.execute_script("return !!(window.frappe && frappe.boot && frappe.boot.user)")
	w.check("desk-refused")
	desk.open("/my-application")
	desk.wait_idle()
	w.check("my-application")
	public_pages(desk, w)
	desk.open("/register")
	desk.wait_idle()
	w.check("register")
	return w.english


def public_pages(desk, w: Walk) -> list[str]:
	desk.open("/contest-notice")
	desk.wait_css(".contest-notice", timeout=90)  # every published edition of the site, on a shared test site
	w.check("notice")
	desk.driver.delete_all_cookies()  # what a visitor sees before logging in
	desk.open("/login")
	desk.wait_css("#login_email")
	w.check("login")
	return w.english


@pytest.mark.parametrize("role", ["Contest Applicant", "District Reviewer", "Contest Expert", "Contest Admin"])
def test_every_screen_of_the_role_is_chinese(browser, world, role):
	os.makedirs(SHOTS, exist_ok=True)
	english = walk(browser, role, world.users[role], world)
	assert not english, f"{role} meets English on {len(english)} texts:\n" + "\n".join(dict.fromkeys(english))
