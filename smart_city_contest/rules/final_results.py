"""From the 公示 to the final results: the city's decision on an objection, when the results may be
published (公布结果), and the number of a 获奖证书.

Plain values in, Chinese problems out (None or [] when all is well); public_notice/results.py takes
the locks and applies them.
"""

from collections.abc import Iterable
from datetime import datetime

UPHOLD = "维持"
REVOKE = "撤销奖项"
CHANGE_LEVEL = "调整等次"
DECISIONS = (UPHOLD, REVOKE, CHANGE_LEVEL)

# Notice Objection.status once the city has decided (the earlier ones are 待处理/核查中/已答复).
DECIDED_STATUS = "已决定"

REASON_MAX = 2000


def decision_problem(
	decision: str | None,
	reason: str | None,
	new_level: str | None,
	current_state: str,
	current_level: str | None,
	levels: Iterable[str],
	already_decided: bool,
	published: bool,
) -> str | None:
	"""None when the city may take `decision` on an objection to a project now in `current_state`
	with `current_level`; otherwise why not, in Chinese, naming the field."""
	from smart_city_contest.rules.project_workflow import AWARDED

	if published:
		return "本届评审结果已公布，获奖结果为最终结果，不能再处理异议"
	if already_decided:
		return "该异议已作出处理决定，不能重复决定"
	if decision not in DECISIONS:
		return f"“处理决定”须为{'、'.join(DECISIONS)}之一（收到“{decision or ''}”）"
	reason = (reason or "").strip()
	if not reason:
		return "请填写“决定理由”"
	if len(reason) > REASON_MAX:
		return f"“决定理由”限{REASON_MAX}字（当前{len(reason)}字）"
	if decision == UPHOLD:
		if new_level:
			return "“维持”原评审结果时不能填写“调整后等次”"
		return None
	if current_state != AWARDED:
		return f"项目当前为“{current_state}”，没有可{decision}的奖项"
	if decision == REVOKE:
		if new_level:
			return "“撤销奖项”时不能填写“调整后等次”"
		return None
	levels = list(levels)
	if not new_level:
		return "“调整等次”须填写“调整后等次”"
	if new_level not in levels:
		return f"“调整后等次”“{new_level}”不是本届大赛设置的奖项（可选：{'、'.join(levels)}）"
	if new_level == current_level:
		return f"“调整后等次”与现等次相同（{current_level}）"
	return None


def publication_problems(
	now: datetime,
	notice_end: datetime | None,
	published: bool,
	undecided_objections: Iterable[str],
	undecided_projects: Iterable[str],
) -> list[str]:
	"""Why the final results cannot be published now (empty when they can): the 公示期 must be over,
	every objection decided and every reviewed project awarded or not; once only."""
	if published:
		return ["本届评审结果已公布，不能重复公布"]
	problems = []
	if notice_end is None:
		problems.append("本届未设置“公示结束时间”，不能公布结果")
	elif now <= notice_end:
		problems.append(f"公示期至{notice_end:%Y-%m-%d %H:%M}结束，公示期满后方可公布结果")
	objections = list(undecided_objections)
	if objections:
		problems.append(f"还有{len(objections)}件异议未作出处理决定：{'、'.join(objections)}")
	projects = list(undecided_projects)
	if projects:
		problems.append(f"还有{len(projects)}个项目评审或评奖未完成：{'、'.join(projects)}")
	return problems


def certificate_number(year: int | str, seq: int) -> str:
	"""The 获奖证书 number: the edition's year and a sequence within the edition, e.g. 2021-001."""
	if isinstance(seq, bool) or not isinstance(seq, int) or seq < 1:
		raise ValueError(f"certificate sequence must be a positive integer, got {seq!r}")
	return f"{year}-{seq:03d}"


def certificate_order(winners: Iterable[dict], ranks: dict[str, int]) -> list[str]:
	"""The winners' projects in the order their certificates are numbered: by award rank, then project."""
	rows = sorted(winners, key=lambda w: (ranks.get(w["award_level"], 99), w["name"]))
	return [w["name"] for w in rows]
