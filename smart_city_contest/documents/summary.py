"""附件2 推荐汇总表 from plain data, as PDF (A4 landscape) and XLSX.

A sheet is one district's table: `Sheet(district, bureau_name, fill_date, rows)`, each row a dict
with the ten official columns (keys of COLUMNS). The builders know nothing of DocTypes; the
rows come from Contest Project records (smart_city_contest/documents/sources.py) today and from a
District Recommendation's items when the district has filed one.
"""

import io
from collections.abc import Mapping, Sequence
from copy import copy
from dataclasses import dataclass, field

from markupsafe import Markup

from smart_city_contest.documents import fonts, render, templates
from smart_city_contest.documents import formatting as fmt
from smart_city_contest.rules.text_safety import is_formula

TITLE = "济南市新型智慧城市试点示范项目推荐汇总表"
ANNEX = "附件2"
# Before a district files (报送), its table is a preview of its 区县已推荐 projects, marked so.
DRAFT_MARK = "草稿预览（未报送）"
COVER_TITLE = "未报送区县"
COVER_HEADERS = ("序号", "区县", "推荐单位", "推荐汇总表", "本届申报项目数", "区县已推荐项目数")


@dataclass(frozen=True)
class Column:
	key: str
	header: str
	width: float  # Excel column width (characters)
	pdf_share: float  # relative width in the PDF (10.5 pt text on 247 mm)
	align: str = ""  # "" centred, "left", "num"
	number_format: str | None = None


COLUMNS = (
	Column("index", "序号", 6, 4.5, number_format="0"),
	Column("project_name", "项目名称", 26, 22, "left"),
	Column("city_funded", "是否市财政投资", 9, 7.5),
	Column("investor_name", "投资主体名称", 20, 18, "left"),
	Column("unit_name", "参赛单位名称", 22, 18, "left"),
	Column("uscc", "统一社会信用代码", 23, 27),
	Column("category", "参赛类别", 16, 16),
	Column("investment_amount", "投资金额（单位：万元）", 13, 11, "num", number_format="#,##0.00"),
	Column("contact_name", "参赛单位联系人", 10, 8.5),
	Column("phones", "办公电话和手机号", 17, 19),
)
HEADERS = tuple(c.header for c in COLUMNS)


@dataclass
class Sheet:
	district: str
	bureau_name: str
	fill_date: object = None  # date, datetime or "YYYY-MM-DD"; None prints the paper's blank
	rows: list[dict] = field(default_factory=list)
	year: int | None = None  # for a blank 填表时间: "2021年　　月　　日"
	draft: bool = False  # not filed yet: a preview, marked DRAFT_MARK


@dataclass
class Cover:
	"""The city workbook's first sheet: the districts that have not filed their table yet, each a dict
	with district, bureau_name, status, projects (all of the edition) and recommended (区县已推荐)."""

	unfiled: list[dict] = field(default_factory=list)


def sheet_heading(sheet: Sheet) -> str:
	return f"{TITLE}（{DRAFT_MARK}）" if sheet.draft else TITLE


def summary_row(index: int, project: Mapping, unit: Mapping, categories: Sequence[str]) -> dict:
	"""One row of the table from a project's and its unit's fields."""
	amount = project.get("investment_amount")
	return {
		"index": index,
		"project_name": fmt.text(project.get("project_name")),
		"city_funded": fmt.text(project.get("city_funded")),
		"investor_name": fmt.text(project.get("investor_name")),
		"unit_name": fmt.text(unit.get("unit_name") or project.get("unit_name")),
		"uscc": fmt.text(unit.get("uscc")),
		"category": "、".join(categories),
		"investment_amount": None if fmt.is_blank(amount) else round(float(amount), 2),
		"contact_name": fmt.text(unit.get("contact_name")),
		"phones": fmt.phones(unit.get("contact_phone"), unit.get("contact_mobile")),
	}


# PDF ---------------------------------------------------------------------------------------------


def summary_context(sheets: Sequence[Sheet], cover: Cover | None = None) -> dict:
	total = sum(c.pdf_share for c in COLUMNS)
	columns = [
		{
			"key": c.key,
			"header": c.header,
			# the official header breaks 投资金额 / （单位：万元） over two lines
			"header_html": Markup("投资金额<br>（单位：万元）") if c.key == "investment_amount" else c.header,
			"width_pct": round(c.pdf_share * 100 / total, 2),
			"align": c.align,
		}
		for c in COLUMNS
	]
	out = []
	for s in sheets:
		rows = []
		for r in s.rows:
			row = dict(r)
			row["investment_amount"] = fmt.number(r.get("investment_amount"))
			row["phones"] = Markup("<br>").join(Markup.escape(p) for p in (r.get("phones") or "").split("\n"))
			rows.append(row)
		out.append(
			{
				"district": s.district,
				"bureau_name": s.bureau_name,
				"bookmark": f"{s.district}（{s.bureau_name}）" if s.bureau_name else s.district,
				"fill_date": fmt.cn_date(s.fill_date, blank_year=s.year),
				"rows": rows,
				"draft_mark": DRAFT_MARK if s.draft else "",
			}
		)
	cover_ctx = None
	if cover is not None:
		cover_ctx = {
			"title": COVER_TITLE,
			"headers": COVER_HEADERS,
			"rows": [
				[i, u["district"], u["bureau_name"], u["status"], u["projects"], u["recommended"]]
				for i, u in enumerate(cover.unfiled, start=1)
			],
		}
	return {"title": TITLE, "columns": columns, "sheets": out, "cover": cover_ctx}


def build_summary_html(sheets: Sequence[Sheet], cover: Cover | None = None) -> str:
	body = templates.render("recommendation_summary.html", summary_context(sheets, cover))
	return templates.html_document(TITLE, body, fonts.font_face_css())


def build_summary_pdf(sheets: Sequence[Sheet], cover: Cover | None = None) -> bytes:
	return render.html_to_pdf(build_summary_html(sheets, cover))


# XLSX --------------------------------------------------------------------------------------------


def sheet_title(name: str, taken: set[str]) -> str:
	"""An Excel sheet name: at most 31 characters, none of []:*?/\\, unique in the workbook."""
	clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in (name or "Sheet")).strip("'") or "Sheet"
	title, n = clean[:31], 2
	while title.lower() in taken:
		suffix = f"({n})"
		title, n = clean[: 31 - len(suffix)] + suffix, n + 1
	taken.add(title.lower())
	return title


def build_summary_xlsx(sheets: Sequence[Sheet], cover: Cover | None = None) -> bytes:
	"""One worksheet per district: 附件2, the title, 推荐单位（盖章）/填表时间, the header and the rows
	(a draft preview says so in its title); the city's `cover` first, naming the districts not filed.

	Numbers are stored as numbers (序号, 投资金额), the header row is frozen and repeats on every
	printed page, and the print set-up is A4 landscape, fitted to one page wide."""
	from openpyxl import Workbook
	from openpyxl.styles import Alignment, Border, Font, Side
	from openpyxl.utils import get_column_letter
	from openpyxl.worksheet.properties import PageSetupProperties

	wb = Workbook()
	wb.remove(wb.active)
	thin = Side(style="thin", color="000000")
	border = Border(left=thin, right=thin, top=thin, bottom=thin)
	body_font = Font(name="仿宋_GB2312", size=11)
	header_font = Font(name="黑体", size=11)
	center = Alignment(horizontal="center", vertical="center", wrap_text=True)
	aligns = {
		"": center,
		"left": Alignment(horizontal="left", vertical="center", wrap_text=True),
		"num": Alignment(horizontal="right", vertical="center", wrap_text=True),
	}
	last = get_column_letter(len(COLUMNS))
	taken: set[str] = set()
	body_styles: dict = {}
	if cover is not None:
		ws = wb.create_sheet(sheet_title(COVER_TITLE, taken))
		ws.merge_cells("A1:F1")
		ws["A1"] = f"{TITLE}：{COVER_TITLE}"
		ws["A1"].font = Font(name="黑体", size=14)
		ws["A2"] = (
			f"以下{len(cover.unfiled)}个区县尚未报送推荐汇总表，本工作簿不含其项目" if cover.unfiled
			else "各区县均已报送推荐汇总表"
		)
		ws["A2"].font = body_font
		for i, header in enumerate(COVER_HEADERS, start=1):
			cell = ws.cell(row=3, column=i, value=header)
			cell.font, cell.alignment, cell.border = header_font, center, border
			ws.column_dimensions[get_column_letter(i)].width = (6, 12, 26, 22, 16, 18)[i - 1]
		for r, u in enumerate(cover.unfiled, start=4):
			values = (r - 3, u["district"], u["bureau_name"], u["status"], u["projects"], u["recommended"])
			for i, value in enumerate(values, start=1):
				cell = ws.cell(row=r, column=i, value=value)
				cell.font, cell.border, cell.alignment = body_font, border, center
	for s in sheets or ([] if cover is not None else [Sheet("推荐汇总表", "")]):
		ws = wb.create_sheet(sheet_title(s.district, taken))
		ws["A1"] = ANNEX
		ws["A1"].font = Font(name="黑体", size=14)
		ws.merge_cells(f"A2:{last}2")
		ws["A2"] = sheet_heading(s)
		ws["A2"].font = Font(name="方正小标宋简体", size=18)
		ws["A2"].alignment = Alignment(horizontal="center", vertical="center")
		ws.row_dimensions[2].height = 36
		ws.merge_cells("A3:F3")
		ws["A3"] = f"推荐单位（盖章）：{s.bureau_name}"
		ws.merge_cells(f"G3:{last}3")
		ws["G3"] = f"填表时间：{fmt.cn_date(s.fill_date, blank_year=s.year)}"
		ws["G3"].alignment = Alignment(horizontal="right", vertical="center")
		for cell in (ws["A3"], ws["G3"]):
			cell.font = Font(name="仿宋_GB2312", size=12)
		ws.row_dimensions[3].height = 24
		for i, col in enumerate(COLUMNS, start=1):
			cell = ws.cell(row=4, column=i, value=col.header)
			cell.font, cell.alignment, cell.border = header_font, center, border
			ws.column_dimensions[get_column_letter(i)].width = col.width
		ws.row_dimensions[4].height = 42
		for r, row in enumerate(s.rows, start=5):
			for i, col in enumerate(COLUMNS, start=1):
				value = row.get(col.key)
				cell = ws.cell(row=r, column=i, value=None if value == "" else value)
				if is_formula(value):
					cell.data_type = "s"  # applicants' text stays text: never a live formula
				number_format = col.number_format if col.number_format and isinstance(value, int | float) else None
				key = (col.align, number_format)
				if key in body_styles:
					# The style registered for the first such cell, copied: assigning font, border and
					# alignment object by object hashes them every time (most of a 10,000-row workbook's time).
					cell._style = copy(body_styles[key])
					continue
				cell.font, cell.border, cell.alignment = body_font, border, aligns[col.align]
				if number_format:
					cell.number_format = number_format
				body_styles[key] = copy(cell._style)
		ws.freeze_panes = "A5"
		ws.print_title_rows = "4:4"
		ws.page_setup.orientation = "landscape"
		ws.page_setup.paperSize = ws.PAPERSIZE_A4
		ws.page_setup.fitToWidth = 1
		ws.page_setup.fitToHeight = 0
		ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
		ws.print_options.horizontalCentered = True
		ws.page_margins.left = ws.page_margins.right = 0.75
		ws.page_margins.top, ws.page_margins.bottom = 0.9, 0.8
		ws.oddFooter.center.text = "第 &P 页，共 &N 页"
	out = io.BytesIO()
	wb.save(out)
	return out.getvalue()
