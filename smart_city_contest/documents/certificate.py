"""获奖证书: one A4 landscape page per winner (title, unit, project, award level, the bureau as issuer,
the date in Chinese numerals, the certificate number), from print_formats/award_certificate.html
through the same renderer and fonts as the 申报书."""

from collections.abc import Iterable, Mapping

from smart_city_contest.documents import fonts, render, templates

TITLE = "获奖证书"
_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
	"""1..31 in Chinese numerals as dates write them: 十, 十二, 二十, 二十一, 三十一."""
	if n < 10:
		return _DIGITS[n]
	tens, ones = divmod(n, 10)
	return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def cn_upper_date(value) -> str:
	"""2021-12-10 -> 二〇二一年十二月十日 (the date line of a certificate)."""
	year = "".join(_DIGITS[int(d)] for d in f"{value.year:04d}")
	return f"{year}年{_cn_number(value.month)}月{_cn_number(value.day)}日"


def certificate_row(follow_up: Mapping, contest_title: str, issuer: str) -> dict:
	return {
		"number": follow_up["certificate_no"],
		"unit_name": follow_up["unit_name"],
		"project_name": follow_up["project_name"],
		"award_level": follow_up["award_level"],
		"contest_title": contest_title,
		"issuer": issuer,
		"date_cn": cn_upper_date(follow_up["certificate_date"]),
	}


def build_certificates_html(rows: Iterable[dict]) -> str:
	rows = list(rows)
	body = templates.render("award_certificate.html", {"certificates": rows})
	title = TITLE if len(rows) != 1 else f"{TITLE}（{rows[0]['number']}）"
	author = rows[0]["issuer"] if rows else ""
	return templates.html_document(title, body, fonts.font_face_css(), author=author)


def build_certificates_pdf(rows: Iterable[dict]) -> bytes:
	return render.html_to_pdf(build_certificates_html(rows))


# From the site ----------------------------------------------------------------------------------


def rows_for(contest: str, projects: list[str] | None = None) -> list[dict]:
	"""The certificate rows of the edition's winners (all, or `projects`), in certificate-number order."""
	import frappe

	title, organiser = frappe.db.get_value("Contest Edition", contest, ["title", "organiser"])
	filters = {"contest": contest}
	if projects is not None:
		filters["project"] = ("in", projects or [""])
	follow_ups = frappe.get_all(
		"Award Follow Up",
		filters=filters,
		fields=["project", "certificate_no", "unit_name", "project_name", "award_level", "certificate_date"],
		order_by="certificate_no asc",
	)
	return [dict(certificate_row(f, title, organiser or "济南市工业和信息化局"), project=f.project) for f in follow_ups]


def file_name(row: Mapping) -> str:
	from smart_city_contest.documents.batches import _safe

	return f"获奖证书_{_safe(row['number'], 20)}_{_safe(row['unit_name'], 40)}.pdf"


def certificates_zip(contest: str, title: str):
	"""Job (queue "long", as the city user who asked): every 获奖证书 of the edition, one PDF each, with a
	目录, as one ZIP delivered like the other batches (private File of the user, desk alert, progress)."""
	import io
	import zipfile

	import frappe
	from frappe import _

	from smart_city_contest.documents import batches
	from smart_city_contest.permissions.visibility import user_scope

	if not user_scope().everything:
		frappe.throw(_("只有市局管理员可以批量生成获奖证书"), frappe.PermissionError)
	rows = rows_for(contest)
	out = io.BytesIO()
	lines = [title, f"共{len(rows)}份", "", "\t".join(("证书编号", "项目编号", "项目名称", "参赛单位", "获奖等次", "文件名"))]
	with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
		for done, row in enumerate(rows, start=1):
			name = file_name(row)
			z.writestr(name, build_certificates_pdf([row]), compress_type=zipfile.ZIP_STORED)
			lines.append("\t".join((row["number"], row["project"], row["project_name"], row["unit_name"], row["award_level"], name)))
			frappe.publish_progress(
				done * 100 / max(len(rows), 1) * 0.98, title=title, description=_("已生成{0}/{1}份获奖证书").format(done, len(rows))
			)
		z.writestr("目录.txt", ("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
	meta = {"title": title, "user": frappe.session.user, "attach_to": None}
	return batches.deliver(meta, out.getvalue(), f"{batches._safe(contest)}获奖证书.zip", _("共{0}份获奖证书").format(len(rows)))
