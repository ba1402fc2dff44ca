"""Whether an application is complete enough to be submitted (提交/重新提交).

The 申报书's required parts: the unit's 单位简介 and the project's 项目简介, every numbered section
of the 项目方案及完成情况报告 (一.1–3, 二.1–2, 三, 四, 五), and a 项目绩效评价表 with at least one
indicator (with its 指标内容) under each of 产出指标, 效益指标 and 社会公众或服务对象满意度指标.

Plain data in, the missing pieces (in Chinese, in the order of the 申报书) out; the Contest
Project controller refuses 提交 naming all of them, and `api.projects.completeness` shows them.
"""

import html
import re
from collections.abc import Iterable, Mapping

from smart_city_contest.rules.indicators import TAXONOMY

UNIT_TEXT = (("unit_profile", "单位简介"),)
PROJECT_TEXT = (("project_summary", "项目简介"),)
# (fieldname, how the 申报书 numbers the section)
REPORT_SECTIONS = (
	("overview", "一、项目情况 1.项目概述"),
	("innovation", "一、项目情况 2.项目实施的创新性与先进性"),
	("replicability", "一、项目情况 3.项目实施的可推广性"),
	("background_and_goals", "二、项目方案 1.项目建设背景和目标"),
	("construction_content", "二、项目方案 2.项目建设内容"),
	("completion_status", "三、项目完成情况"),
	("outcomes", "四、项目成效"),
	("promotion_plan", "五、下一步推广计划"),
)
# The 一级指标 that must each have at least one indicator: the official three.
REQUIRED_LEVEL_1 = tuple(TAXONOMY)

_TAG = re.compile(r"<[^>]*>")
_MEDIA = re.compile(r"<\s*(img|video|iframe|table)\b", re.IGNORECASE)


def is_blank_text(value) -> bool:
	"""True for None, whitespace, or rich text with nothing to read (e.g. "<p><br></p>", "&nbsp;")."""
	if value is None:
		return True
	text = str(value)
	if _MEDIA.search(text):
		return False
	plain = html.unescape(_TAG.sub("", text))
	return not plain.replace("\u00a0", " ").replace("\u3000", " ").strip()


def missing_pieces(project: Mapping, unit: Mapping, indicators: Iterable[Mapping]) -> list[str]:
	"""Every required part of the application that is empty, in the 申报书's order ([] when complete)."""
	missing = [f"参赛单位“{label}”" for field, label in UNIT_TEXT if is_blank_text(unit.get(field))]
	missing += [f"“{label}”" for field, label in PROJECT_TEXT if is_blank_text(project.get(field))]
	missing += [
		f"项目方案及完成情况报告“{label}”" for field, label in REPORT_SECTIONS if is_blank_text(project.get(field))
	]
	filled = {
		row.get("level_1") for row in indicators or () if not is_blank_text(row.get("indicator_content"))
	}
	missing += [f"项目绩效评价表“{level_1}”（至少填写一项指标）" for level_1 in REQUIRED_LEVEL_1 if level_1 not in filled]
	return missing
