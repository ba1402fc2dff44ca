"""Small real files for the demo applications, drawn with Pillow: A4 “scans” saved as PDF (the signed
承诺书, the 竣工验收意见 as completion proof, a 投资情况说明, a 名称变更情况说明) and PNG screenshots of
the system at work.

A scan is what applicants upload (a stamped paper page), so a raster page in a PDF is the realistic
form, and drawing one takes about 50 ms where a WeasyPrint render with an embedded CJK font takes
about 300 ms. Every page carries a grey “演示材料 仅供测试” watermark; seals bear only the (invented)
applicant unit's name, never a public authority's.

Pure: no site access. Fonts come from the Debian packages scripts/lib/common.sh installs (Fandol
from texlive-lang-chinese, else AR PL, else Noto CJK); without any CJK font the pages are still
valid files, only with boxes for the characters.
"""

import io
import math
import os
import random
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

FANDOL = "/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
FONT_FILES = {
	"fang": (f"{FANDOL}/FandolFang-Regular.otf", "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"),
	"hei": (f"{FANDOL}/FandolHei-Regular.otf", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
	"kai": (f"{FANDOL}/FandolKai-Regular.otf", "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"),
}
for _kind in FONT_FILES:
	FONT_FILES[_kind] += (
		"/usr/share/fonts/truetype/arphic/uming.ttc",
		"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
	)

# An A4 page at 100 dpi: readable, and about 70 KB as a JPEG-compressed PDF page.
DPI = 100
A4 = (827, 1169)
MARGIN = 100
PAPER = (252, 251, 247)
INK = (28, 28, 30)
SEAL_RED = (214, 32, 36, 215)
NO_LINE_START = "，。、；：！？）》」』”’〕】…%"

WATERMARK = "演示材料　仅供测试"


@lru_cache(maxsize=32)
def font(kind: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
	for path in FONT_FILES[kind]:
		if os.path.exists(path):
			return ImageFont.truetype(path, size)
	return ImageFont.load_default()


def wrap(draw: ImageDraw.ImageDraw, text: str, face, width: int) -> list[str]:
	"""Lines of at most `width` pixels, never starting with closing punctuation (避头点)."""
	lines, line, line_width = [], "", 0.0
	for ch in text:
		w = draw.textlength(ch, font=face)
		if line and line_width + w > width and ch not in NO_LINE_START:
			lines.append(line)
			line, line_width = "", 0.0
		line += ch
		line_width += w
	if line:
		lines.append(line)
	return lines


@lru_cache(maxsize=1)
def _watermark_mask() -> Image.Image:
	mask = Image.new("L", A4, 0)
	ImageDraw.Draw(mask).text((A4[0] / 2, A4[1] / 2), WATERMARK, font=font("hei", 64), fill=55, anchor="mm")
	return mask.rotate(30)


def seal(text: str, radius: int = 84) -> Image.Image:
	"""A round red seal: the unit's name along the upper arc, a five-pointed star in the middle."""
	size = 2 * radius + 8
	layer = Image.new("RGBA", (size, size), (0, 0, 0, 0))
	draw = ImageDraw.Draw(layer)
	c = size / 2
	draw.ellipse((c - radius, c - radius, c + radius, c + radius), outline=SEAL_RED, width=5)
	star = []
	for i in range(10):
		a = -math.pi / 2 + i * math.pi / 5
		r = radius * (0.3 if i % 2 == 0 else 0.12)
		star.append((c + r * math.cos(a), c + r * math.sin(a)))
	draw.polygon(star, fill=SEAL_RED)
	glyph_font = font("hei", max(16, min(24, int(radius * 4.2 / max(len(text), 1)))))
	span = math.radians(min(250, 21 * len(text)))
	for i, ch in enumerate(text):
		a = -math.pi / 2 - span / 2 + span * (i + 0.5) / len(text)
		glyph = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
		ImageDraw.Draw(glyph).text((16, 16), ch, font=glyph_font, fill=SEAL_RED, anchor="mm")
		glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
		x, y = c + (radius - 21) * math.cos(a), c + (radius - 21) * math.sin(a)
		layer.alpha_composite(glyph, (int(x - 16), int(y - 16)))
	return layer


class Page:
	"""One A4 page being written top to bottom."""

	def __init__(self, rng: random.Random):
		self.rng = rng
		self.image = Image.new("RGB", A4, PAPER)
		self.image.paste((150, 150, 150), mask=_watermark_mask())
		self.draw = ImageDraw.Draw(self.image)
		self.y = 130

	def title(self, text: str, size: int = 30):
		self.draw.text((A4[0] / 2, self.y), text, font=font("hei", size), fill=INK, anchor="mm")
		self.y += 70

	def line(self, text: str, indent: bool = False, size: int = 20, kind: str = "fang"):
		face = font(kind, size)
		for row in wrap(self.draw, ("　　" if indent else "") + text, face, A4[0] - 2 * MARGIN):
			self.draw.text((MARGIN, self.y), row, font=face, fill=INK)
			self.y += int(size * 1.8)
		self.y += 6

	def paragraph(self, text: str):
		self.line(text, indent=True)

	def table(self, header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]):
		face = font("fang", 18)
		x0, row_height = MARGIN, 40
		for r, cells in enumerate([header, *rows]):
			x = x0
			for cell, width in zip(cells, widths, strict=True):
				self.draw.rectangle((x, self.y, x + width, self.y + row_height), outline=INK, width=1)
				self.draw.text(
					(x + width / 2, self.y + row_height / 2),
					cell,
					font=font("hei", 18) if r == 0 else face,
					fill=INK,
					anchor="mm",
				)
				x += width
			self.y += row_height
		self.y += 20

	def signature(self, label: str, signed_on: date, seal_text: str | None = None, signer: str | None = None):
		"""The closing block on the right: who signs (with a seal or a handwritten name) and the date."""
		x = A4[0] - MARGIN - 300
		self.y += 40
		face = font("fang", 20)
		self.draw.text((x, self.y), label, font=face, fill=INK)
		if signer:
			self.draw.text(
				(x + self.draw.textlength(label, font=face) + 8, self.y - 8),
				signer,
				font=font("kai", 30),
				fill=(25, 45, 120),
			)
		self.draw.text(
			(x, self.y + 50), f"{signed_on.year}年{signed_on.month}月{signed_on.day}日", font=face, fill=INK
		)
		if seal_text:
			stamp = seal(seal_text).rotate(self.rng.uniform(-12, 12), resample=Image.BICUBIC)
			cx, cy = x + 150 + self.rng.randrange(-15, 15), self.y + 30 + self.rng.randrange(-10, 10)
			self.image.paste(stamp, (int(cx - stamp.width / 2), int(cy - stamp.height / 2)), stamp)
		self.y += 110

	def pdf(self) -> bytes:
		out = io.BytesIO()
		self.image.save(out, "PDF", resolution=float(DPI), quality=65)
		return out.getvalue()


PLEDGE_TEXT = (
	"我单位申报的“{project}”项目申请材料内容和所附资料均真实、合法、完整、准确，不存在任何虚假记载、误导性陈述或者重大遗漏。"
	"企业信用状况良好，未被列入失信联合惩戒对象名单。不属于《关于建立财政涉企资金“绿色门槛”制度的实施意见》（鲁财资环〔2019〕11号）"
	"规定的不予支持范围。近二年未发生较大及以上安全生产事故。我单位对所提交的项目内容负有保密责任，按照国家相关保密规定，"
	"所提交的项目内容未涉及国家秘密、个人信息和其他敏感信息。我单位同意将以上承诺事项纳入信用档案，并作为事中事后监管的参考。"
	"如违反以上承诺，自愿终止享受有关扶持政策，并依法依规接受约束和惩戒。"
)


def pledge_pdf(rng: random.Random, bureau: str, project: str, unit: str, signed_on: date) -> bytes:
	"""申报材料真实性承诺书, signed and stamped by the unit (the official text of 附件1 四)."""
	page = Page(rng)
	page.title("申报材料真实性承诺书")
	page.line(f"{bureau}：")
	page.paragraph(PLEDGE_TEXT.format(project=project))
	page.paragraph("特此声明！")
	page.signature("单位（盖章）：", signed_on, seal_text=unit)
	return page.pdf()


def stamped_summary_pdf(rng: random.Random, bureau: str, district: str, projects: list[tuple[str, str]], signed_on: date) -> bytes:
	"""The scan of a district's 推荐汇总表 as sent to the city, stamped by the recommending bureau."""
	page = Page(rng)
	page.title("智慧泉城创新应用大赛推荐汇总表")
	page.line(f"推荐单位：{bureau}（{district}）")
	page.table(("序号", "项目名称", "申报单位"), [(str(i), p[:16], u[:14]) for i, (p, u) in enumerate(projects[:18], 1)],
		(70, 330, 227))
	page.signature("推荐单位（盖章）：", signed_on, seal_text=bureau)
	return page.pdf()


def stamped_application_pdf(rng: random.Random, bureau: str, project: str, unit: str, signed_on: date) -> bytes:
	"""The scan of a 申报书's cover as stamped by the unit and its recommending bureau."""
	page = Page(rng)
	page.title("智慧泉城创新应用大赛申报书")
	page.line(f"项目名称：{project}")
	page.line(f"申报单位：{unit}")
	page.signature("申报单位（盖章）：", signed_on, seal_text=unit)
	page.signature("推荐单位（盖章）：", signed_on, seal_text=bureau)
	return page.pdf()


def completion_proof_pdf(
	rng: random.Random,
	project: str,
	unit: str,
	owner: str,
	modules: list[str],
	accepted_on: date,
	leader: str,
) -> bytes:
	"""项目竣工验收意见: the completion proof the plan requires, a copy stamped by the applicant unit."""
	page = Page(rng)
	page.title("项目竣工验收意见")
	page.paragraph(
		f"{accepted_on.year}年{accepted_on.month}月{accepted_on.day}日，{owner}组织专家对{unit}承建的“{project}”进行了竣工验收。"
		"验收组听取了项目建设情况汇报，审阅了技术文档，进行了现场测试和质询，形成验收意见如下："
	)
	page.paragraph(f"一、项目完成了合同约定的{'、'.join(modules)}等全部建设内容。")
	page.paragraph("二、系统功能和性能指标达到合同及技术规范要求，试运行期间系统运行稳定。")
	page.paragraph("三、项目技术文档和管理资料齐全，符合归档要求。")
	page.paragraph("验收组一致同意该项目通过竣工验收。")
	page.signature("验收组组长（签字）：", accepted_on, signer=leader)
	page.signature("参赛单位（盖章）：", accepted_on, seal_text=unit)
	return page.pdf()


def investment_statement_pdf(
	rng: random.Random, project: str, unit: str, amount: float, signed_on: date
) -> bytes:
	"""项目投资情况说明 with a breakdown that adds up to the declared investment."""
	items = ("硬件设备购置", "软件开发", "系统集成与实施", "数据治理与服务", "其他费用")
	weights = [rng.uniform(0.5, 3) for _ in items]
	parts = [round(amount * w / sum(weights), 2) for w in weights]
	parts[-1] = round(amount - sum(parts[:-1]), 2)
	page = Page(rng)
	page.title("项目投资情况说明")
	page.paragraph(f"“{project}”项目总投资{amount:g}万元，资金已全部到位并按计划使用完毕。具体投资构成如下：")
	rows = [
		(str(i), item, f"{value:.2f}")
		for i, (item, value) in enumerate(zip(items, parts, strict=True), start=1)
	]
	page.table(("序号", "投资内容", "金额（万元）"), [*rows, ("", "合计", f"{amount:.2f}")], (90, 347, 190))
	page.paragraph("以上情况属实，相关合同、发票等财务凭证备查。")
	page.signature("单位（盖章）：", signed_on, seal_text=unit)
	return page.pdf()


def name_change_pdf(rng: random.Random, unit: str, former: str, uscc: str, changed_on: date) -> bytes:
	"""单位名称变更情况说明, for a unit whose name changed (the 工商注册变更登记材料 slot)."""
	page = Page(rng)
	page.title("单位名称变更情况说明")
	page.paragraph(
		f"我单位原名称为“{former}”，经市场监督管理部门核准，于{changed_on.year}年{changed_on.month}月{changed_on.day}日"
		f"变更为“{unit}”，统一社会信用代码{uscc}保持不变。"
	)
	page.paragraph(
		"单位名称变更前后，单位的法律主体、资质及债权债务关系均保持不变。附：准予变更登记通知书复印件。"
	)
	page.paragraph("特此说明。")
	page.signature("单位（盖章）：", changed_on, seal_text=unit)
	return page.pdf()


# --- screenshots ---------------------------------------------------------------------------------------

SCREEN = (1200, 675)
DARK = (9, 27, 52)
PANEL = (17, 45, 82)
ACCENT = ((38, 198, 218), (255, 183, 77), (102, 187, 106), (239, 83, 80))
TEXT = (226, 236, 248)
MUTED = (140, 165, 195)
EVENTS = ("事件上报", "工单派发", "处置完成", "核查通过", "预警推送", "服务评价", "数据同步")


def screenshot_png(rng: random.Random, system: str, kpis: list[tuple[str, str]], variant: int = 0) -> bytes:
	"""A monitoring screen of the system: a title bar, four figures, a bar chart of the last twelve
	months, a trend line and the latest events. `variant` changes the layout a little."""
	img = Image.new("RGB", SCREEN, DARK)
	draw = ImageDraw.Draw(img)
	w, h = SCREEN
	draw.rectangle((0, 0, w, 64), fill=PANEL)
	draw.text(
		(w / 2, 32),
		f"{system} · {'运行监测' if variant == 0 else '数据分析'}",
		font=font("hei", 28),
		fill=TEXT,
		anchor="mm",
	)
	draw.text((w - 24, 32), "演示数据", font=font("hei", 16), fill=MUTED, anchor="rm")
	card_w = (w - 5 * 24) / 4
	for i, (label, value) in enumerate((kpis + [("在线用户", f"{rng.randrange(300, 9000)}人")] * 4)[:4]):
		x = 24 + i * (card_w + 24)
		draw.rounded_rectangle((x, 88, x + card_w, 188), radius=10, fill=PANEL)
		draw.text((x + 18, 104), label[:12], font=font("hei", 18), fill=MUTED)
		draw.text((x + 18, 134), value[:12], font=font("hei", 32), fill=ACCENT[i % 4])
	# Bars: the last twelve months.
	chart = (24, 212, 760 if variant == 0 else 580, 650)
	draw.rounded_rectangle(chart, radius=10, fill=PANEL)
	draw.text((chart[0] + 18, chart[1] + 14), "近12个月业务量", font=font("hei", 18), fill=TEXT)
	values = [rng.uniform(0.35, 1.0) for _ in range(12)]
	base, top = chart[3] - 40, chart[1] + 60
	slot = (chart[2] - chart[0] - 40) / 12
	for i, v in enumerate(values):
		x = chart[0] + 20 + i * slot
		draw.rectangle((x + slot * 0.2, base - v * (base - top), x + slot * 0.8, base), fill=ACCENT[0])
		draw.text((x + slot / 2, base + 18), f"{i + 1}月", font=font("hei", 13), fill=MUTED, anchor="mm")
	trend, level = [], rng.uniform(0.3, 0.6)
	for _ in range(12):
		level = min(0.95, max(0.1, level + rng.uniform(-0.08, 0.12)))
		trend.append(level)
	draw.line(
		[(chart[0] + 20 + (i + 0.5) * slot, base - v * (base - top)) for i, v in enumerate(trend)],
		fill=ACCENT[1],
		width=3,
	)
	# The latest events.
	side = (chart[2] + 24, 212, w - 24, 650)
	draw.rounded_rectangle(side, radius=10, fill=PANEL)
	draw.text((side[0] + 18, side[1] + 14), "实时动态", font=font("hei", 18), fill=TEXT)
	y = side[1] + 56
	while y < side[3] - 30:
		stamp = f"{rng.randrange(8, 18):02d}:{rng.randrange(0, 60):02d}"
		draw.text((side[0] + 18, y), stamp, font=font("hei", 15), fill=MUTED)
		draw.text(
			(side[0] + 80, y),
			f"{rng.choice(EVENTS)} · 编号{rng.randrange(10000, 99999)}",
			font=font("hei", 15),
			fill=TEXT,
		)
		y += 34
	out = io.BytesIO()
	img.save(out, "PNG", optimize=False, compress_level=6)
	return out.getvalue()


# --- one unit's files at once (what the builder draws ahead, on a second thread) -------------------------


@dataclass(frozen=True)
class Spec:
	"""Everything one applicant's files show, as plain data."""

	seed: int
	project: str
	unit: str
	uscc: str
	bureau: str  # the district bureau the pledge is addressed to
	acceptor: str  # who organised the 竣工验收
	modules: tuple[str, ...]
	accepted_on: date
	leader: str
	signed_on: date
	kpis: tuple[tuple[str, str], ...]
	images: int
	pledge: bool
	investment: float | None = None  # a 项目投资情况说明 of this amount
	former_name: str | None = None
	name_changed_on: date | None = None
	fixed_proof_on: date | None = None  # a supplementary 验收意见 for a resubmission


def render(spec: Spec) -> dict:
	"""{"completion_proof", "signed_pledge", "images", "investment_statement", "name_change_proof",
	"fixed_proof"} → bytes (a list for images; None for what the spec does not ask for)."""
	rng = random.Random(spec.seed)
	out = {
		"completion_proof": completion_proof_pdf(
			rng, spec.project, spec.unit, spec.acceptor, list(spec.modules), spec.accepted_on, spec.leader
		),
		"signed_pledge": pledge_pdf(rng, spec.bureau, spec.project, spec.unit, spec.signed_on)
		if spec.pledge
		else None,
		"images": [
			screenshot_png(rng, spec.project, list(spec.kpis), variant) for variant in range(spec.images)
		],
		"investment_statement": investment_statement_pdf(
			rng, spec.project, spec.unit, spec.investment, spec.signed_on
		)
		if spec.investment is not None
		else None,
		"name_change_proof": name_change_pdf(
			rng, spec.unit, spec.former_name, spec.uscc, spec.name_changed_on
		)
		if spec.former_name
		else None,
		"fixed_proof": completion_proof_pdf(
			rng, spec.project, spec.unit, spec.acceptor, list(spec.modules), spec.fixed_proof_on, spec.leader
		)
		if spec.fixed_proof_on
		else None,
	}
	return out
