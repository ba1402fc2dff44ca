"""The deadline-day mix for locust (run by benchmarks/deadline_day.py; no Frappe in this process).

Applicants (one locust user per applicant account): open their draft, save it, upload the completion
proof, the signed pledge and an attachment, add an indicator, submit; then look at the status and,
when their district returned it, change it and resubmit. District reviewers (one per district): list
what waits, open a project, tick the check list, recommend (or now and then return it with a
reason). The city bureau: lists projects, downloads the district and city 推荐汇总表 (XLSX).

Every request is recorded (kind, milliseconds, status, exc_type) and, for the audit, what the server
acknowledged with a 2xx: the last saved summary and indicator count, the uploaded files, the
submissions. Both go to $DEADLINE_DAY_RESULTS when the run stops.
"""

import itertools
import json
import os
import random
import time
import uuid

from locust import HttpUser, between, events, task

CONFIG = json.load(open(os.environ["DEADLINE_DAY_CONFIG"]))
THINK = between(*CONFIG["think"])
SUBMIT, RESUBMIT, RECOMMEND, RETURN = "提交", "重新提交", "推荐", "退回修改"
DRAFT, SUBMITTED, RETURNED = "草稿", "已提交（区县审核中）", "退回修改"
CHECKLIST = {
	"check_unit_eligibility": 1, "check_project_eligibility": 1, "check_completion_proof": 1,
	"check_pledge": 1, "check_materials_complete": 1,
}
PDF_PADDING = b"% padding to a scanned page's size\n" * 3000  # about 100 KB


def pdf(tag: str) -> bytes:
	"""A small PDF of its own (Frappe stores identical content once and re-points later records)."""
	return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
		+ f"% {tag} {uuid.uuid4().hex}\n".encode() + PDF_PADDING + b"trailer<</Root 1 0 R>>\n%%EOF\n")

RECORDS: list[tuple] = []  # (kind, ms, status, exc_type, started_at)
ACKED: dict[str, dict] = {}  # project -> what the server acknowledged
_applicants = itertools.count()
_reviewers = itertools.count()
_city = itertools.count()


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, exception=None, **kw):
	status = getattr(response, "status_code", 0) if response is not None else 0
	exc_type = None
	if status and status >= 400:
		try:
			exc_type = response.json().get("exc_type")
		except Exception:
			exc_type = None
	elif exception is not None and not status:
		exc_type = type(exception).__name__
	RECORDS.append((name, response_time, status, exc_type, time.time()))


@events.test_stop.add_listener
def dump(**kw):
	with open(os.environ["DEADLINE_DAY_RESULTS"], "w") as f:
		json.dump({"records": RECORDS, "acked": ACKED}, f, ensure_ascii=False)


class Client(HttpUser):
	abstract = True
	wait_time = THINK
	host = CONFIG["url"]

	def login(self, account):
		self.client.headers.update(
			{"Authorization": f"token {account['key']}:{account['secret']}", "X-Frappe-Site-Name": CONFIG["site"],
			 "Accept": "application/json"}
		)

	def call(self, kind, method, path, **kwargs):
		with self.client.request(method, path, name=kind, catch_response=True, timeout=120, **kwargs) as r:
			if r.status_code >= 400 or r.status_code == 0:
				r.failure(f"HTTP {r.status_code} {r.text[:300]}")
				return None
			r.success()
			return r.json() if "json" in r.headers.get("Content-Type", "") else r

	def doc_path(self, name):
		return f"/api/resource/Contest Project/{name}"

	def act(self, kind, project, action, reason=None):
		return self.call(kind, "POST", "/api/method/smart_city_contest.api.workflow.apply_project_action",
			json={"project": project, "action": action, "reason": reason})


class Applicant(Client):
	weight = 1

	def on_start(self):
		i = next(_applicants)
		self.account = CONFIG["applicants"][i % len(CONFIG["applicants"])]
		self.login(self.account)
		self.project = self.account["project"]
		self.ack = ACKED.setdefault(self.project, {"saves": 0, "submits": 0, "files": [], "summary": None,
			"indicators": None, "attachments": 0, "user": self.account["user"]})
		self.doc = None
		self.steps = iter(self.journey())
		self.saves = 0

	def journey(self):
		"""Deadline day: open, a few saves with the uploads and an extra indicator among them, submit."""
		yield self.open_draft
		yield self.save_draft
		yield self.upload_completion_proof
		yield self.save_draft
		yield self.upload_pledge
		yield self.add_indicator
		yield self.upload_attachment
		yield self.save_draft
		yield self.submit

	@task
	def next_step(self):
		step = next(self.steps, None)
		if step is None:
			self.check_status()
		elif step() is False:
			self.steps = iter([self.open_draft, *self.remaining(step)])

	def remaining(self, failed_step):
		"""After a failure the applicant opens the form again and repeats the step that failed."""
		return [failed_step, *self.steps]

	def open_draft(self):
		r = self.call("applicant: open draft", "GET", self.doc_path(self.project))
		if r is None:
			return False
		self.doc = r["data"]

	def put(self, kind, doc):
		# What this save would store, should the run stop before its answer arrives (the audit accepts it).
		self.ack["pending"] = {"summary": doc["project_summary"], "indicators": len(doc["indicators"]),
			"attachments": len(doc.get("attachments") or []), "materials": [doc.get("completion_proof"), doc.get("signed_pledge")]}
		r = self.call(kind, "PUT", self.doc_path(self.project), json=doc)
		self.ack["pending"] = None
		if r is None:
			return False
		self.doc = r["data"]
		self.ack["saves"] += 1
		self.ack["summary"] = self.doc["project_summary"]
		self.ack["indicators"] = len(self.doc["indicators"])
		self.ack["attachments"] = len(self.doc.get("attachments") or [])
		self.ack["materials"] = [self.doc.get("completion_proof"), self.doc.get("signed_pledge")]

	def save_draft(self):
		self.saves += 1
		doc = dict(self.doc)
		doc["project_summary"] = f"第{self.saves}次保存：项目以社区网格为单元，汇聚多源数据，实现事件一网统管。{self.project}"
		doc["overview"] = f"<p>项目概述（第{self.saves}稿）。</p>"
		return self.put("applicant: save draft", doc)

	def add_indicator(self):
		doc = dict(self.doc)
		n = len(doc["indicators"]) + 1
		doc["indicators"] = [*doc["indicators"], {"level_1": "产出指标", "level_2": "质量指标",
			"indicator_content": f"数据共享接口数量（第{n}项）", "indicator_value": "≥20个", "completion": "已完成24个"}]
		return self.put("applicant: add indicator", doc)

	def upload(self, file_name):
		r = self.call("applicant: upload attachment", "POST", "/api/method/upload_file",
			files={"file": (file_name, pdf(file_name), "application/pdf")},
			data={"doctype": "Contest Project", "docname": self.project, "is_private": 1})
		if r is None:
			return None
		url = r["message"]["file_url"]
		self.ack["files"].append(url)
		return url

	def upload_completion_proof(self):
		url = self.upload(f"竣工验收意见-{self.project}.pdf")
		if url is None:
			return False
		return self.put("applicant: save draft", dict(self.doc, completion_proof=url))

	def upload_pledge(self):
		url = self.upload(f"承诺书-{self.project}.pdf")
		if url is None:
			return False
		return self.put("applicant: save draft", dict(self.doc, signed_pledge=url))

	def upload_attachment(self):
		url = self.upload(f"证明材料-{self.project}.pdf")
		if url is None:
			return False
		row = {"attachment_type": "证明材料（企业专利、项目投资额证明等）", "description": "软件著作权证书", "file": url}
		return self.put("applicant: save draft", dict(self.doc, attachments=[*(self.doc.get("attachments") or []), row]))

	def submit(self):
		action = RESUBMIT if self.doc["workflow_state"] == RETURNED else SUBMIT
		self.ack["submit_pending"] = True
		r = self.act("applicant: submit", self.project, action)
		self.ack["submit_pending"] = False
		if r is None:
			return False
		self.doc = r["message"]
		self.ack["submits"] += 1

	def check_status(self):
		r = self.call("applicant: check status", "GET", self.doc_path(self.project))
		if r is None:
			return
		self.doc = r["data"]
		if self.doc["workflow_state"] == RETURNED:
			# Returned by the district: fix the pledge page, save and submit again.
			self.steps = iter([self.save_draft, self.submit])


class Reviewer(Client):
	fixed_count = len(CONFIG["reviewers"])

	def on_start(self):
		self.account = CONFIG["reviewers"][next(_reviewers) % len(CONFIG["reviewers"])]
		self.login(self.account)

	@task
	def review_one(self):
		r = self.call("reviewer: list district", "GET", "/api/resource/Contest Project", params={
			"filters": json.dumps([["contest", "=", CONFIG["contest"]], ["workflow_state", "=", SUBMITTED]]),
			"fields": json.dumps(["name", "project_name", "unit_name", "submitted_on"]),
			"order_by": "submitted_on asc", "limit_page_length": 20})
		if not r or not r["data"]:
			return
		project = random.choice(r["data"][:5])["name"]
		self.wait()
		if self.call("reviewer: open project", "GET", self.doc_path(project)) is None:
			return
		self.wait()
		if self.call("reviewer: check list", "PUT", self.doc_path(project), json=CHECKLIST) is None:
			return
		self.wait()
		if random.random() < CONFIG["return_share"]:
			self.act("reviewer: return", project, RETURN, reason="承诺书缺少单位盖章页，请补充后重新提交。")
		else:
			self.act("reviewer: recommend", project, RECOMMEND)


class City(Client):
	fixed_count = len(CONFIG["city"])

	def on_start(self):
		self.account = CONFIG["city"][next(_city) % len(CONFIG["city"])]
		self.login(self.account)

	@task(4)
	def list_projects(self):
		self.call("city: list projects", "GET", "/api/resource/Contest Project", params={
			"filters": json.dumps([["contest", "=", CONFIG["contest"]]]),
			"fields": json.dumps(["name", "project_name", "unit_name", "district", "workflow_state", "modified"]),
			"order_by": "modified desc", "limit_page_length": 50})

	@task(2)
	def district_summary(self):
		self.call("city: district summary xlsx", "GET", "/api/method/smart_city_contest.api.documents.district_summary",
			params={"contest": CONFIG["contest"], "district": random.choice(CONFIG["districts"]), "format": "xlsx"})

	@task(1)
	def city_summary(self):
		self.call("city: city summary xlsx", "GET", "/api/method/smart_city_contest.api.documents.city_summary",
			params={"contest": CONFIG["contest"], "format": "xlsx"})
