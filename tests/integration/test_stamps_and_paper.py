"""Stamps and paper (issue #11, point 4), over HTTP: the unit's stamped 申报书 scan (also after 提交),
the district's stamped 推荐汇总表 scan (required to file; see test_deadlines_and_recommendation), and
the city bureau's record of the paper copy received (一式一份, 信息化与数字经济处)."""

import frappe
import pytest

from tests.integration.world import (
	REVIEWER,
	accepted_projects,
	act,
	make_edition,
	register_and_apply,
	stored,
	upload,
)

PROJECT = "Contest Project"


@pytest.fixture(scope="module")
def city(make_api_user):
	return make_api_user(["Contest Admin"])


def _stamped_scan(client, project: str, name: str = "申报书（盖章）.pdf", content: bytes | None = None):
	return upload(client, name, content, doctype=PROJECT, docname=project, fieldname="stamped_application")


def test_the_unit_uploads_its_stamped_application_after_submitting(make_api_user):
	reviewer = make_api_user([REVIEWER], districts=["历城区"])
	app = register_and_apply(make_api_user, "历城区")
	other = register_and_apply(make_api_user, "历城区")
	assert act(app.applicant, app.project, "提交").ok

	# The application is locked: other files are refused, the stamped scan is taken.
	r = upload(app.applicant, "补充材料.pdf", doctype=PROJECT, docname=app.project)
	assert r.status == 403 and "申报材料已锁定" in r.message, r
	r = _stamped_scan(app.applicant, app.project)
	assert r.ok, r
	url = r.data["file_url"]
	assert url.startswith("/private/files/")
	r = app.applicant.update(PROJECT, app.project, {"stamped_application": url})
	assert r.ok, r
	assert r.data["stamped_application"] == url and r.data["stamped_application_on"]
	# …but nothing else of the application with it.
	r = app.applicant.update(PROJECT, app.project, {"stamped_application": url, "project_summary": "提交后改写"})
	assert r.status == 403 and "申报内容不能修改" in r.message, r
	# The change is logged in the project's version history.
	frappe.db.rollback()
	versions = frappe.get_all("Version", filters={"ref_doctype": PROJECT, "docname": app.project}, pluck="data")
	assert any("stamped_application" in v for v in versions)

	# Only a PDF: an image is refused at upload.
	r = _stamped_scan(app.applicant, app.project, "盖章.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
	assert r.status == 417 and "只能上传 PDF" in r.message, r
	# Submitted: it can be replaced, not removed.
	r = app.applicant.update(PROJECT, app.project, {"stamped_application": ""})
	assert r.status == 417 and "只能替换，不能删除" in r.message, r
	assert stored(PROJECT, app.project, "stamped_application") == url

	# Nobody else sets it: the district reviewer (who can read the project) and another unit.
	r = _stamped_scan(reviewer, app.project)
	assert r.status == 403 and "只能由本项目的参赛单位上传" in r.message, r
	r = upload(reviewer, "区县的文件.pdf")
	assert r.ok, r
	r = reviewer.update(PROJECT, app.project, {"stamped_application": r.data["file_url"]})
	assert r.status == 403 and "只能由本项目的参赛单位上传" in r.message, r
	r = _stamped_scan(other.applicant, app.project)
	assert not r.ok and r.status == 403, r
	# …nor with a file of their own.
	r = upload(other.applicant, "别人的盖章件.pdf")
	assert r.ok, r
	r = other.applicant.update(PROJECT, app.project, {"stamped_application": r.data["file_url"]})
	assert r.status == 403, r
	# The unit cannot name a file that is not its own either.
	foreign = upload(other.applicant, "另一个单位.pdf").data["file_url"]
	r = app.applicant.update(PROJECT, app.project, {"stamped_application": foreign})
	assert r.status == 417 and "文件不属于本单位或本项目" in r.message, r
	assert stored(PROJECT, app.project, "stamped_application") == url


def test_only_the_city_records_the_paper_copy(make_api_user, city):
	edition = make_edition(f"纸质材料届次{frappe.generate_hash(length=6)}")
	reviewer = make_api_user([REVIEWER], districts=["天桥区"])
	app = accepted_projects(make_api_user, "天桥区", edition, 1, reviewer=reviewer)[0]
	draft = register_and_apply(make_api_user, "天桥区", contest=edition)
	other = register_and_apply(make_api_user, "历下区", contest=edition)

	receipt = {"paper_received_on": str(frappe.utils.today()), "paper_received_by": "张三"}
	for who in (app.applicant, reviewer, other.applicant):
		r = who.update(PROJECT, app.project, receipt)
		assert r.status == 403, r
	assert "只能由市工业和信息化局登记" in app.applicant.update(PROJECT, app.project, receipt).message
	assert stored(PROJECT, app.project, "paper_received_on") is None

	# Not before the project is submitted, not in the future.
	r = city.update(PROJECT, draft.project, receipt)
	assert r.status == 417 and "尚未提交" in r.message, r
	r = city.update(PROJECT, app.project, {"paper_received_on": str(frappe.utils.add_days(frappe.utils.today(), 3))})
	assert r.status == 417 and "不能晚于今天" in r.message, r

	# The city records it; without a name, the one who records it.
	r = city.update(PROJECT, app.project, {"paper_received_on": receipt["paper_received_on"]})
	assert r.ok, r
	assert r.data["paper_received_on"] == receipt["paper_received_on"]
	assert r.data["paper_received_by"] == frappe.utils.get_fullname(city.user)

	# It shows in the district's list (standard filter) and in the city's district status report.
	r = reviewer.list(PROJECT, fields='["name", "paper_received_on", "stamped_application_on"]',
		filters=f'[["paper_received_on", "is", "set"], ["contest", "=", "{edition}"]]')
	assert r.ok and [row["name"] for row in r.data] == [app.project], r
	r = other.applicant.list(PROJECT, fields='["name"]', filters='[["paper_received_on", "is", "set"]]')
	assert r.ok and app.project not in {row["name"] for row in r.data}, r
	report = city.call("frappe.desk.query_report.run", report_name="District Submission Status", filters={"contest": edition})
	assert report.ok, report
	row = next(row for row in report.data["result"] if isinstance(row, dict) and row.get("district") == "天桥区")
	assert (row["stamped_summary"], row["stamped_applications"], row["paper_received"]) == ("已上传", 0, 1)
	assert _stamped_scan(app.applicant, app.project).ok
	url = frappe.get_all("File", filters={"attached_to_name": app.project, "attached_to_field": "stamped_application"},
		pluck="file_url")[0]
	assert app.applicant.update(PROJECT, app.project, {"stamped_application": url}).ok
	report = city.call("frappe.desk.query_report.run", report_name="District Submission Status", filters={"contest": edition})
	row = next(row for row in report.data["result"] if isinstance(row, dict) and row.get("district") == "天桥区")
	assert row["stamped_applications"] == 1
