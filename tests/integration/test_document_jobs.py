"""Heavy documents on real RQ workers, and the archived 申报书 — over HTTP.

- 提交 archives the 申报书 (a worker renders it after the commit): a private File of the project,
  owned by the system; the download endpoint serves those exact bytes afterwards, whatever changed in
  the database; 退回修改 renders live again, 重新提交 archives a new version (the old one is kept).
- The city bureau's batch of every 申报书 of an edition past 草稿, an expert's 评审材料包 (his assigned,
  not recused projects only) and the city's 推荐汇总表 PDF run as jobs on `bench worker`; the result
  ZIP (with its 目录) or PDF is downloaded through the link of the desk alert and read back.

The worker is `bench worker --queue long` started as the bench owner (tests/integration/bench_cli.py).
"""

import hashlib
import io
import time
import zipfile
from datetime import timedelta

import frappe
import pytest
from pypdf import PdfReader

from tests.conftest import SITE
from tests.integration.bench_cli import running_bench, wait_for
from tests.integration.world import (
	REVIEWER,
	accepted_projects,
	act,
	make_edition,
	make_expert,
	register_and_apply,
)

PROJECT = "Contest Project"
REVIEW = "Expert Review"
ENDPOINT = "/api/method/smart_city_contest.api.documents.application_pdf"
BATCHES = "smart_city_contest.api.batches."
ARCHIVE_JOB = "smart_city_contest.documents.archive.archive_submission"
DISTRICT = "槐荫区"


def sha(content: bytes) -> str:
	return hashlib.sha256(content).hexdigest()


def pdf_text(content: bytes) -> str:
	return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture(scope="module")
def worker(frappe_site, server_url):
	"""A real RQ worker on the queue the documents' jobs use. Archive jobs of this site left in the
	queue by earlier tests (no worker ran them; their downloads render live) are dropped first, so this
	module does not wait for a whole suite's submissions."""
	from frappe.utils.background_jobs import get_queue

	queue = get_queue("long")
	for job in queue.get_jobs():
		kwargs = job.kwargs or {}
		if kwargs.get("site") == SITE and kwargs.get("method") == ARCHIVE_JOB:
			job.delete()
	with running_bench("worker", "--queue", "long", log_name="test-document-jobs-worker.log") as proc:
		yield proc


def archives(project: str) -> list:
	frappe.db.rollback()
	return frappe.get_all(
		"File",
		filters={"attached_to_doctype": PROJECT, "attached_to_name": project, "attached_to_field": "archived_application"},
		fields=["name", "file_url", "is_private", "owner", "content_hash", "creation"],
		order_by="creation asc",
	)


def wait_for_archives(project: str, count: int, timeout: float = 180) -> list:
	return wait_for(lambda: (found := archives(project)) and len(found) >= count and found, timeout,
		f"{count} archived 申报书 of {project}")


def file_bytes(file_url: str) -> bytes:
	frappe.db.rollback()
	doc = frappe.get_doc("File", {"file_url": file_url})
	content = doc.get_content()
	return content if isinstance(content, bytes) else content.encode()


def download(client, project: str):
	r = client.session.get(client.base_url + ENDPOINT, params={"project": project}, timeout=120)
	assert r.status_code == 200 and r.content.startswith(b"%PDF"), (r.status_code, r.text[:300])
	return r.content


def wait_for_notification(user: str, title_part: str, since, timeout: float = 240):
	def found():
		frappe.db.rollback()
		return frappe.get_all(
			"Notification Log",
			filters={"for_user": user, "creation": (">=", since), "subject": ("like", f"%{title_part}%")},
			fields=["name", "subject", "link", "document_type", "document_name", "type"],
			order_by="creation desc",
		)

	return wait_for(found, timeout, f"the desk alert “{title_part}” for {user}")[0]


def fetch(client, url: str):
	return client.session.get(client.base_url + url, timeout=120)


def read_zip(content: bytes) -> tuple[dict, str]:
	z = zipfile.ZipFile(io.BytesIO(content))
	files = {name: z.read(name) for name in z.namelist()}
	contents = files.pop("目录.txt").decode("utf-8-sig")
	assert files.pop("目录.xlsx").startswith(b"PK")
	return files, contents


def start(client, method: str, **params):
	since = frappe.utils.now_datetime().replace(microsecond=0) - timedelta(seconds=1)
	r = client.call(BATCHES + method, **params)
	assert r.ok, r
	assert r.data["job_id"], r
	return r.data, since


# The archived 申报书 -----------------------------------------------------------------------------


def test_submission_is_archived_and_served_until_returned(make_api_user, worker):
	contest = make_edition(f"存档测试届次{frappe.generate_hash(length=6)}")
	app = register_and_apply(make_api_user, DISTRICT, contest=contest)
	reviewer = make_api_user([REVIEWER], districts=[DISTRICT])

	# A draft renders live and has no archive.
	assert download(app.applicant, app.project).startswith(b"%PDF")
	assert not archives(app.project)

	assert act(app.applicant, app.project, "提交").ok
	[first] = wait_for_archives(app.project, 1)
	assert first.is_private == 1 and first.owner == "Administrator" and first.file_url.startswith("/private/files/")
	archived_url, archived_on, submitted_on = frappe.db.get_value(
		PROJECT, app.project, ["archived_application", "archived_on", "submitted_on"]
	)
	assert archived_url == first.file_url and archived_on >= submitted_on
	archived = file_bytes(first.file_url)
	project_name = frappe.db.get_value(PROJECT, app.project, "project_name")
	assert "".join(project_name.split()) in pdf_text(archived)

	# The applicant and the district's reviewer download the archived bytes, even after the project's
	# and the unit's data changed in the database (what the district reviews is what was submitted).
	frappe.db.set_value(PROJECT, app.project, "project_name", "数据库中改过的项目名称", update_modified=False)
	frappe.db.set_value("Participant Unit", app.unit, "unit_name", "数据库中改过的单位名称", update_modified=False)
	frappe.db.commit()
	for client in (app.applicant, reviewer):
		assert sha(download(client, app.project)) == sha(archived)
	started = time.monotonic()
	download(reviewer, app.project)
	assert time.monotonic() - started < 2, "served as a file, not rendered"

	# Nobody sets the archive fields through REST.
	r = app.applicant.update(PROJECT, app.project, {"archived_application": "/private/files/x.pdf"})
	assert not r.ok
	assert frappe.db.get_value(PROJECT, app.project, "archived_application") == first.file_url

	# 退回修改: the application is a draft again, rendered live with what is stored now.
	assert act(reviewer, app.project, "退回修改", reason="请补充项目建设成效").ok
	live = download(app.applicant, app.project)
	# The project is editable again, its archive is not: the applicant can neither delete nor re-point it.
	assert app.applicant.delete("File", first.name).status == 403
	assert app.applicant.update("File", first.name, {"attached_to_field": ""}).status == 403
	assert len(archives(app.project)) == 1
	assert sha(live) != sha(archived) and "数据库中改过的项目名称" in pdf_text(live)

	# 重新提交 archives a new version; the old one is kept, the newest is served.
	assert act(app.applicant, app.project, "重新提交").ok
	old, new = wait_for_archives(app.project, 2)
	assert old.name == first.name and new.name != first.name
	assert frappe.db.get_value(PROJECT, app.project, "archived_application") == new.file_url
	renewed = file_bytes(new.file_url)
	assert "数据库中改过的项目名称" in pdf_text(renewed)
	assert sha(download(reviewer, app.project)) == sha(renewed) != sha(archived)
	assert sha(file_bytes(old.file_url)) == sha(archived)


# The city bureau's batch ----------------------------------------------------------------------------


def test_city_batch_zips_every_application_past_draft(make_api_user, worker):
	contest = make_edition(f"批量测试届次{frappe.generate_hash(length=6)}")
	submitted = [register_and_apply(make_api_user, DISTRICT, contest=contest) for _ in range(3)]
	draft = register_and_apply(make_api_user, DISTRICT, contest=contest)
	for app in submitted:
		assert act(app.applicant, app.project, "提交").ok
	archived = {app.project: wait_for_archives(app.project, 1)[0] for app in submitted}
	city = make_api_user(["Contest Admin"])

	# Only the city bureau starts it.
	reviewer = make_api_user([REVIEWER], districts=[DISTRICT])
	for outsider in (reviewer, submitted[0].applicant):
		r = outsider.call(BATCHES + "start_application_batch", contest=contest)
		assert r.status == 403, r

	job, since = start(city, "start_application_batch", contest=contest)
	assert job["total"] == 3
	alert = wait_for_notification(city.user, contest, since)
	assert alert.type == "Alert" and alert.link.startswith("/private/files/") and alert.link.endswith(".zip")
	r = fetch(city, alert.link)
	assert r.status_code == 200, r.text[:300]
	pdfs, contents = read_zip(r.content)

	assert len(pdfs) == 3
	for app in submitted:
		[name] = [n for n in pdfs if app.project in n]
		assert sha(pdfs[name]) == sha(file_bytes(archived[app.project].file_url))
		assert app.project in contents
	assert draft.project not in contents and not any(draft.project in n for n in pdfs)
	assert "提交时存档" in contents and "共3个项目" in contents

	# The result is the requester's alone: private, and refused to another city user and to applicants.
	frappe.db.rollback()
	result = frappe.get_doc("File", {"file_url": alert.link})
	assert result.is_private == 1 and result.owner == city.user
	for other in (make_api_user(["Contest Admin"]), submitted[0].applicant):
		assert fetch(other, alert.link).status_code in (403, 404)


def test_city_summary_pdf_job(make_api_user, worker):
	contest = make_edition(f"汇总测试届次{frappe.generate_hash(length=6)}")
	app = register_and_apply(make_api_user, DISTRICT, contest=contest)
	assert act(app.applicant, app.project, "提交").ok
	city = make_api_user(["Contest Admin"])
	assert app.applicant.call(BATCHES + "start_city_summary_pdf", contest=contest).status == 403
	_job, since = start(city, "start_city_summary_pdf", contest=contest)
	alert = wait_for_notification(city.user, contest, since)
	r = fetch(city, alert.link)
	assert r.status_code == 200 and r.content.startswith(b"%PDF")
	assert DISTRICT in pdf_text(r.content)


# The expert's 评审材料包 ---------------------------------------------------------------------------


def test_expert_package_holds_only_his_assigned_projects(admin_api, make_api_user, worker):
	contest = make_edition(f"材料包测试届次{frappe.generate_hash(length=6)}")
	apps = accepted_projects(make_api_user, "天桥区", contest, 4)
	mine = make_expert(admin_api, make_api_user, organisation="山东大学")
	other = make_expert(admin_api, make_api_user, organisation="济南大学")
	for app in apps[:3]:
		assert admin_api.insert(REVIEW, {"contest": contest, "project": app.project, "expert": mine.expert}).ok
	marker = apps[3]  # another expert's project only
	assert admin_api.insert(REVIEW, {"contest": contest, "project": marker.project, "expert": other.expert}).ok
	frappe.db.rollback()
	recused = apps[2]
	review = frappe.db.get_value(REVIEW, {"project": recused.project, "expert": mine.expert})
	r = mine.call("smart_city_contest.api.review.recuse", review=review, reason="与该单位存在合作关系")
	assert r.ok, r

	# Only experts have a package.
	assert admin_api.call(BATCHES + "start_expert_package", contest=contest).status == 403
	assert marker.applicant.call(BATCHES + "start_expert_package", contest=contest).status == 403

	job, since = start(mine, "start_expert_package", contest=contest)
	assert job["total"] == 2
	alert = wait_for_notification(mine.user, "评审材料包", since)
	r = fetch(mine, alert.link)
	assert r.status_code == 200, r.text[:300]
	pdfs, contents = read_zip(r.content)
	assert sorted(n.split("_")[2] for n in pdfs) == sorted([apps[0].project, apps[1].project])
	for app in apps[:2]:
		assert app.project in contents
	for absent in (marker, recused):
		assert absent.project not in contents and not any(absent.project in n for n in pdfs)

	# Attached to his Review Expert record: he and the city read it, the other expert does not.
	frappe.db.rollback()
	result = frappe.get_doc("File", {"file_url": alert.link})
	assert (result.attached_to_doctype, result.attached_to_name, result.is_private) == ("Review Expert", mine.expert, 1)
	assert fetch(other, alert.link).status_code in (403, 404)
	assert fetch(admin_api, alert.link).status_code == 200
