"""The 申报书 (附件1) from plain data: its context, its HTML and its PDF.

`application_context` turns the records of a project (plain dicts: the project, its unit, district,
edition and indicator rows) and its attachments into what the templates print, every value
already written as the paper form writes it. `build_application_pdf` renders cover, 目录, 申报表,
方案及完成情况报告, 绩效评价表 and 承诺书 in one WeasyPrint document, followed by the name-change
proof and the uploaded attachments, and returns the PDF bytes.
"""

import time
from collections.abc import Mapping, Sequence

from smart_city_contest.documents import attachments as att
from smart_city_contest.documents import fonts, page_numbers, render, templates
from smart_city_contest.documents import formatting as fmt
from smart_city_contest.documents.richtext import plain_lines, sanitize
from smart_city_contest.rules import upload_limits
from smart_city_contest.rules.domains import DOMAINS
from smart_city_contest.rules.indicators import OTHER, TAXONOMY, official_order

ENTERPRISE_NATURES = ("国有", "民营", "三资")

# The parts of the 申报材料目录, as the official template numbers them.
PART_FORM = "一、济南市新型智慧城市试点示范项目申报表"
PART_REPORT = "二、项目方案及完成情况"
PART_PERFORMANCE = "三、项目绩效评价表"
PART_PLEDGE = "四、申报材料真实性承诺书"
PART_NAME_CHANGE = "五、参赛单位名称发生变更等情况的，需提供工商注册变更登记材料"

# 项目方案及完成情况报告: (heading, [(sub-heading, field)]) as in the official template.
REPORT_OUTLINE = (
	(
		"一、项目情况",
		(
			("1.项目概述。", "overview"),
			("2.项目实施的创新性与先进性（技术创新、模式创新及相关知识产权）。", "innovation"),
			("3.项目实施的可推广性（示范意义及推广价值、推广可行性、推广范围）。", "replicability"),
		),
	),
	(
		"二、项目方案",
		(
			("1.项目建设背景和目标。", "background_and_goals"),
			("2.项目建设内容。", "construction_content"),
		),
	),
	("三、项目完成情况", ((None, "completion_status"),)),
	("四、项目成效", ((None, "outcomes"),)),
	("五、下一步推广计划", ((None, "promotion_plan"),)),
)
ATTACHMENT_GROUPS = (  # 六、相关附件
	("proof", "1.企业和项目基本信息表中提到的证明材料，包含但不仅限于企业专利、项目投资额证明等项目支撑材料。"
		"以上证明材料需提供复印件并加盖单位公章。"),
	("evaluation", "2.项目评估验证的图片、视频、评测报告（若有）等。"),
	("other", "3.其他。"),
)
ATTACHMENT_TYPE_GROUP = {
	"证明材料（企业专利、项目投资额证明等）": "proof",
	"项目评估验证图片": "evaluation",
	"项目评估验证视频": "evaluation",
	"评测报告": "evaluation",
}

PLEDGE_TEXT = (
	"我单位申报的“{project}”项目申请材料内容和所附资料均真实、合法、完整、准确，不存在任何虚假记载、"
	"误导性陈述或者重大遗漏。企业信用状况良好，未被列入失信联合惩戒对象名单。不属于《关于建立财政涉企资金"
	"“绿色门槛”制度的实施意见》（鲁财资环〔2019〕11号）规定的不予支持范围。近二年未发生较大及以上安全生产"
	"事故。我单位对所提交的项目内容负有保密责任，按照国家相关保密规定，所提交的项目内容未涉及国家秘密、个人"
	"信息和其他敏感信息。我单位同意将以上承诺事项纳入信用档案，并作为事中事后监管的参考。如违反以上承诺，"
	"自愿终止享受有关扶持政策，并依法依规接受约束和惩戒。"
)


def report_title(project_name: str | None) -> str:
	"""“<项目名称>项目方案及完成情况报告”, without doubling a name that already ends in 项目."""
	name = fmt.text(project_name)
	return (
		f"{name}{'' if name.endswith('项目') else '项目'}方案及完成情况报告"
		if name
		else "项目方案及完成情况报告"
	)


TITLE_LINE_CHARS = 19  # a 2号 title line in the 156 mm text block


def report_title_lines(project_name: str | None) -> list[str]:
	"""The report's title on one line, or broken after the project's name when it is too long."""
	title = report_title(project_name)
	name = fmt.text(project_name)
	if len(title) <= TITLE_LINE_CHARS or not name:
		return [title]
	return [name, title[len(name) :]]


def domain_labels(project: Mapping) -> list[str]:
	"""参赛类别: the chosen 涉及领域 in the form's order, 其他 with its name."""
	labels = []
	for field, label in DOMAINS:
		if project.get(field):
			other = fmt.text(project.get("other_domain_name"))
			labels.append(f"{label}（{other}）" if field == "domain_other" and other else label)
	return labels


# The official form's 年度绩效指标 grid: blank rows per 二级指标, and its "……" continuation rows (one
# under 产出指标, one under 效益指标, and a last row "……/……" for further 一级指标).
FORM_ROWS_PER_LEVEL_2 = {"具体指标": 1}  # every other official 二级指标: two rows
FORM_CONTINUED = ("产出指标", "效益指标")
ELLIPSIS = "……"


def indicator_grid(rows: Sequence[Mapping]) -> list[dict]:
	"""The 年度绩效指标 grid word for word as the official form: every official (一级, 二级) pair in the
	official order with its blank rows (two, 具体指标 one), the "……" row under 产出指标 and 效益指标
	and the last "……/……" row; the applicant's rows take the places of the blank ones (more rows
	than the form has extend their group), and the applicant's named 其他 groups take the places of
	the "……" rows.

	Returns [{"label": 一级, "rowspan": n, "groups": [{"label": 二级, "rowspan": m, "rows": [...]}]}]."""
	ordered = sorted(
		enumerate(rows),
		key=lambda ir: (official_order(ir[1].get("level_1") or "", ir[1].get("level_2") or ""), ir[0]),
	)
	level_1s: dict[str, dict[str, list]] = {l1: {l2: [] for l2 in l2s} for l1, l2s in TAXONOMY.items()}
	for _i, row in ordered:
		l1 = row.get("level_1") or OTHER
		l1_label = fmt.text(row.get("level_1_other")) or OTHER if l1 == OTHER else l1
		l2 = row.get("level_2") or OTHER
		l2_label = fmt.text(row.get("level_2_other")) or OTHER if l2 == OTHER else l2
		level_1s.setdefault(l1_label, {}).setdefault(l2_label, []).append(
			{
				"content": plain_lines(row.get("indicator_content")),
				"value": plain_lines(row.get("indicator_value")),
				"completion": plain_lines(row.get("completion")),
			}
		)

	def blanks(n: int) -> list[dict]:
		return [{"content": "", "value": "", "completion": ""} for _ in range(n)]

	grid = []
	for l1_label, groups in level_1s.items():
		official = TAXONOMY.get(l1_label, ())
		out = []
		for l2, items in groups.items():
			slots = FORM_ROWS_PER_LEVEL_2.get(l2, 2) if l2 in official else 1
			out.append({"label": l2, "rows": items + blanks(slots - len(items))})
		if l1_label in FORM_CONTINUED and not any(l2 not in official for l2 in groups):
			out.append({"label": ELLIPSIS, "rows": blanks(1)})
		grid.append({"label": l1_label, "groups": out})
	if not any(l1 not in TAXONOMY for l1 in level_1s):
		grid.append({"label": ELLIPSIS, "groups": [{"label": ELLIPSIS, "rows": blanks(1)}]})
	for l1 in grid:
		for g in l1["groups"]:
			g["rowspan"] = len(g["rows"])
		l1["rowspan"] = sum(g["rowspan"] for g in l1["groups"])
	return grid


def _unit_context(unit: Mapping, year: int | None) -> dict:
	prev_year = year - 1 if year else None
	nature = unit.get("enterprise_nature") if unit.get("unit_category") in (None, "", "企业") else None
	return {
		"unit_name": fmt.text(unit.get("unit_name")),
		"uscc": fmt.text(unit.get("uscc")),
		"nature": fmt.choices(ENTERPRISE_NATURES, nature or ""),
		"registered_capital": fmt.money(unit.get("registered_capital")),
		"address": fmt.text(unit.get("address")),
		"legal_representative": fmt.text(unit.get("legal_representative")),
		"contact_name": fmt.text(unit.get("contact_name")),
		"contact_title": fmt.text(unit.get("contact_title")),
		"contact_phones": plain_lines(fmt.phones(unit.get("contact_phone"), unit.get("contact_mobile"))),
		"contact_email": fmt.text(unit.get("contact_email")),
		"total_assets": fmt.money(unit.get("total_assets")),
		"debt_ratio": fmt.percent(unit.get("debt_ratio")),
		"previous_year": prev_year or "",
		"current_year": year or "",
		"revenue_previous_year": fmt.number(unit.get("revenue_previous_year")),
		"revenue_current_year": fmt.number(unit.get("revenue_current_year")),
		"net_profit_previous_year": fmt.number(unit.get("net_profit_previous_year")),
		"net_profit_current_year": fmt.number(unit.get("net_profit_current_year")),
		"unit_profile": plain_lines(unit.get("unit_profile")),
		"name_changed": bool(unit.get("name_changed")),
		"former_name": fmt.text(unit.get("former_name")),
	}


def _project_context(project: Mapping) -> dict:
	domains = {label for field, label in DOMAINS if project.get(field)}
	return {
		"project_name": fmt.text(project.get("project_name")),
		"domains": fmt.choices([label for _f, label in DOMAINS], domains),
		"other_domain_name": fmt.text(project.get("other_domain_name"))
		if project.get("domain_other")
		else "",
		"city_funded": fmt.choices(("是", "否"), fmt.text(project.get("city_funded"))),
		"investor_name": fmt.text(project.get("investor_name")),
		"investment_amount": fmt.number(project.get("investment_amount")),
		"project_summary": plain_lines(project.get("project_summary")),
	}


def _performance_context(project: Mapping, indicators: Sequence[Mapping]) -> dict:
	return {
		"project_type": fmt.text(project.get("project_type")),
		"project_leader": fmt.text(project.get("project_leader")),
		"leader_phone": fmt.text(project.get("leader_phone")),
		"period": fmt.period(project.get("period_start"), project.get("period_end")),
		"unit_functions": plain_lines(project.get("unit_functions")),
		"project_scope": plain_lines(project.get("project_scope")),
		"main_products": plain_lines(project.get("main_products")),
		"approval_basis": plain_lines(project.get("approval_basis")),
		"feasibility": plain_lines(project.get("feasibility")),
		"performance_goals": plain_lines(project.get("performance_goals")),
		"grid": indicator_grid(indicators),
		"honors": plain_lines(project.get("honors")),
		"other_notes": plain_lines(project.get("other_notes")),
	}


def _report_context(project: Mapping, files: Sequence[att.Attachment]) -> dict:
	sections = []
	for heading, items in REPORT_OUTLINE:
		sections.append(
			{
				"heading": heading,
				"items": [{"heading": sub, "html": sanitize(project.get(field))} for sub, field in items],
			}
		)
	groups = [
		{"heading": heading, "files": [a for a in files if a.group == key]}
		for key, heading in ATTACHMENT_GROUPS
	]
	return {
		"title": report_title(project.get("project_name")),
		"title_lines": report_title_lines(project.get("project_name")),
		"sections": sections,
		"attachment_groups": groups,
	}


def application_context(
	project: Mapping,
	unit: Mapping,
	district: Mapping,
	edition: Mapping,
	indicators: Sequence[Mapping] = (),
	files: Sequence[att.Attachment] = (),
	name_change_proof: att.Attachment | None = None,
) -> dict:
	"""Everything the 申报书's templates print, from plain records.

	`files` are the uploaded attachments in the order they are bound (completion proof, signed
	pledge, then the attachment table); `name_change_proof` is part 五 when the unit changed its name."""
	year = edition.get("year")
	year = int(year) if year else None
	project_ctx = _project_context(project)
	unit_ctx = _unit_context(unit, year)
	application_date = fmt.cn_date(project.get("application_date"), blank_year=year)
	return {
		"title": f"{project_ctx['project_name']}申报书",
		"edition": {"title": fmt.text(edition.get("title")), "year": year or ""},
		"district": {
			"district_name": fmt.text(district.get("district_name")),
			"bureau_name": fmt.text(district.get("bureau_name")),
		},
		"unit": unit_ctx,
		"project": project_ctx,
		"application_date": application_date,
		"parts": {
			"form": PART_FORM,
			"report": PART_REPORT,
			"performance": PART_PERFORMANCE,
			"pledge": PART_PLEDGE,
			"name_change": PART_NAME_CHANGE,
		},
		"report": _report_context(project, files),
		"performance": _performance_context(project, indicators),
		"pledge": {
			"bureau_name": fmt.text(district.get("bureau_name")),
			"text": PLEDGE_TEXT.format(project=project_ctx["project_name"]),
			"unit_name": unit_ctx["unit_name"],
			"date": application_date,
		},
		"name_change_proof": name_change_proof,
		"files": list(files),
	}


def build_application_html(ctx: dict, font_css: str | None = None) -> str:
	body = "".join(templates.render(t, ctx) for t in (*templates.APPLICATION_TEMPLATES, "attachments.html"))
	css = fonts.font_face_css() if font_css is None else font_css
	return templates.html_document(ctx["title"], body, css, author=ctx["unit"]["unit_name"])


def build_application_pdf(ctx: dict, resolve_site_url=None) -> bytes:
	"""The whole 申报书 as one PDF (A4, page numbers and the 目录's page numbers: documents/page_numbers.py; outline)."""
	bound = [a for a in (ctx.get("name_change_proof"), *ctx["files"]) if a and a.included]
	deadline = time.monotonic() + upload_limits.MAX_RENDER_SECONDS
	html = build_application_html(ctx)
	document, pdf = render.render_pdf(html, [a.path for a in bound], resolve_site_url)
	return att.merge_pdf_pages(pdf, page_numbers.placeholder_pages(document, bound), deadline=deadline)
