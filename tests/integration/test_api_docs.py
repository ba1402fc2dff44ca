"""docs/api.md tells the truth: every curl example in it runs against the site and answers as documented.

The guide's ```bash blocks are parsed; each `curl …` is followed by a comment

    # → 417 InvalidUscc                  the HTTP status(es) and, optionally, the exc_type
    # → 200, name PRJ-00001              …and "the response's `name` is what the guide calls PRJ-00001"

The curl command is turned into the same request with `requests` (headers, -d/--data-urlencode/-G/-F,
-X) after substituting what differs on a test site: $SITE_URL, the role tokens ($ADMIN_TOKEN …),
the document names the server assigned, fresh e-mail addresses and 统一社会信用代码, and an edition
whose windows are open around the server's clock instead of 2021年智慧泉城创新应用大赛. An HTML comment
`<!-- doc-test: review-window -->` (or notice-window) before a block moves the edition's windows first.
Examples run in the order of the guide, as one story: register, apply, submit, review, award, object.

Set SCC_DOCS_RECORD=/path/file.md to write every request and response there (to refresh the guide's
response examples).
"""

import io
import json
import os
import random
import re
import shlex
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

import frappe
import pytest
import requests

from smart_city_contest.rules.deadlines import now_in
from smart_city_contest.rules.uscc import ALPHABET, uscc_problem, with_check_digit
from tests.conftest import SITE
from tests.integration.world import open_notice_window, open_review_window

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GUIDE = os.path.join(REPO, "docs", "api.md")
DOC_EDITION = "2021年智慧泉城创新应用大赛"
# The edition the guide's statistics example compares with; on the test site: the installed 2021 edition
# (a fresh site has no 2020 edition).
DOC_PREVIOUS_EDITION = "2020年智慧泉城创新应用大赛"
# The guide's extension date (after the 2021 deadline); on the test site: after the test edition's deadline.
DOC_EXTENSION = "2021-12-20 17:00:00"

# The guide's people, by the e-mail it shows and the token variable it uses.
ROLES = {
	"ADMIN_TOKEN": (["Contest Admin"], (), None),
	"APPLICANT_TOKEN": (["Contest Applicant"], (), None),
	"REVIEWER_TOKEN": (["District Reviewer"], ("历下区",), None),
	"SHIZHONG_TOKEN": (["District Reviewer"], ("市中区",), None),
	"EXPERT_TOKEN": (["Contest Expert"], (), "zhangwei@sdu.example.edu.cn"),
	"EXPERT2_TOKEN": (["Contest Expert"], (), "liuyang@qlu.example.edu.cn"),
	"EXPERT3_TOKEN": (["Contest Expert"], (), "chenjing@sdas.example.org.cn"),
	"INTEGRATION_TOKEN": (["District Reviewer"], ("历下区",), "api.lixia@jinan.example.gov.cn"),
}


# --- the guide ------------------------------------------------------------------------------------


@dataclass
class Example:
	line: int
	command: str
	statuses: list[int]
	exc_type: str | None = None
	captures: list[tuple[str, str]] = field(default_factory=list)  # (response key, the guide's value)
	directives: list[str] = field(default_factory=list)
	repeat: int = 1

	def __str__(self):
		return f"docs/api.md:{self.line}"


EXPECT = re.compile(r"^#\s*→\s*(.+)$")
CAMEL = re.compile(r"^[A-Z][a-z]+(?:[A-Z][a-z]*)+$")


def parse_expectation(text: str, example: Example):
	text = text.split("—")[0]
	example.statuses = [int(s) for s in re.findall(r"\b([1-5]\d\d)\b", text)]
	for word in re.findall(r"[A-Za-z]+", text):
		if CAMEL.match(word):
			example.exc_type = word
	example.captures = re.findall(r"\b(name|file_url)\s+(\S+?)(?=[,;\s]|$)", text)


def parse_guide(path: str = GUIDE) -> list[Example]:
	with open(path, encoding="utf-8") as f:
		lines = f.read().split("\n")
	examples: list[Example] = []
	directives: list[str] = []
	i = 0
	while i < len(lines):
		line = lines[i]
		if m := re.match(r"^<!--\s*doc-test:\s*([\w-]+)\s*-->", line.strip()):
			directives.append(m.group(1))
		if line.strip() == "```bash":
			start = i + 1
			i += 1
			block = []
			while lines[i].strip() != "```":
				block.append((i + 1, lines[i]))
				i += 1
			found = parse_block(block, directives)
			if found:
				examples.extend(found)
				directives = []
			elif directives:
				raise AssertionError(f"docs/api.md:{start}: a doc-test directive before a block without curl")
		i += 1
	return examples


def quotes_closed(command: str) -> bool:
	try:
		shlex.split(command)
		return True
	except ValueError:
		return False


def parse_block(block: list[tuple[int, str]], directives: list[str]) -> list[Example]:
	examples: list[Example] = []
	current: Example | None = None
	repeat = 1
	j = 0
	while j < len(block):
		number, line = block[j]
		stripped = line.strip()
		if m := re.match(r"^for \w+ in ([\d ]+); do$", stripped):
			repeat = len(m.group(1).split())
		elif stripped == "done":
			repeat = 1
		elif stripped.startswith("curl "):
			command = stripped
			while command.endswith("\\") or not quotes_closed(command):
				j += 1
				if command.endswith("\\"):
					command = command[:-1].rstrip() + " " + block[j][1].strip()
				else:  # a quoted body spanning lines, as bash reads it
					command += "\n" + block[j][1]
			current = Example(
				number, command, [], directives=list(directives) if not examples else [], repeat=repeat
			)
			examples.append(current)
		elif (m := EXPECT.match(stripped)) and current is not None:
			parse_expectation(m.group(1), current)
			current = None
		j += 1
	for example in examples:
		assert example.statuses, f"{example}: a curl example needs a “# → <status>” comment after it"
		assert len(example.statuses) in (1, example.repeat), f"{example}: one status, or one per loop turn"
	return examples


# --- curl → requests ------------------------------------------------------------------------------


@dataclass
class Request:
	method: str
	url: str
	headers: dict
	data: bytes | str | None = None
	files: list | None = None
	form: list | None = None


def to_request(command: str, variables: dict[str, str], files: dict[str, bytes]) -> Request:
	tokens = shlex.split(command)
	assert tokens[0] == "curl"

	def expand(token: str) -> str:
		return re.sub(r"\$\{?(\w+)\}?", lambda m: variables.get(m.group(1), m.group(0)), token)

	method, url, headers, data, urlencoded, form, get = None, None, {}, [], [], [], False
	it = iter(tokens[1:])
	for token in it:
		if token in ("-s", "-S", "-sS", "--silent", "--show-error", "-i", "--fail-with-body"):
			continue
		if token in ("-X", "--request"):
			method = next(it)
		elif token in ("-H", "--header"):
			key, value = expand(next(it)).split(":", 1)
			headers[key.strip()] = value.strip()
		elif token in ("-d", "--data", "--data-raw", "--data-binary"):
			data.append(expand(next(it)))
		elif token == "--data-urlencode":
			key, value = expand(next(it)).split("=", 1)
			urlencoded.append((key, value))
		elif token in ("-F", "--form"):
			form.append(expand(next(it)))
		elif token in ("-G", "--get"):
			get = True
		elif token in ("-o", "--output", "-w", "--write-out"):
			next(it)
		elif token.startswith("-"):
			raise AssertionError(f"the test does not know curl option {token}")
		else:
			url = expand(token)
	assert url, command
	body = "&".join([*data, *(urlencode({k: v}) for k, v in urlencoded)]) or None
	if get and body:
		url += ("&" if "?" in url else "?") + body
		body = None
	request = Request(method or ("POST" if body or form else "GET"), url, headers)
	if form:
		request.files, request.form = [], []
		for item in form:
			key, value = item.split("=", 1)
			if value.startswith("@"):
				name = value[1:]
				request.files.append((key, (name, files[name], "application/pdf")))
			else:
				request.form.append((key, value))
	elif body is not None:
		request.data = body.encode("utf-8")
		headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
	return request


# --- the run --------------------------------------------------------------------------------------


def blank_pdf(title: str) -> bytes:
	"""A one-page A4 PDF; the title makes each file's content (and so its stored file) distinct."""
	from pypdf import PdfWriter

	writer = PdfWriter()
	writer.add_blank_page(width=595, height=842)
	writer.add_metadata({"/Title": f"{title} {uuid.uuid4()}"})
	out = io.BytesIO()
	writer.write(out)
	return out.getvalue()


def fresh_uscc(code: str) -> str:
	return with_check_digit(code[:8] + "".join(random.choice(ALPHABET) for _ in range(9)))


def token_of(client) -> str:
	return client.session.headers["Authorization"].removeprefix("token ")


def make_doc_edition() -> str:
	"""The guide's edition (2021) with its quotas and dimensions, its windows moved to around the server's clock."""
	from tests.factories import edition_windows

	title = f"接口文档测试届次{frappe.generate_hash(length=6)}"
	source = frappe.get_doc("Contest Edition", DOC_EDITION)
	doc = frappe.copy_doc(source)
	doc.title = title
	doc.update(edition_windows())
	doc.insert(ignore_permissions=True)
	frappe.db.commit()
	return title


def close_edition(contest: str):
	"""After the story: every window in the past, so this edition is not the one on public notice."""
	now = now_in("Asia/Shanghai").replace(microsecond=0)
	doc = frappe.get_doc("Contest Edition", contest)
	doc.update(
		{
			"application_start": now - timedelta(days=60),
			"application_end": now - timedelta(days=50),
			"recommendation_deadline": now - timedelta(days=49),
			"review_start": now - timedelta(days=48),
			"review_end": now - timedelta(days=30),
			"notice_start": now - timedelta(days=29),
			"notice_end": now - timedelta(days=20),
		}
	)
	doc.save(ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def story(server_url, admin_api, make_api_user):
	contest = make_doc_edition()
	variables = {"SITE_URL": server_url, "SYSADMIN_TOKEN": token_of(admin_api)}
	subs = {DOC_EDITION: contest, DOC_PREVIOUS_EDITION: DOC_EDITION}
	for var, (roles, districts, email) in ROLES.items():
		client = make_api_user(roles, districts=districts)
		variables[var] = token_of(client)
		if email:
			subs[email] = client.user
	deadline = frappe.db.get_value("Contest Edition", contest, "recommendation_deadline")
	subs[DOC_EXTENSION] = str(deadline + timedelta(days=5))
	with open(GUIDE, encoding="utf-8") as f:
		for code in set(re.findall(r"\b[0-9A-Z]{18}\b", f.read())):
			if uscc_problem(code) is None:
				subs[code] = fresh_uscc(code)
	yield {"contest": contest, "variables": variables, "subs": subs}
	close_edition(contest)


def substitute(text: str, subs: dict[str, str]) -> str:
	"""Replace every literal in one pass (longest first), so that a substituted name is never itself
	substituted again (EXP-0001 → EXP-0002 must not then become EXP-0003)."""
	if not subs:
		return text
	pattern = re.compile("|".join(re.escape(literal) for literal in sorted(subs, key=len, reverse=True)))
	return pattern.sub(lambda m: subs[m.group(0)], text)


def payload(response: requests.Response):
	try:
		body = response.json()
	except ValueError:
		return None
	return body.get("data", body.get("message")) if isinstance(body, dict) else body


def record(example: Example, request: Request, response: requests.Response):
	path = os.environ.get("SCC_DOCS_RECORD")
	if not path:
		return
	with open(path, "a", encoding="utf-8") as f:
		f.write(f"\n## {example} {request.method} {request.url}\n")
		if request.data:
			f.write(request.data.decode() + "\n")
		f.write(f"→ {response.status_code} {response.headers.get('Content-Type')}\n")
		try:
			f.write(json.dumps(response.json(), ensure_ascii=False, indent=1) + "\n")
		except ValueError:
			f.write(f"<{len(response.content)} bytes>\n")


DIRECTIVES = {"review-window": open_review_window, "notice-window": open_notice_window}


def test_the_guide_has_examples():
	examples = parse_guide()
	assert len(examples) >= 40, len(examples)
	assert {429, 417, 409, 403, 401, 200} <= {s for e in examples for s in e.statuses}


def test_every_curl_example_answers_as_documented(story):
	files = {}
	guest_address = f"10.{random.randint(0, 250)}.{random.randint(0, 250)}.{random.randint(1, 250)}"
	failures = []
	for example in parse_guide():
		for directive in example.directives:
			DIRECTIVES[directive](story["contest"])
		command = substitute(example.command, story["subs"])
		for name in re.findall(r"@(\S+?\.pdf)", command):
			files.setdefault(name, blank_pdf(name))
		request = to_request(command, story["variables"], files)
		request.headers.setdefault("X-Frappe-Site-Name", SITE)
		# Each run is a new visitor for the objection rate limit (per IP address, per hour).
		request.headers.setdefault("X-Forwarded-For", guest_address)
		expected = example.statuses * example.repeat if len(example.statuses) == 1 else example.statuses
		got = []
		for _turn in range(example.repeat):
			response = requests.request(
				request.method,
				request.url,
				headers=request.headers,
				data=request.data if request.files is None else request.form,
				files=request.files,
				timeout=120,
			)
			record(example, request, response)
			got.append(response.status_code)
		if got != expected:
			failures.append(f"{example}: expected HTTP {expected}, got {got}: {response.text[:400]}")
			continue
		body = payload(response)
		if example.exc_type:
			exc_type = response.json().get("exc_type")
			if exc_type != example.exc_type:
				failures.append(
					f"{example}: expected exc_type {example.exc_type}, got {exc_type}: {response.text[:300]}"
				)
		for key, literal in example.captures:
			row = body[0] if isinstance(body, list) and body else body
			assert isinstance(row, dict) and row.get(key), f"{example}: no {key} in {response.text[:300]}"
			story["subs"][literal] = row[key]
	assert not failures, "\n".join(failures)


def test_objection_limit_is_per_address(story, server_url):
	"""The guide's 429 comes from the address, not the project: another address is served."""
	r = requests.post(
		f"{server_url}/api/method/smart_city_contest.api.notice.submit_objection",
		data={"project": "PRJ-99999", "reason": "x", "contact_name": "x", "contact_phone": "1"},
		headers={"X-Frappe-Site-Name": SITE, "X-Forwarded-For": f"10.251.{uuid.uuid4().int % 250}.1"},
		timeout=60,
	)
	assert r.status_code in (417,), r.text[:300]
