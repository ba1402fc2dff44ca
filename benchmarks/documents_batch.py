"""Heavy documents on the workers (issue #12): (a) a batch of every 申报书 of a 100-project edition on
2 RQ workers, (b) the download of a submitted (archived) 申报书 through its endpoint against its first
(live) render.

	cd /home/frappe/frappe-bench/sites && sudo -u frappe PYTHONPATH=<repo> ../env/bin/python \
	  <repo>/benchmarks/documents_batch.py --site <site> [--projects 100] [--workers 2]

The run has a Redis of its own for the site's job queue (restored afterwards) with `--workers` RQ
workers on it, so the bench's shared queue neither feeds nor drains it, and a gunicorn (2 workers x 4
threads) serving the site. Data: its own edition "批量基准届次（文书）", made once, with `--projects`
submitted projects of the size of benchmarks/documents.py's (12-page 申报书: report text, indicators,
a 2-page proof, the pledge and a photo). The batch is started through
smart_city_contest.api.batches.start_application_batch as Administrator; the time is from the request
to the desk alert with the ZIP (Notification Log); the ZIP is opened and its PDFs counted.
Target (b): median <= 50 ms.
"""

import io
import os
import random
import statistics
import sys
import time
import zipfile

import frappe

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import requests  # noqa: E402
from _site import REPO  # noqa: E402

sys.path.insert(0, REPO)

from _stack import private_job_queue  # noqa: E402

from smart_city_contest.documents import archive  # noqa: E402
from smart_city_contest.rules.deadlines import now_in  # noqa: E402
from tests.factories import edition_payload, project_payload, unit_payload  # noqa: E402
from tests.integration.client import api_user  # noqa: E402
from tests.integration.server import running_server  # noqa: E402

EDITION = "批量基准届次（文书）"
PARAGRAPH = (
	"项目以社区网格为单元，汇聚公安、城管、民政、卫健等部门的多源数据，建成“一网统管”城市运行平台，"
	"实现事件发现、派单、处置、核查、评价的闭环管理，平均处置时长由48小时缩短至31小时，群众满意度达93%。"
)


def parse_args():
	import argparse

	p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	p.add_argument("--site", default=os.environ.get("SCC_TEST_SITE", "test-contest.localhost"))
	p.add_argument("--bench", default=os.environ.get("SCC_BENCH_DIR", "/home/frappe/frappe-bench"))
	p.add_argument("--projects", type=int, default=100)
	p.add_argument("--workers", type=int, default=2)
	p.add_argument("--downloads", type=int, default=40)
	p.add_argument("--timeout", type=int, default=1800)
	p.add_argument("--download-only", action="store_true", help="only (b)")
	return p.parse_args()


def attachment_files() -> dict:
	import weasyprint
	from PIL import Image

	rng = random.Random(7)
	photo = Image.new("RGB", (1600, 1200))
	photo.putdata([(rng.randrange(90, 160), rng.randrange(120, 200), rng.randrange(150, 255)) for _ in range(1600 * 1200)])
	jpeg = io.BytesIO()
	photo.save(jpeg, format="JPEG", quality=85)
	scan = "<p style='font-size:16pt'>竣工验收意见（扫描件）第1页</p><p style='break-before:page'>第2页</p>"
	return {
		"proof": weasyprint.HTML(string=scan).write_pdf(),
		"pledge": weasyprint.HTML(string="<p>申报材料真实性承诺书（盖章）</p>").write_pdf(),
		"photo": jpeg.getvalue(),
	}


def attach(project: str, name: str, content: bytes) -> str:
	doc = frappe.get_doc({"doctype": "File", "file_name": name, "content": content, "is_private": 1,
		"attached_to_doctype": "Contest Project", "attached_to_name": project})
	doc.insert(ignore_permissions=True)
	return doc.file_url


def seed(count: int) -> list[str]:
	if not frappe.db.exists("Contest Edition", EDITION):
		frappe.get_doc(dict(edition_payload(EDITION), doctype="Contest Edition")).insert()
	have = frappe.get_all("Contest Project", filters={"contest": EDITION}, order_by="name asc", pluck="name")
	if len(have) < count:
		files = attachment_files()
		districts = frappe.get_all("Contest District", filters={"enabled": 1}, pluck="name")
		long, short = f"<p>{PARAGRAPH}</p>", f"<p>{PARAGRAPH[:45]}</p>"
		now = now_in("Asia/Shanghai").replace(microsecond=0, tzinfo=None)
		for i in range(len(have), count):
			unit = frappe.get_doc(dict(unit_payload(district=districts[i % len(districts)], unit_profile=PARAGRAPH[:190]),
				doctype="Participant Unit")).insert()
			project = frappe.get_doc(dict(
				project_payload(unit.name, contest=EDITION, project_name=f"批量基准项目{i:03d}", project_summary=(PARAGRAPH * 6)[:790]),
				doctype="Contest Project", overview=long, innovation=short, replicability=short,
				background_and_goals=short, construction_content=long, completion_status=short, outcomes=long,
				promotion_plan=short,
			))
			project.flags.ignore_permissions = True
			project.insert()
			proof = attach(project.name, "proof.pdf", files["proof"])
			pledge = attach(project.name, "pledge.pdf", files["pledge"])
			photo = attach(project.name, "photo.jpg", files["photo"])
			frappe.db.set_value("Contest Project", project.name, {
				"completion_proof": proof, "signed_pledge": pledge, "workflow_state": "已提交（区县审核中）",
				"submitted_on": now, "application_date": now.date(),
			}, update_modified=False)
			child = frappe.get_doc({"doctype": "Contest Project Attachment", "parent": project.name,
				"parenttype": "Contest Project", "parentfield": "attachments", "idx": 1,
				"attachment_type": "项目评估验证图片", "description": "现场照片", "file": photo})
			child.db_insert()
			have.append(project.name)
		frappe.db.commit()
	return have[:count]


def median_ms(values):
	return statistics.median(values) * 1000


def main():
	args = parse_args()
	os.chdir(os.path.join(args.bench, "sites"))
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	started = time.monotonic()
	projects = seed(args.projects)
	print(f"edition {EDITION}: {len(projects)} submitted projects (seeded in {time.monotonic() - started:.0f} s)", flush=True)
	# The batch renders live: no archive is current (as after a bulk import, or a cold start).
	frappe.db.sql("update `tabContest Project` set archived_application=null, archived_on=null where contest=%s", EDITION)
	frappe.db.commit()
	key, secret = api_user("Administrator")
	headers = {"Authorization": f"token {key}:{secret}", "X-Frappe-Site-Name": args.site}

	with private_job_queue(args.bench, args.site, args.workers, "documents-batch-workers.log"), running_server(args.bench, args.site) as url:
		session = requests.Session()
		session.headers.update(headers)
		# (a) the batch on the workers
		if not args.download_only:
			batch(args, url, session)
		download(args, url, session, projects[0])
	frappe.db.sql("update `tabContest Project` set archived_application=null, archived_on=null where contest=%s", EDITION)
	frappe.db.commit()
	frappe.destroy()


def batch(args, url, session):
	since = frappe.utils.now_datetime().replace(microsecond=0)
	t0 = time.monotonic()
	r = session.post(f"{url}/api/method/smart_city_contest.api.batches.start_application_batch", json={"contest": EDITION}, timeout=60)
	r.raise_for_status()
	accepted = time.monotonic() - t0
	job = r.json()["message"]
	link = None
	while time.monotonic() - t0 < args.timeout:
		frappe.db.rollback()
		link = frappe.db.get_value("Notification Log", {"for_user": "Administrator", "creation": (">=", since),
			"subject": ("like", f"%{EDITION}全部申报书%")}, "link")
		if link:
			break
		time.sleep(0.5)
	wall = time.monotonic() - t0
	if not link:
		raise SystemExit(f"the batch did not finish within {args.timeout} s")
	z = zipfile.ZipFile(io.BytesIO(session.get(url + link, timeout=120).content))
	pdfs = [n for n in z.namelist() if n.endswith(".pdf")]
	size = sum(i.file_size for i in z.infolist())
	print(f"(a) batch of {job['total']} 申报书 in {job['parts']} parts on {args.workers} workers: request answered in "
		f"{accepted * 1000:.0f} ms; ZIP ready after {wall:.1f} s = {wall / job['total']:.2f} s per 申报书 "
		f"({wall * args.workers / job['total']:.2f} worker-s each); {len(pdfs)} PDFs, {size / 1e6:.1f} MB", flush=True)


def download(args, url, session, project):
	# (b) one submitted 申报书: first render through the endpoint, then its archived file
	endpoint = f"{url}/api/method/smart_city_contest.api.documents.application_pdf"

	def get():
		t = time.monotonic()
		resp = session.get(endpoint, params={"project": project}, timeout=120)
		assert resp.status_code == 200 and resp.content.startswith(b"%PDF"), resp.text[:200]
		return time.monotonic() - t, resp.content

	renders = [get()[0] for _ in range(3)]
	archive_started = time.monotonic()
	archive.archive_submission(project)
	archive_time = time.monotonic() - archive_started
	frappe.db.commit()
	get()  # warm
	served = []
	body = None
	for _ in range(args.downloads):
		elapsed, body = get()
		served.append(elapsed)
	archived = archive.read_current_archive(frappe.get_doc("Contest Project", project))
	assert body == archived, "the endpoint serves the archived bytes"
	print(f"(b) 申报书 {project}: first render through the endpoint {renders[0] * 1000:.0f} ms "
		f"(median of 3 renders {median_ms(renders):.0f} ms); archiving it (render + File) {archive_time * 1000:.0f} ms; "
		f"archived download median {median_ms(served):.1f} ms, p90 {sorted(served)[int(len(served) * 0.9) - 1] * 1000:.1f} ms "
		f"over {len(served)} downloads ({len(body) / 1e3:.0f} kB) — {renders[0] / statistics.median(served):.0f}x faster", flush=True)


if __name__ == "__main__":
	main()
