"""The demo edition on paper: who applies, with what, and how far each application gets.

Pure: everything is drawn from one random.Random, so the same seed gives the same edition, and
nothing here touches a site (tests/unit/test_demo_content.py checks it against the app's rules).
The builder (builder.py) turns a plan into documents through the real workflow.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from smart_city_contest.demo import places
from smart_city_contest.demo.themes import (
	FOR_CATEGORY,
	GENERIC_METRICS,
	OTHER,
	OTHER_METRICS,
	SATISFACTION,
	THEMES,
	THEMES_BY_KEY,
	Metric,
	Theme,
)
from smart_city_contest.rules.completeness import REQUIRED_LEVEL_1
from smart_city_contest.rules.indicators import official_order
from smart_city_contest.rules.text_limits import PROJECT_SUMMARY_MAX, UNIT_PROFILE_MAX, counted_length
from smart_city_contest.rules.uscc import ALPHABET, with_check_digit

DOMAIN = "demo.example.com"  # every demo account's e-mail domain (reserved, never delivered)

ENTERPRISE, UNIVERSITY, INSTITUTE, PUBLIC_INSTITUTION = "企业", "高等院校", "科研院所", "其他事业单位"

# How far an application gets (the builder drives each one there).
DRAFT = "draft"  # saved, never submitted (申报截止后仍为草稿)
PENDING = "pending"  # submitted; its district never reviewed it (district not filed)
RETURNED = "returned"  # returned for changes, not resubmitted in time
RESUBMITTED = "resubmitted"  # returned, fixed, resubmitted and recommended, then filed
REJECTED = "rejected"  # 不予推荐
RECOMMENDED_UNFILED = "recommended_unfiled"  # recommended, but the district never filed
FILED = "filed"  # recommended and filed: reviewed by the experts, then awarded or not
FATES = (DRAFT, PENDING, RETURNED, RESUBMITTED, REJECTED, RECOMMENDED_UNFILED, FILED)


@dataclass(frozen=True)
class DistrictInfo:
	name: str
	division_code: str | None
	bureau_name: str
	position: int  # sort order, for districts the demo does not know by name


@dataclass
class Account:
	email: str
	full_name: str
	roles: tuple[str, ...]
	districts: tuple[str, ...] = ()


@dataclass
class UnitPlan:
	index: int  # 1-based
	district: str
	category: str
	theme: str
	account: Account
	unit: dict  # Participant Unit fields
	project: dict  # Contest Project fields (without contest, unit and files)
	quality: float  # how good the project is (drives the experts' scores)
	fate: str = FILED
	modules: list[str] = field(default_factory=list)  # what the project built (for the 验收意见)
	former_name: str | None = None  # the unit changed its name: it uploads the 变更登记材料
	extra_images: int = 0  # screenshots beyond the first
	investment_statement: bool = False  # a 项目投资情况说明 among the attachments
	return_reason: str | None = None
	reject_reason: str | None = None


@dataclass
class ExpertPlan:
	account: Account
	expert_name: str
	organisation: str
	professional_title: str
	phone: str
	expertise: tuple[str, ...]  # Review Expert check fields
	expertise_notes: str
	bias: float  # how strict (−) or generous (+) the expert scores
	conflicts: list[tuple[int, str]] = field(default_factory=list)  # (unit index, reason)


@dataclass
class EditionPlan:
	admin: Account
	reviewers: dict[str, Account]  # district → reviewer account
	units: list[UnitPlan]
	experts: list[ExpertPlan]
	unfiled_districts: tuple[str, ...]


# --- people and accounts ---------------------------------------------------------------------------


def email(local: str) -> str:
	return f"{local}@{DOMAIN}"


def admin_account(rng: random.Random) -> Account:
	return Account(email("cityadmin"), places.person(rng), ("Contest Admin",))


def reviewer_accounts(rng: random.Random, districts: list[DistrictInfo]) -> dict[str, Account]:
	return {
		d.name: Account(
			email(f"reviewer-{places.place(d.name, d.position).login}"),
			places.person(rng),
			("District Reviewer",),
			(d.name,),
		)
		for d in districts
	}


# --- units ------------------------------------------------------------------------------------------

BRANDS = (
	"泉睿 泺源 华岳 明湖 舜联 齐智 鲁谷 海岱 云泉 趵泉 金泉 汇泉 百脉 鹊华 漱玉 芙蓉 五龙 琵琶 濯缨 玛瑙 "
	"腾蛟 甘露 锦屏 龙山 凤鸣 朗润 睿驰 智擎 星图 中睿 天衡 恒拓 博远 瀚海 聚信 云启 鼎新 凯捷 泓泰 弘毅 "
	"启明 致远 同舟 历山 千佛 大明 鹊山 卧龙 玉函 经纬 泉通 泉安 泉数 泉联 舜华 舜禾 华泺 汇智 澄明 清源 "
	"嘉禾 润泽 普惠 数衡 智汇 云帆 星河 北辰 东岳 泰和 明泉 金线 柳絮 白石 九如 浆水 皇华 卧牛 黑虎 珍珠 "
	"华泉 泉韵 融智 瑞泽 景岳 弘道 恒远 泰岳 汇川 博睿 思源 鸿瑞 海右 泉华 长风 远航 盛泉 锦程 天成 宏图 "
	"中联 卓信 汇通 信达 华誉 佳禾 众成 聚力 嘉诚 祥泰 康宁 安泰 德润 丰泽 和信 瑞丰 金桥 银河 鲁星 齐云"
).split()
ENTERPRISE_SUFFIXES = ("有限公司",) * 15 + ("股份有限公司",) * 4 + ("集团有限公司",)
UNIVERSITY_KINDS = ("科技大学", "理工学院", "信息职业学院", "工程大学", "科技职业学院", "交通学院", "医学院")
INSTITUTE_FIELDS = (
	"数字技术",
	"智能科学",
	"城市数据",
	"交通智能",
	"工业互联网",
	"空天信息",
	"智能传感",
	"生态环境",
)
PUBLIC_FIELDS = (
	"智慧城市运行保障",
	"数字乡村发展服务",
	"大数据应用服务",
	"政务服务保障",
	"社会治理服务",
	"应急保障",
)
CONTACT_TITLES = {
	ENTERPRISE: ("总经理", "副总经理", "技术总监", "项目经理", "市场部经理", "综合办主任", "解决方案部经理"),
	UNIVERSITY: ("科研处处长", "信息化办公室主任", "副院长", "科技处副处长"),
	INSTITUTE: ("副院长", "科研管理部主任", "总工程师", "项目负责人"),
	PUBLIC_INSTITUTION: ("副主任", "科长", "信息科科长", "综合科科长"),
}
HONORS = (
	"国家高新技术企业",
	"山东省“专精特新”中小企业",
	"济南市“瞪羚”企业",
	"山东省软件工程技术中心",
	"济南市企业技术中心",
	"信息系统建设和服务能力等级证书（CS3）",
	"CMMI三级认证",
	"ISO 27001信息安全管理体系认证",
	"山东省数字经济重点项目承担单位",
)


def _gb11714_check(code8: str) -> str:
	"""The check character of a 9-character 组织机构代码 (GB 11714), as the USCC's 9th-17th characters hold it."""
	weights = (3, 7, 9, 10, 5, 8, 4, 2)
	total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(code8, weights, strict=True))
	check = 11 - total % 11
	return {10: "X", 11: "0"}.get(check, str(check))


def uscc(rng: random.Random, category: str, division_code: str | None, taken: set[str]) -> str:
	"""A valid 统一社会信用代码: 91 (市场监管登记的企业) or 12 (机构编制登记的事业单位), the district's
	6-digit division code (Jinan's 370100 for a functional zone), a 组织机构代码 with its own GB 11714
	check character, and the GB 32100 check digit."""
	letters = [c for c in ALPHABET if c.isalpha()]
	while True:
		if category == ENTERPRISE:
			code8 = (
				"MA"
				+ rng.choice("3456789")
				+ "".join(rng.choice(ALPHABET[:10] + "".join(letters)) for _ in range(5))
			)
		else:
			code8 = "4" + "".join(rng.choice("0123456789") for _ in range(7))
		head = ("91" if category == ENTERPRISE else "12") + (division_code or "370100")
		number = with_check_digit(head + code8 + _gb11714_check(code8))
		if number not in taken:
			taken.add(number)
			return number


def unit_name(
	rng: random.Random, category: str, theme: Theme, district: str, used: set[str], used_brands: set[str]
) -> tuple[str, str]:
	"""A unit name of the category's usual form, and its 字号 (brand) for naming its products."""
	fresh = [b for b in BRANDS if b not in used_brands]
	for _ in range(200):
		brand = rng.choice(fresh or BRANDS)
		if category == ENTERPRISE:
			prefix = "济南" if rng.random() < 0.7 else "山东"
			name = f"{prefix}{brand}{rng.choice(theme.industries)}{rng.choice(ENTERPRISE_SUFFIXES)}"
		elif category == UNIVERSITY:
			name = f"{rng.choice(('山东', '济南'))}{brand}{rng.choice(UNIVERSITY_KINDS)}"
		elif category == INSTITUTE:
			name = f"{rng.choice(('济南', '山东'))}{brand}{rng.choice(INSTITUTE_FIELDS)}研究院"
		else:
			name = f"{places.place(district).owner_prefix}{rng.choice(PUBLIC_FIELDS)}中心"
		if name not in used:
			used.add(name)
			if category != PUBLIC_INSTITUTION:
				used_brands.add(brand)
			return name, (brand if category != PUBLIC_INSTITUTION else "泉城")
	raise RuntimeError("ran out of unit names")


def fit(parts: list[str], limit: int) -> str:
	"""Join sentences, dropping the last optional ones until the text is within `limit` characters."""
	while len(parts) > 1 and counted_length("".join(parts)) > limit:
		parts = parts[:-1]
	return "".join(parts)


def unit_profile(
	rng: random.Random, name: str, category: str, theme: Theme, founded: int, capital: float
) -> str:
	staff = rng.randrange(40, 900)
	if category == ENTERPRISE:
		parts = [
			f"{name}成立于{founded}年，注册资本{capital:g}万元，现有员工{staff}人，其中研发人员占比{rng.randrange(35, 75)}%。",
			f"公司专注于{theme.key}领域的软件研发、系统集成和运营服务，主要产品包括{theme.products}。",
			f"拥有软件著作权{rng.randrange(12, 160)}项、发明专利{rng.randrange(2, 40)}项，",
			f"是{rng.choice(HONORS[:4])}。",
		]
	elif category == UNIVERSITY:
		parts = [
			f"{name}始建于{founded}年，是全日制普通高等学校，现有在校生{rng.randrange(80, 320) * 100}余人。",
			f"学校设有信息科学与工程学院和智慧城市研究中心，长期开展{theme.key}方向的应用研究，",
			f"近五年承担国家和省部级科研项目{rng.randrange(20, 120)}项，获省级科技奖励{rng.randrange(3, 15)}项。",
		]
	elif category == INSTITUTE:
		parts = [
			f"{name}成立于{founded}年，是从事{theme.key}等领域应用研究和成果转化的新型研发机构，",
			f"现有科研人员{staff}人，其中博士{rng.randrange(10, 80)}人，",
			f"建有省级工程研究中心{rng.randrange(1, 4)}个，累计转化科技成果{rng.randrange(15, 90)}项。",
		]
	else:
		parts = [
			f"{name}是公益一类事业单位，主要承担辖区{theme.key}相关信息系统的建设、运行保障和数据管理工作，",
			f"现有工作人员{rng.randrange(20, 90)}人，",
			"近年来牵头建设了多个智慧城市应用系统，在提升城市治理和公共服务水平方面发挥了重要作用。",
		]
	return fit(parts, UNIT_PROFILE_MAX)


def plan_unit(
	rng: random.Random,
	index: int,
	district: DistrictInfo,
	category: str,
	used_names: set[str],
	used_usccs: set[str],
	today: date,
	used_brands: set[str] | None = None,
) -> tuple[dict, Theme, str]:
	"""A unit's fields (申报表 block one), the theme it applies with and its 字号."""
	theme = rng.choice(
		[THEMES_BY_KEY[k] for k in FOR_CATEGORY[category]] if category in FOR_CATEGORY else THEMES
	)
	name, brand = unit_name(
		rng, category, theme, district.name, used_names, used_brands if used_brands is not None else set()
	)
	founded = rng.randrange(1998 if category == ENTERPRISE else 1958, today.year - 3)
	enterprise = category == ENTERPRISE
	capital = float(
		rng.choice((500, 1000, 2000, 3000, 5000, 8000, 10000, 20000))
		if enterprise
		else rng.randrange(200, 5000)
	)
	total_assets = round(capital * rng.uniform(1.5, 8), 2)
	revenue_previous = round(total_assets * rng.uniform(0.4, 1.6), 2) if enterprise else 0.0
	revenue_current = round(revenue_previous * rng.uniform(0.85, 1.35), 2)
	unit = {
		"unit_name": name,
		"uscc": uscc(rng, category, district.division_code, used_usccs),
		"district": district.name,
		"unit_category": category,
		"enterprise_nature": rng.choices(("民营", "国有", "三资"), (75, 20, 5))[0] if enterprise else None,
		"registered_capital": capital,
		"address": places.address(rng, district.name, district.position),
		"legal_representative": places.person(rng),
		"contact_name": places.person(rng),
		"contact_title": rng.choice(CONTACT_TITLES[category]),
		"contact_phone": places.office_phone(rng),
		"contact_mobile": places.mobile(rng),
		"contact_email": email(f"unit{index:03d}"),
		"total_assets": total_assets,
		"debt_ratio": round(rng.uniform(18, 68), 2),
		"revenue_previous_year": revenue_previous,
		"revenue_current_year": revenue_current if enterprise else 0.0,
		"net_profit_previous_year": round(revenue_previous * rng.uniform(-0.05, 0.18), 2)
		if enterprise
		else 0.0,
		"net_profit_current_year": round(revenue_current * rng.uniform(-0.08, 0.2), 2) if enterprise else 0.0,
		"unit_profile": unit_profile(rng, name, category, theme, founded, capital),
		"decl_local_entity": 1,
		"decl_independent_legal_person": 1,
		"decl_no_environmental_violation": 1,
		"decl_no_safety_accident": 1,
		"decl_not_dishonest": 1,
	}
	return unit, theme, brand


# --- projects ---------------------------------------------------------------------------------------


def _number(value: float) -> str:
	return f"{value:g}" if value >= 100 or value == int(value) else f"{value:.1f}"


def indicator_row(rng: random.Random, metric: Metric) -> tuple[dict, str | None]:
	"""A 绩效指标 row from `metric` (a target within its range and a plausible achievement), and the
	achievement as a phrase for the report's prose (None for a row written as text)."""
	row = {
		"level_1": metric.level_1,
		"level_2": metric.level_2,
		"level_1_other": metric.level_1_other,
		"level_2_other": metric.level_2_other,
		"indicator_content": metric.content,
	}
	if metric.kind == "text":
		row.update(indicator_value=metric.lo, completion=metric.hi)
		return row, None
	lo, hi = float(metric.lo), float(metric.hi)
	if metric.kind == "count":
		target = rng.randrange(int(lo), int(hi) + 1)
		step = 10 ** max(0, len(str(target)) - 2)
		target = max(step, target // step * step)
		achieved = int(target * rng.uniform(1.0, 1.25))
		row.update(indicator_value=f"≥{target}{metric.unit}", completion=f"{achieved}{metric.unit}")
		phrase = f"{metric.content}达{achieved}{metric.unit}"
	elif metric.kind == "rate":
		target = round(rng.uniform(lo, hi), 1)
		achieved = min(99.99, round(target + rng.uniform(0.1, (100 - target) * 0.8), 2))
		row.update(indicator_value=f"≥{_number(target)}%", completion=f"达到{achieved:g}%")
		phrase = f"{metric.content}达到{achieved:g}%"
	elif metric.kind == "pct":
		target = rng.randrange(int(lo), int(hi) + 1)
		achieved = round(target * rng.uniform(1.0, 1.3), 1)
		row.update(indicator_value=f"{metric.verb}{target}%", completion=f"{metric.verb}{achieved:g}%")
		phrase = f"{metric.content}{metric.verb}{achieved:g}%"
	elif metric.kind == "within":
		target = rng.randrange(int(lo), int(hi) + 1)
		achieved = round(target * rng.uniform(0.55, 0.95), 1)
		row.update(indicator_value=f"≤{target}{metric.unit}", completion=f"{achieved:g}{metric.unit}")
		phrase = f"{metric.content}为{achieved:g}{metric.unit}"
	else:
		raise ValueError(f"unknown metric kind {metric.kind!r}")
	return row, phrase


def indicator_rows(rng: random.Random, theme: Theme) -> tuple[list[dict], list[str]]:
	"""4 to 8 rows: the theme's own, the generic ones, a satisfaction row and, sometimes, an 其他 row;
	in the order of the official grid. With them, the achievements as phrases for the report."""
	wanted = rng.randrange(4, 9)
	satisfaction = Metric(SATISFACTION, "具体指标", f"{theme.users}满意度", "rate", 88, 95)
	chosen = [rng.choice(theme.metrics), satisfaction]
	pool = [m for m in theme.metrics if m not in chosen] + list(GENERIC_METRICS)
	rng.shuffle(pool)
	# 提交 needs one indicator under each official 一级指标 (rules/completeness.py).
	for level_1 in REQUIRED_LEVEL_1:
		if not any(c.level_1 == level_1 for c in chosen):
			chosen.append(next(m for m in pool if m.level_1 == level_1))
	if rng.random() < 0.35:
		chosen.append(rng.choice(OTHER_METRICS))
	for metric in pool:
		if len(chosen) >= wanted:
			break
		if all(metric.content != c.content for c in chosen):
			chosen.append(metric)
	made = sorted(
		(indicator_row(rng, m) for m in chosen),
		key=lambda rp: official_order(rp[0]["level_1"], rp[0]["level_2"]),
	)
	return [row for row, _p in made], [phrase for _r, phrase in made if phrase]


def cn_date(d: date) -> str:
	return f"{d.year}年{d.month}月{d.day}日"


def cn_month(d: date) -> str:
	return f"{d.year}年{d.month}月"


def _p(*sentences: str) -> str:
	return "<p>" + "".join(sentences) + "</p>"


def project_name(rng: random.Random, theme: Theme, district: str, brand: str, used: set[str]) -> str:
	"""A name of one of the theme's forms: by the district, a 街道 of it, or the unit's own 字号."""
	p = places.place(district)
	for _ in range(100):
		template = rng.choice(theme.names)
		name = template.format(brand=brand, district=district, street=rng.choice(p.streets))
		if name not in used:
			used.add(name)
			return name
	name = f"{name}（{len(used) + 1}期）"
	used.add(name)
	return name


def plan_project(
	rng: random.Random,
	theme: Theme,
	unit: dict,
	brand: str,
	district: DistrictInfo,
	today: date,
	used_names: set[str],
) -> tuple[dict, list[str]]:
	"""The project's fields (申报表 block two, the report, the 绩效评价表) and the modules it built."""
	name = project_name(rng, theme, district.name, brand, used_names)
	unit_name_ = unit["unit_name"]
	owner = f"{places.place(district.name, district.position).owner_prefix}{theme.owner}"
	city_funded = unit["unit_category"] != ENTERPRISE or rng.random() < 0.3
	amount = round(rng.uniform(80, 3200), 2)
	period_end = today - timedelta(days=rng.randrange(60, 540))
	period_start = period_end - timedelta(days=rng.randrange(240, 620))
	months = max(1, round((period_end - period_start).days / 30.4))
	running = max(1, round((today - period_end).days / 30.4))
	modules = rng.sample(theme.modules, k=min(len(theme.modules), rng.randrange(3, 5)))
	module_names = "、".join(m for m, _d in modules)
	indicators, phrases = indicator_rows(rng, theme)
	achieved = "，".join(phrases)
	funding = f"由{owner}以市财政资金投资建设" if city_funded else f"由{unit_name_}自筹资金投资建设"
	summary = fit(
		[
			f"{name}由{unit_name_}承建，{funding}，总投资{amount:g}万元，",
			f"于{cn_month(period_start)}启动建设，{cn_month(period_end)}完成建设并通过验收。",
			f"项目针对{theme.pain}等问题，{theme.approach}。",
			f"项目主要建设{module_names}等{len(modules)}个部分，服务对象为{theme.users}。",
			f"项目投入运行以来，{achieved}，",
			f"{theme.goal.split('，')[0]}的目标基本实现，具有较强的示范带动作用和推广价值。",
		],
		PROJECT_SUMMARY_MAX,
	)
	innovations = rng.sample(theme.innovations, k=min(3, len(theme.innovations)))
	tech = rng.choice(
		(
			"采用微服务架构和容器化部署，支持弹性扩展和灰度发布",
			"全面适配国产CPU、操作系统和数据库，实现关键软硬件自主可控",
			"依托城市大数据平台开展数据共享，避免重复建设",
		)
	)
	ordinal = ("一是", "二是", "三是", "四是")
	fields = {
		"project_name": name,
		**{f: 1 for f in theme.domains},
		"other_domain_name": theme.other_domain if OTHER in theme.domains else None,
		"city_funded": "是" if city_funded else "否",
		"investor_name": owner if city_funded else unit_name_,
		"investment_amount": amount,
		"project_summary": summary,
		"decl_implemented_in_city": 1,
		"decl_completed": 1,
		"overview": _p(
			f"{name}由{unit_name_}承担建设，{owner}为项目使用单位，项目总投资{amount:g}万元，",
			f"建设周期{months}个月，于{cn_date(period_end)}完成建设并投入运行。",
		)
		+ _p(f"项目针对{theme.pain}等问题，{theme.approach}，主要建设{module_names}等内容。"),
		"innovation": _p(*(f"{ordinal[i]}{text}。" for i, text in enumerate([*innovations, tech]))),
		"replicability": _p(
			"项目采用“平台+应用+服务”的模块化架构，核心组件已形成标准化产品，部署和运维文档齐全，",
			"可根据不同区县的需求灵活组合功能模块，具备在全市乃至全省同类场景中复制推广的条件。",
		),
		"background_and_goals": _p(
			"为贯彻《山东省人民政府办公厅关于加快推进新型智慧城市建设的指导意见》（鲁政办字〔2020〕136号），",
			f"落实全市新型智慧城市建设部署，解决{theme.pain}等问题，{owner}组织实施本项目。",
		)
		+ _p(f"项目建设目标：{theme.goal}。"),
		"construction_content": _p("项目主要建设内容包括：")
		+ "".join(_p(f"（{i}）{m}：{d}。") for i, (m, d) in enumerate(modules, start=1)),
		"completion_status": _p(
			f"项目于{cn_date(period_start)}启动建设，{cn_date(period_end)}完成全部建设内容，",
			"经第三方测评和专家验收，系统功能和性能指标均达到合同要求。",
			f"截至申报时，系统已稳定运行{running}个月，具备实地考察条件。",
		),
		"outcomes": _p(f"项目投入运行以来，{achieved}。", f"{theme.goal}的建设目标基本实现。"),
		"promotion_plan": _p(
			f"下一步，{unit_name_}将持续迭代完善平台功能，深化数据共享和智能化应用，{theme.plan}。"
		),
		"project_type": theme.project_type,
		"project_leader": places.person(rng),
		"leader_phone": places.mobile(rng),
		"period_start": period_start.isoformat(),
		"period_end": period_end.isoformat(),
		"unit_functions": f"主要从事{theme.key}等领域的软件研发、系统集成和运营服务。"
		if unit["unit_category"] == ENTERPRISE
		else f"承担{theme.key}相关领域的研究、建设和服务保障职能。",
		"project_scope": f"建设{module_names}，服务{theme.users}。",
		"main_products": theme.products,
		"approval_basis": "《山东省人民政府办公厅关于加快推进新型智慧城市建设的指导意见》（鲁政办字〔2020〕136号）；"
		+ (f"{owner}项目立项批复。" if city_funded else "本单位年度投资计划及董事会（办公会）决议。"),
		"feasibility": f"项目针对{theme.pain}等突出问题，技术路线成熟，建设单位具备相应的技术能力和实施经验，项目建设是必要的、可行的。",
		"performance_goals": f"{theme.goal}。",
		"indicators": indicators,
		"honors": "、".join(rng.sample(HONORS, k=rng.randrange(1, 4)))
		if unit["unit_category"] == ENTERPRISE
		else "无",
		"other_notes": rng.choice(
			("无", "无", "项目涉及的个人信息已按有关规定进行脱敏处理。", "项目已通过网络安全等级保护测评。")
		),
	}
	return fields, [m for m, _d in modules]


# --- the whole edition ---------------------------------------------------------------------------------

RETURN_REASONS = (
	"项目实施完成证明材料未体现项目验收结论，请补充验收材料后重新提交。",
	"绩效评价表中部分指标的“完成情况”未填写具体数值，请核实完善后重新提交。",
	"项目简介中的投资金额与申报表不一致，请核对后重新提交。",
)
REJECT_REASONS = (
	"经实地核查，该项目尚处于试运行阶段，未完成竣工验收，不符合“项目已实施完成且具备实地考察条件”的参赛要求。",
)


def allocate(districts: list[DistrictInfo], count: int) -> list[str]:
	"""Which district each unit sits in: one per district first (when there are enough units), the rest
	by each district's weight (largest remainders), as a list in district order."""
	base = {d.name: (1 if count >= len(districts) else 0) for d in districts}
	rest = count - sum(base.values())
	weights = {d.name: places.place(d.name, d.position).weight for d in districts}
	total = sum(weights.values())
	shares = {n: rest * w / total for n, w in weights.items()}
	extra = {n: int(s) for n, s in shares.items()}
	for name in sorted(shares, key=lambda n: (-(shares[n] - extra[n]), -weights[n], n))[
		: rest - sum(extra.values())
	]:
		extra[name] += 1
	return [d.name for d in districts for _ in range(base[d.name] + extra[d.name])]


def categories(rng: random.Random, count: int) -> list[str]:
	university = max(1, round(count * 0.06))
	institute = max(1, round(count * 0.07))
	public = max(1, round(count * 0.05))
	out = [UNIVERSITY] * university + [INSTITUTE] * institute + [PUBLIC_INSTITUTION] * public
	out += [ENTERPRISE] * (count - len(out))
	rng.shuffle(out)
	return out


def assign_fates(rng: random.Random, units: list[UnitPlan], districts: list[DistrictInfo]) -> tuple[str, ...]:
	"""Decide how far each application gets; returns the districts that never file their 推荐汇总表.

	Two districts (the smallest that have applicants) do not file: their projects wait, submitted or
	recommended. Elsewhere two units never submit, one is returned and left so, one is returned and
	fixed, one is not recommended; every filing district keeps at least one recommended project.
	"""
	by_district: dict[str, list[UnitPlan]] = {}
	for u in units:
		by_district.setdefault(u.district, []).append(u)
	weight = {d.name: places.place(d.name, d.position).weight for d in districts}
	with_units = sorted(by_district, key=lambda n: (weight[n], -len(by_district[n]), n))
	unfiled = tuple(with_units[:2])
	waiting = [u for n in unfiled for u in by_district[n]]
	for i, u in enumerate(waiting):
		u.fate = PENDING if i % 2 == 0 else RECOMMENDED_UNFILED

	# Applications a filing district can still give to a special fate (spare), and how many it will
	# file (keep): a district files only with at least one recommended project.
	spare = {n: list(us) for n, us in by_district.items() if n not in unfiled}
	keep = {n: len(us) for n, us in spare.items()}
	for fate in (DRAFT, DRAFT, RETURNED, REJECTED, RESUBMITTED):
		removes = fate != RESUBMITTED
		candidates = [n for n in spare if spare[n] and (keep[n] >= 2 or not removes)]
		if not candidates:
			continue  # too few applicants to spare one and still file
		name = min(candidates, key=lambda n: (-keep[n], -len(spare[n]), n))
		pick = rng.choice(spare[name])
		spare[name].remove(pick)
		keep[name] -= removes
		pick.fate = fate
		if fate in (RETURNED, RESUBMITTED):
			pick.return_reason = rng.choice(RETURN_REASONS)
		if fate == REJECTED:
			pick.reject_reason = rng.choice(REJECT_REASONS)
	return unfiled


EXPERT_ORGANISATIONS = (
	("山东泉城数字经济研究中心", "研究员"),
	("济南智慧城市专家咨询委员会", "正高级工程师"),
	("山东鹊华信息技术标准化研究院", "高级工程师"),
	("济南舜耕通信技术有限公司", "正高级工程师"),
	("山东明湖计算科学研究院", "研究员"),
	("山东历山城乡规划设计院", "正高级工程师"),
	("山东锦屏财经学院", "教授"),
	("山东海岱交通规划设计院", "正高级工程师"),
	("山东汇泉健康信息研究中心", "主任医师"),
	("济南华岳网络安全测评中心", "高级工程师"),
	("山东齐智工业互联网创新中心", "高级工程师"),
)
EXPERTISE_NOTES = (
	"城市大数据治理、数据共享开放",
	"智能交通系统、交通大数据",
	"政务服务流程再造、电子政务",
	"工业互联网、智能制造",
	"网络安全、等级保护测评",
	"物联网感知与边缘计算",
	"医疗健康信息化",
	"城市规划与数字孪生",
	"人工智能算法与应用",
	"社会治理与社区信息化",
	"信息化项目投资评审",
	"新一代信息通信网络",
)
EXPERTISE_FIELDS = (
	"expertise_industry",
	"expertise_government_service",
	"expertise_urban_management",
	"expertise_social_governance",
	"expertise_other",
)
CONFLICT_REASONS = (
	"近三年曾为该单位提供技术咨询服务",
	"在该单位兼任技术顾问",
	"与该单位项目负责人系近亲属关系",
)


LENIENT_BIAS, HARSH_BIAS = 9.0, -9.0
# 奖补 per winner by award rank (万元): the plan says winners "可获得奖补", the amount is the bureau's.
SUBSIDY_BY_RANK = {1: 50.0, 2: 30.0, 3: 10.0}


# The report's parts a near-duplicate application copies (疑似重复申报)
COPIED_TEXT = ("project_summary", "overview", "innovation", "replicability", "background_and_goals",
	"construction_content", "completion_status", "outcomes", "promotion_plan")


def near_duplicate(units: list[UnitPlan]) -> tuple[UnitPlan, UnitPlan] | None:
	"""The demo's 疑似重复申报: the last filed application copies the report of the first filed one of
	another district, its own project and unit names put in (a copy a reviewer should notice)."""
	filed = [u for u in units if u.fate == FILED]
	if len(filed) < 2:
		return None
	copy = filed[-1]
	original = next((u for u in filed if u.district != copy.district), None)
	if original is None:
		return None
	swaps = ((original.project["project_name"], copy.project["project_name"]),
		(original.unit["unit_name"], copy.unit["unit_name"]))
	for f in COPIED_TEXT:
		text = original.project.get(f) or ""
		for old, new in swaps:
			text = text.replace(old, new)
		copy.project[f] = text
	return original, copy


def plan_experts(rng: random.Random, units: list[UnitPlan], count: int = 12) -> list[ExpertPlan]:
	"""The expert pool: `count` experts from universities, institutes and companies; one works at an
	applicant university (so the assignment must keep them off that project) and three declare
	conflicts with applicant units."""
	filed = [u for u in units if u.fate == FILED]
	university = next((u for u in filed if u.category == UNIVERSITY), None)
	experts = []
	for i in range(count):
		if i == 0 and university:
			organisation, title = university.unit["unit_name"], "教授"
		else:
			organisation, title = EXPERT_ORGANISATIONS[i % len(EXPERT_ORGANISATIONS)]
		name = places.person(rng)
		flags = set(rng.sample(EXPERTISE_FIELDS[:4], k=rng.randrange(1, 3)))
		if rng.random() < 0.3:
			flags.add("expertise_other")
		experts.append(
			ExpertPlan(
				account=Account(email(f"expert{i + 1:02d}"), name, ("Contest Expert",)),
				expert_name=name,
				organisation=organisation,
				professional_title=title,
				phone=places.mobile(rng),
				expertise=tuple(f for f in EXPERTISE_FIELDS if f in flags),
				expertise_notes=EXPERTISE_NOTES[i % len(EXPERTISE_NOTES)],
				bias=rng.uniform(-4, 4),
			)
		)
	# A lenient and a harsh expert beyond the others' spread, so the 专家评分尺度 report and the 校准分
	# have someone to correct (the draws above stay as they were: the same seed, the same pool).
	if len(experts) > 5:
		experts[4].bias, experts[5].bias = LENIENT_BIAS, HARSH_BIAS
	declaring = experts[1:4]
	for expert, reason in zip(declaring, CONFLICT_REASONS, strict=False):
		for unit in rng.sample(filed, k=min(len(filed), rng.randrange(1, 3))):
			if all(unit.index != idx for idx, _r in expert.conflicts):
				expert.conflicts.append((unit.index, reason))
	return experts


def plan_edition(
	seed: int, districts: list[DistrictInfo], count: int, today: date, taken_usccs: set[str] | None = None
) -> EditionPlan:
	rng = random.Random(seed)
	used_names: set[str] = set()
	used_brands: set[str] = set()
	used_usccs = set(taken_usccs or ())
	used_projects: set[str] = set()
	by_name = {d.name: d for d in districts}
	units = []
	for index, (district_name, category) in enumerate(
		zip(allocate(districts, count), categories(rng, count), strict=True), start=1
	):
		district = by_name[district_name]
		unit, theme, brand = plan_unit(
			rng, index, district, category, used_names, used_usccs, today, used_brands
		)
		project, modules = plan_project(rng, theme, unit, brand, district, today, used_projects)
		plan = UnitPlan(
			index=index,
			district=district_name,
			category=category,
			theme=theme.key,
			account=Account(email(f"unit{index:03d}"), unit["contact_name"], ("Contest Applicant",)),
			unit=unit,
			project=project,
			modules=modules,
			quality=min(94.0, max(58.0, rng.gauss(76, 7))),
			extra_images=rng.choice((0, 0, 1)),
			investment_statement=rng.random() < 0.3,
		)
		if category == ENTERPRISE and rng.random() < 0.04:
			plan.former_name = unit["unit_name"].replace(unit["unit_name"][2:4], rng.choice(BRANDS), 1)
		units.append(plan)
	unfiled = assign_fates(rng, units, districts)
	near_duplicate(units)
	return EditionPlan(
		admin=admin_account(rng),
		reviewers=reviewer_accounts(rng, districts),
		units=units,
		experts=plan_experts(rng, units),
		unfiled_districts=unfiled,
	)


# --- the experts' scores ---------------------------------------------------------------------------------

REVIEW_COMMENTS = (
	(
		85,
		(
			"项目创新性突出，建设成效显著，量化指标完成情况好，具有较强的示范推广价值。",
			"项目技术路线先进，应用效果明显，建议作为典型案例推广。",
		),
	),
	(
		75,
		(
			"项目方案完整，实施效果较好，建议进一步加强数据共享和推广应用。",
			"项目建设内容较为完整，成效较明显，可推广性有待进一步论证。",
		),
	),
	(
		0,
		(
			"项目建设内容较为常规，量化成效佐证材料不够充分，创新性有待提升。",
			"项目完成情况基本符合要求，但应用范围和实际成效有限。",
		),
	),
)


def review_scores(
	rng: random.Random, quality: float, bias: float, dimensions: list[str], harsh: bool = False
) -> dict:
	"""One expert's scores out of 100 per dimension, around the project's quality."""
	scores = {}
	for dimension in dimensions:
		value = quality + bias + rng.gauss(0, 3.5) - (25 if harsh else 0)
		scores[dimension] = int(round(min(98, max(35, value))))
	return scores


def review_comment(rng: random.Random, average: float) -> str:
	for floor, comments in REVIEW_COMMENTS:
		if average >= floor:
			return rng.choice(comments)
	return REVIEW_COMMENTS[-1][1][0]


def award_counts(reviewed: int) -> tuple[int, int, int]:
	"""(一等奖, 二等奖, 三等奖) for `reviewed` projects: 2 and 6 as the plan's quotas, about a fifth more
	三等奖, and at least one project without an award."""
	first = min(2, max(0, reviewed - 1))
	second = min(6, max(0, reviewed - first - 1))
	third = min(max(1, round(reviewed * 0.2)), max(0, reviewed - first - second - 1))
	return first, second, third
