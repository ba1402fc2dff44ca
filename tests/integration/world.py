"""Building blocks for the workflow and isolation tests: people, units and projects made over HTTP."""

from dataclasses import dataclass

import frappe

from tests.factories import OPEN_EDITION, edition_payload, project_payload, unit_payload

APPLICANT = "Contest Applicant"
REVIEWER = "District Reviewer"


@dataclass
class Application:
	applicant: object  # ApiClient of the unit's own account
	unit: str
	project: str
	district: str


def tiny_pdf(text: str) -> bytes:
	"""A one-page PDF whose content stream carries `text` (unique bytes per call site)."""
	stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
	objects = [
		b"<< /Type /Catalog /Pages 2 0 R >>",
		b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
		b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
		b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
	]
	out, offsets = b"%PDF-1.4\n", []
	for i, body in enumerate(objects, start=1):
		offsets.append(len(out))
		out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
	xref = len(out)
	out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
	out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
	out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
	return out


def upload(client, file_name: str, content: bytes | None = None, is_private: int = 1, **attach):
	"""Upload a file as `client` through Frappe's upload endpoint (optionally attached: doctype, docname, fieldname)."""
	content = content if content is not None else tiny_pdf(f"{file_name} {frappe.generate_hash(length=10)}")
	return client.request(
		"POST", "/api/method/upload_file",
		files={"file": (file_name, content, "application/pdf")},
		data={"is_private": is_private, **attach},
	)


def complete_materials(client) -> dict:
	"""The applicant uploads the completion proof and the signed pledge; their URLs for the project."""
	urls = {}
	for field, name in (("completion_proof", "completion-proof.pdf"), ("signed_pledge", "pledge.pdf")):
		r = upload(client, name)
		assert r.ok, r
		urls[field] = r.data["file_url"]
	return urls


def register_and_apply(make_api_user, district: str, contest: str = OPEN_EDITION, materials=True, **project) -> Application:
	"""An applicant account registers its unit in `district` and saves a draft project, all over REST."""
	applicant = make_api_user([APPLICANT])
	r = applicant.insert("Participant Unit", unit_payload(district=district))
	assert r.ok, r
	unit = r.data["name"]
	payload = project_payload(unit, contest=contest, **(complete_materials(applicant) if materials else {}))
	payload.update(project)
	r = applicant.insert("Contest Project", payload)
	assert r.ok, r
	return Application(applicant, unit, r.data["name"], district)


def act(client, project: str, action: str, reason: str | None = None):
	return client.call("smart_city_contest.api.workflow.apply_project_action", project=project, action=action, reason=reason)


CHECKLIST = {
	"check_unit_eligibility": 1,
	"check_project_eligibility": 1,
	"check_completion_proof": 1,
	"check_pledge": 1,
	"check_materials_complete": 1,
}


def recommend(reviewer, project: str):
	r = reviewer.update("Contest Project", project, CHECKLIST)
	assert r.ok, r
	r = act(reviewer, project, "推荐")
	assert r.ok, r
	return r


def make_edition(title: str, **windows) -> str:
	frappe.set_user("Administrator")
	frappe.get_doc(dict(edition_payload(title, **windows), doctype="Contest Edition")).insert()
	frappe.db.commit()
	return title


def move_edition(title: str, **windows):
	"""Move an edition's boundaries relative to the server clock (the clock itself is the server's)."""
	doc = frappe.get_doc("Contest Edition", title)
	doc.update(windows)
	doc.save()
	frappe.db.commit()


def stored(doctype: str, name: str, field: str):
	frappe.db.rollback()
	return frappe.db.get_value(doctype, name, field)


def accepted_projects(make_api_user, district: str, contest: str, count: int, reviewer=None) -> list[Application]:
	"""`count` applications of `district` taken all the way to 市局已受理 (submitted, recommended, filed)."""
	reviewer = reviewer or make_api_user([REVIEWER], districts=[district])
	apps = [register_and_apply(make_api_user, district, contest=contest) for _ in range(count)]
	for app in apps:
		assert act(app.applicant, app.project, "提交").ok
		recommend(reviewer, app.project)
	r = reviewer.insert("District Recommendation", {"contest": contest, "district": district})
	assert r.ok, r
	r = file_recommendation(reviewer, r.data["name"])
	assert r.ok, r
	return apps


def stamped_summary_scan(reviewer, recommendation: str) -> str:
	"""The district uploads the stamped scan of its 推荐汇总表 to the draft; the file's URL."""
	r = upload(reviewer, "推荐汇总表（盖章）.pdf", doctype="District Recommendation", docname=recommendation,
		fieldname="stamped_summary")
	assert r.ok, r
	return r.data["file_url"]


def file_recommendation(reviewer, recommendation: str, **values):
	"""报送: the district attaches the stamped scan and submits its 推荐汇总表 (the response)."""
	return reviewer.update("District Recommendation", recommendation,
		{"stamped_summary": stamped_summary_scan(reviewer, recommendation), "docstatus": 1, **values})


def open_review_window(contest: str):
	"""Move the edition so that its application and recommendation windows have closed and the review is on."""
	from datetime import timedelta

	from smart_city_contest.rules.deadlines import now_in

	now = now_in("Asia/Shanghai").replace(microsecond=0)
	move_edition(
		contest,
		application_start=now - timedelta(days=30),
		application_end=now - timedelta(hours=3),
		recommendation_deadline=now - timedelta(hours=2),
		review_start=now - timedelta(hours=1),
		review_end=now + timedelta(days=1),
		notice_start=now + timedelta(days=2),
		notice_end=now + timedelta(days=9),
	)


def open_notice_window(contest: str):
	from datetime import timedelta

	from smart_city_contest.rules.deadlines import now_in

	now = now_in("Asia/Shanghai").replace(microsecond=0)
	move_edition(
		contest,
		application_start=now - timedelta(days=30),
		application_end=now - timedelta(days=20),
		recommendation_deadline=now - timedelta(days=19),
		review_start=now - timedelta(days=18),
		review_end=now - timedelta(days=2),
		notice_start=now - timedelta(days=1),
		notice_end=now + timedelta(days=6),
	)


def make_expert(admin_api, make_api_user, organisation: str, conflicts=(), max_projects=0, **expertise):
	"""An expert account with the Contest Expert role and its profile in the expert pool."""
	client = make_api_user(["Contest Expert"])
	r = admin_api.insert(
		"Review Expert",
		{
			"user": client.user,
			"expert_name": f"专家{client.user[:4]}",
			"organisation": organisation,
			"max_projects": max_projects,
			"conflicts": [{"unit": u, "reason": "曾参与该单位项目咨询"} for u in conflicts],
			**expertise,
		},
	)
	assert r.ok, r
	client.expert = r.data["name"]
	return client
