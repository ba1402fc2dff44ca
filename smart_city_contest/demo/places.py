"""Jinan for the demo data: each district's weight (how many applicants it sends), roads and 街道 for
addresses, the login of its reviewer, and people's names and phone numbers.

Districts themselves are the site's master data (Contest District); a district a bureau adds later
simply gets the defaults here.
"""

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
	weight: int  # relative share of the applicant units
	login: str  # the district reviewer's account: reviewer-<login>@…
	address_prefix: str  # how an address in the district begins
	roads: tuple[str, ...]
	streets: tuple[str, ...]  # 街道/镇, for project names and addresses
	owner_prefix: str  # how the district's own departments are named, e.g. 济南市历下区


def _district(weight, login, prefix, roads, streets, owner=None):
	return Place(weight, login, prefix, tuple(roads.split()), tuple(streets.split()), owner or prefix)


PLACES: dict[str, Place] = {
	"历下区": _district(
		14,
		"lixia",
		"济南市历下区",
		"经十路 解放路 泉城路 文化东路 历山路 山大路 和平路",
		"泉城路街道 大明湖街道 千佛山街道 姚家街道 龙洞街道 智远街道",
	),
	"市中区": _district(
		8,
		"shizhong",
		"济南市市中区",
		"经四路 纬二路 英雄山路 万寿路 二环南路 舜耕路",
		"大观园街道 四里村街道 舜耕街道 七贤街道 二七街道",
	),
	"槐荫区": _district(
		6,
		"huaiyin",
		"济南市槐荫区",
		"经十路 张庄路 经七路 腊山河西路 齐州路",
		"道德街街道 振兴街街道 匡山街道 段店北路街道 玉清湖街道",
	),
	"天桥区": _district(
		6,
		"tianqiao",
		"济南市天桥区",
		"北园大街 堤口路 无影山中路 济洛路 历山北路",
		"北园街道 堤口路街道 泺口街道 药山街道 北坦街道",
	),
	"历城区": _district(
		10,
		"licheng",
		"济南市历城区",
		"花园路 工业北路 山大北路 华信路 唐冶西路 二环东路",
		"洪家楼街道 山大路街道 王舍人街道 唐冶街道 董家街道",
	),
	"长清区": _district(
		4,
		"changqing",
		"济南市长清区",
		"大学路 清河街 经十西路 峰山路",
		"文昌街道 崮云湖街道 平安街道 归德街道",
	),
	"章丘区": _district(
		5,
		"zhangqiu",
		"济南市章丘区",
		"汇泉路 唐王山路 双山大街 明水大街",
		"明水街道 双山街道 圣井街道 枣园街道",
	),
	"济阳区": _district(
		3, "jiyang", "济南市济阳区", "开元大街 富阳街 正安路 纬二路", "济阳街道 济北街道 回河街道"
	),
	"莱芜区": _district(
		4,
		"laiwu",
		"济南市莱芜区",
		"鲁中大街 汶河大道 凤城西大街 长勺北路",
		"凤城街道 张家洼街道 鹏泉街道 高庄街道",
	),
	"钢城区": _district(
		2, "gangcheng", "济南市钢城区", "府前大街 钢都大街 新兴路", "艾山街道 里辛街道 汶源街道"
	),
	"平阴县": _district(2, "pingyin", "济南市平阴县", "榆山路 青龙路 翠屏街", "榆山街道 锦水街道 玫瑰镇"),
	"商河县": _district(2, "shanghe", "济南市商河县", "青年路 商中路 鑫源路", "许商街道 玉皇庙镇 贾庄镇"),
	"高新区": _district(
		14,
		"gaoxin",
		"济南市高新区",
		"舜华路 新泺大街 工业南路 港兴三路 颖秀路 经十路",
		"舜华路街道 孙村街道 巨野河街道 遥墙街道",
		"济南高新区",
	),
	"起步区": _district(
		3,
		"qibu",
		"济南新旧动能转换起步区",
		"崔寨大街 大桥路 黄河大道",
		"崔寨街道 大桥街道 太平街道",
		"济南新旧动能转换起步区",
	),
	"南部山区": _district(
		1,
		"nanbu",
		"济南市南部山区",
		"仲南路 柳埠大街 西营大街",
		"仲宫街道 柳埠街道 西营街道",
		"济南市南部山区",
	),
}


def place(district: str, position: int = 0) -> Place:
	"""The district's profile; a district unknown here gets a plain one (its sort position as login)."""
	if district in PLACES:
		return PLACES[district]
	prefix = district if district.startswith("济南") else f"济南市{district}"
	return Place(2, f"d{position:02d}", prefix, ("人民路", "建设路", "中心大街"), ("中心街道",), prefix)


SURNAMES = (
	"王王王张张张李李李刘刘陈杨赵黄周吴徐孙孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
	"余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶贺顾毛郝龚邵"
	"万钱严武戴孔汤房鲁亓翟牛单"
)
GIVEN = (
	"伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 霞 平 刚 鹏 华 琳 斌 宇 浩 凯 丹 蕾 璐 "
	"建华 志强 海燕 晓东 文博 子涵 一鸣 振华 建国 立新 晓峰 俊杰 雪梅 红霞 玉兰 永刚 春燕 国栋 "
	"新宇 思远 梦琪 佳怡 宏伟 庆丰 兆祥 广明 秀梅 海涛 建军 德胜 丽君 晓燕 文静 志刚 云龙 "
	"明轩 若曦 雨桐 泽宇 嘉怡 浩然 静怡 天翊 博文 晨曦"
).split()

MOBILE_PREFIXES = (
	"135",
	"136",
	"137",
	"138",
	"139",
	"150",
	"151",
	"152",
	"155",
	"156",
	"158",
	"159",
	"176",
	"177",
	"178",
	"180",
	"182",
	"185",
	"186",
	"187",
	"188",
	"189",
)


def person(rng: random.Random) -> str:
	return rng.choice(SURNAMES) + rng.choice(GIVEN)


def mobile(rng: random.Random) -> str:
	return rng.choice(MOBILE_PREFIXES) + "".join(rng.choice("0123456789") for _ in range(8))


def office_phone(rng: random.Random) -> str:
	"""A Jinan landline (area code 0531, eight digits)."""
	return f"0531-{rng.choice('5678')}{rng.randrange(10**6, 10**7)}"


def address(rng: random.Random, district: str, position: int = 0) -> str:
	p = place(district, position)
	road = rng.choice(p.roads)
	number = rng.randrange(1, 2999)
	tail = rng.choice(
		(
			"",
			"",
			f"{rng.randrange(1, 12)}号楼{rng.randrange(2, 22)}层",
			f"{rng.choice('ABCD')}座{rng.randrange(301, 2316)}室",
		)
	)
	return f"{p.address_prefix}{road}{number}号{tail}"
