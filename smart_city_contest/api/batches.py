"""Heavy documents as background jobs (smart_city_contest/documents/batches.py).

POST /api/method/smart_city_contest.api.batches.<endpoint> {"contest": "<edition>"} → {"job_id", …}

- `start_application_batch` — the city bureau: every 申报书 of the edition past 草稿, as one ZIP with
  a contents list (目录.txt, 目录.xlsx); the archived PDF of each submitted project.
- `start_expert_package` — an expert: the 申报书 of the projects assigned to him in the edition (not
  recused), his 评审材料包, as one ZIP with its 目录, attached to his Review Expert record.
- `start_city_summary_pdf` — the city bureau: every district's 推荐汇总表 as one PDF.

The desk shows the job's progress (frappe.publish_progress) and an alert with the file when it is done
(Notification Log linked to the file); the file is private to who asked.
"""

import frappe
from frappe import _

from smart_city_contest.documents import batches
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.rules import review_statuses
from smart_city_contest.rules.project_workflow import DRAFT

PROJECT = "Contest Project"


def _edition(contest: str) -> str:
	if not contest or not frappe.db.exists("Contest Edition", contest):
		frappe.throw(_("大赛届次“{0}”不存在").format(contest or ""), frappe.DoesNotExistError)
	return contest


def _city_only(what: str):
	if not user_scope().everything:
		frappe.throw(_("只有市局管理员可以{0}").format(what), frappe.PermissionError, title=_("没有权限"))


@frappe.whitelist(methods=["POST"])
def start_application_batch(contest: str):
	"""The city bureau: a ZIP of every 申报书 of the edition that is past 草稿, with its 目录."""
	_city_only(_("批量生成全部申报书"))
	contest = _edition(contest)
	projects = frappe.get_all(
		PROJECT,
		filters={"contest": contest, "workflow_state": ("not in", ("", DRAFT))},
		order_by="district asc, name asc",
		pluck="name",
	)
	title = _("{0}全部申报书").format(contest)
	return batches.start_batch(title, f"{batches._safe(contest)}全部申报书.zip", projects)  # nosemgrep: scc-text-composed-outside-translate — a document's file name, its official title


@frappe.whitelist(methods=["POST"])
def start_expert_package(contest: str):
	"""An expert: the 申报书 of his assigned (not recused) projects of the edition, with its 目录."""
	contest = _edition(contest)
	user = frappe.session.user
	expert = frappe.db.get_value("Review Expert", {"user": user}, ["name", "expert_name"], as_dict=True)
	if not expert or "Contest Expert" not in frappe.get_roles():
		frappe.throw(_("您不是评审专家库中的专家，没有评审材料包"), frappe.PermissionError, title=_("没有权限"))
	rows = frappe.get_all(
		"Expert Review",
		filters={"contest": contest, "expert_user": user, "status": ("!=", review_statuses.RECUSED), "docstatus": ("<", 2)},
		fields=["project"],
		order_by="project asc",
	)
	projects = list(dict.fromkeys(r.project for r in rows if r.project))
	title = _("{0}评审材料包（{1}）").format(contest, expert.expert_name or expert.name)
	return batches.start_batch(
		title, f"{batches._safe(contest)}评审材料包_{batches._safe(expert.expert_name or expert.name, 20)}.zip",  # nosemgrep: scc-text-composed-outside-translate — a document's file name, its official title
		projects, attach_to=("Review Expert", expert.name),
	)


@frappe.whitelist(methods=["POST"])
def start_city_summary_pdf(contest: str, fill_date: str | None = None):
	"""The city bureau: every district's 推荐汇总表 of the edition as one PDF, made by a worker."""
	_city_only(_("生成全市推荐汇总表"))
	contest = _edition(contest)
	title = _("{0}全市推荐汇总表（PDF）").format(contest)
	job = frappe.enqueue(
		"smart_city_contest.documents.batches.city_summary_pdf",
		queue=batches.QUEUE,
		at_front=True,
		timeout=batches.JOB_TIMEOUT,
		contest=contest,
		title=title,
		fill_date=fill_date,
	)
	frappe.publish_progress(0, title=title, description=_("已排队"))
	return {"job_id": job.id if job else None}
