"""The application's path, from 草稿 to 获奖/未获奖: states, who may move a project, and which moves need a reason.

This module is the single source of the workflow: the Frappe Workflow "Contest Project Workflow" is
generated from MANUAL_TRANSITIONS at install/migrate, and SYSTEM_TRANSITIONS are moves that only the
app makes (the district's 推荐汇总表 submission, the award commit), never a button on one project.
"""

from dataclasses import dataclass

APPLICANT = "Contest Applicant"
DISTRICT_REVIEWER = "District Reviewer"
CONTEST_ADMIN = "Contest Admin"
EXPERT = "Contest Expert"

DRAFT = "草稿"
SUBMITTED = "已提交（区县审核中）"
RETURNED = "退回修改"
RECOMMENDED = "区县已推荐"
NOT_RECOMMENDED = "不予推荐"
ACCEPTED = "市局已受理"
IN_REVIEW = "评审中"
REVIEWED = "已评审"
AWARDED = "获奖"
NOT_AWARDED = "未获奖"

# (state, style for the desk indicator, who may edit the document in that state)
STATES: tuple[tuple[str, str, str], ...] = (
	(DRAFT, "Warning", APPLICANT),
	(SUBMITTED, "Primary", DISTRICT_REVIEWER),
	(RETURNED, "Danger", APPLICANT),
	(RECOMMENDED, "Success", DISTRICT_REVIEWER),
	(NOT_RECOMMENDED, "Inverse", CONTEST_ADMIN),
	(ACCEPTED, "Info", CONTEST_ADMIN),
	(IN_REVIEW, "Primary", CONTEST_ADMIN),
	(REVIEWED, "Info", CONTEST_ADMIN),
	(AWARDED, "Success", CONTEST_ADMIN),
	(NOT_AWARDED, "Inverse", CONTEST_ADMIN),
)
STATE_NAMES = tuple(s for s, _style, _role in STATES)

# The applicant's content (申报表, 报告, 绩效评价表, 附件) may change only in these states.
APPLICANT_EDITABLE = (DRAFT, RETURNED)


@dataclass(frozen=True)
class Transition:
	state: str
	action: str
	next_state: str
	role: str
	needs_reason: bool = False
	# Which window of the edition must be open: "application", "recommendation" or None.
	window: str | None = None


SUBMIT = "提交"
RESUBMIT = "重新提交"
RETURN = "退回修改"
RECOMMEND = "推荐"
REJECT = "不予推荐"
WITHDRAW_RECOMMENDATION = "撤销推荐"
FILE_TO_CITY = "报送市局"
START_REVIEW = "开始评审"
FINISH_REVIEW = "完成评审"
AWARD = "授奖"
NO_AWARD = "不授奖"
# A city decision on a 公示 objection (public_notice/results.py), before the results are published.
REVOKE_AWARD = "撤销奖项"
CHANGE_AWARD_LEVEL = "调整等次"

MANUAL_TRANSITIONS: tuple[Transition, ...] = (
	Transition(DRAFT, SUBMIT, SUBMITTED, APPLICANT, window="application"),
	Transition(SUBMITTED, RETURN, RETURNED, DISTRICT_REVIEWER, needs_reason=True, window="recommendation"),
	Transition(RETURNED, RESUBMIT, SUBMITTED, APPLICANT, window="recommendation"),
	Transition(SUBMITTED, RECOMMEND, RECOMMENDED, DISTRICT_REVIEWER, window="recommendation"),
	Transition(SUBMITTED, REJECT, NOT_RECOMMENDED, DISTRICT_REVIEWER, needs_reason=True, window="recommendation"),
	Transition(RECOMMENDED, WITHDRAW_RECOMMENDATION, SUBMITTED, DISTRICT_REVIEWER, window="recommendation"),
	Transition(IN_REVIEW, FINISH_REVIEW, REVIEWED, CONTEST_ADMIN),
)

SYSTEM_TRANSITIONS: tuple[Transition, ...] = (
	# The district's formal 报送 of its 推荐汇总表 moves every listed project at once.
	Transition(RECOMMENDED, FILE_TO_CITY, ACCEPTED, DISTRICT_REVIEWER, window="recommendation"),
	# Assigning the first expert starts the project's review.
	Transition(ACCEPTED, START_REVIEW, IN_REVIEW, CONTEST_ADMIN),
	# The award commit decides each reviewed project.
	Transition(REVIEWED, AWARD, AWARDED, CONTEST_ADMIN),
	Transition(REVIEWED, NO_AWARD, NOT_AWARDED, CONTEST_ADMIN),
	# An upheld objection during the 公示: the award is revoked, or its level changed (quota held; the
	# reason, required by rules/final_results.py, goes to the state log, not to review_reason).
	Transition(AWARDED, REVOKE_AWARD, NOT_AWARDED, CONTEST_ADMIN),
	Transition(AWARDED, CHANGE_AWARD_LEVEL, AWARDED, CONTEST_ADMIN),
)


def find_transition(state: str, action: str, system: bool = False) -> Transition | None:
	pool = SYSTEM_TRANSITIONS if system else MANUAL_TRANSITIONS
	return next((t for t in pool if t.state == state and t.action == action), None)


def actions_from(state: str, roles: set[str] | frozenset[str]) -> list[Transition]:
	"""The manual moves a user with `roles` may make from `state`, in workflow order."""
	return [t for t in MANUAL_TRANSITIONS if t.state == state and t.role in roles]


def transition_problem(state: str, action: str, roles: set[str], reason: str | None) -> str | None:
	"""None when a user with `roles` may take `action` from `state` (with `reason`); otherwise why not."""
	transition = find_transition(state, action)
	if transition is None:
		possible = "、".join(f"“{t.action}”" for t in MANUAL_TRANSITIONS if t.state == state) or "无"
		return f"项目处于“{state}”状态，不能执行“{action}”（可执行的操作：{possible}）"
	if transition.role not in roles:
		return f"“{action}”只能由{ROLE_LABELS[transition.role]}执行"
	if transition.needs_reason and not (reason or "").strip():
		return f"“{action}”须填写原因，原因将告知参赛单位"
	return None


ROLE_LABELS = {
	APPLICANT: "参赛单位用户",
	DISTRICT_REVIEWER: "区县审核员",
	CONTEST_ADMIN: "市局管理员",
	EXPERT: "评审专家",
}
