"""From the 公示 to the final results, and after the award. POST/GET /api/method/smart_city_contest.api.results.<name>

- `decide_objection` (POST, city bureau): 维持 / 撤销奖项 / 调整等次 (with `new_level`) and a reason.
- `publish_results` (POST, city bureau): 公布结果 of an edition, after the 公示期 and every objection decided.
- `certificate_pdf` (GET): a winner's 获奖证书, for its own unit and the city bureau, after 公布结果.
- `start_certificate_batch` (POST, city bureau): every 获奖证书 of the edition as one ZIP, made by a worker.
"""

import frappe
from frappe import _

from smart_city_contest.api.documents import _send
from smart_city_contest.documents import batches, certificate
from smart_city_contest.permissions.visibility import user_scope
from smart_city_contest.public_notice import results


def _city_only(what: str):
	if not user_scope().everything:
		frappe.throw(_("只有市局管理员可以{0}").format(what), frappe.PermissionError, title=_("没有权限"))


@frappe.whitelist(methods=["POST"])
def decide_objection(objection: str, decision: str, reason: str, new_level: str | None = None):
	"""The city's decision on a 公示 objection: 维持, 撤销奖项 or 调整等次 (to `new_level`), with a reason.
	A changed level must fit the quota (held under the awards' lock); the change is logged."""
	_city_only(_("对异议作出处理决定"))
	return results.decide_objection(objection, decision, reason, new_level)


@frappe.whitelist(methods=["POST"])
def publish_results(contest: str):
	"""公布结果: after the 公示期, with every objection decided; the awards are final from then on."""
	_city_only(_("公布评审结果"))
	return results.publish(contest)


@frappe.whitelist()
def certificate_pdf(project: str):
	"""The 获奖证书 of a winning project: its own unit's users and the city bureau, after 公布结果."""
	record = frappe.db.get_value("Contest Project", project, ["name", "contest", "unit"], as_dict=True) if isinstance(project, str) else None
	scope = user_scope()
	if not record or not (scope.everything or record.unit in scope.units):
		frappe.throw(_("只能下载本单位的获奖证书"), frappe.PermissionError, title=_("没有权限"))
	if not results.is_published(record.contest):
		frappe.throw(_("评审结果公布后方可下载获奖证书"), frappe.ValidationError, title=_("尚未公布结果"))
	rows = certificate.rows_for(record.contest, [record.name])
	if not rows:
		frappe.throw(_("项目{0}未获奖，没有获奖证书").format(record.name), frappe.DoesNotExistError, title=_("没有获奖证书"))
	_send(certificate.build_certificates_pdf(rows), certificate.file_name(rows[0]), "pdf")


@frappe.whitelist(methods=["POST"])
def start_certificate_batch(contest: str):
	"""The city bureau: every 获奖证书 of the edition as one ZIP (one PDF each, with a 目录), by a worker."""
	_city_only(_("批量生成获奖证书"))
	if not contest or not frappe.db.exists("Contest Edition", contest):
		frappe.throw(_("大赛届次“{0}”不存在").format(contest or ""), frappe.DoesNotExistError)
	if not results.is_published(contest):
		frappe.throw(_("评审结果公布后方可生成获奖证书"), frappe.ValidationError, title=_("尚未公布结果"))
	title = _("{0}获奖证书").format(contest)
	job = frappe.enqueue(
		"smart_city_contest.documents.certificate.certificates_zip",
		queue=batches.QUEUE,
		at_front=True,
		timeout=batches.JOB_TIMEOUT,
		contest=contest,
		title=title,
	)
	frappe.publish_progress(0, title=title, description=_("已排队"))
	return {"job_id": job.id if job else None}
