"""What the city records after the award, per winner: 纳入市级试点示范 (yes/no, date), 奖补 (amount in
万元, 待拨付/已拨付, date paid) and 劳动竞赛推荐 (yes/no, note). Whether a record hangs together."""

from datetime import date

SUBSIDY_PENDING = "待拨付"
SUBSIDY_PAID = "已拨付"
SUBSIDY_STATUSES = (SUBSIDY_PENDING, SUBSIDY_PAID)
NOTE_MAX = 500


def follow_up_problems(
	pilot_included: bool,
	pilot_date: date | None,
	subsidy_amount: float | None,
	subsidy_status: str | None,
	subsidy_paid_on: date | None,
	labour_contest_recommended: bool,
	labour_contest_note: str | None,
	today: date,
) -> list[tuple[str, str]]:
	"""(fieldname, Chinese problem) for each inconsistency; empty when the record is consistent."""
	problems = []
	if pilot_included and not pilot_date:
		problems.append(("pilot_date", "已纳入市级试点示范的，须填写纳入日期"))
	if pilot_date and not pilot_included:
		problems.append(("pilot_date", "未勾选“已纳入市级试点示范”时不能填写纳入日期"))
	if pilot_date and pilot_date > today:
		problems.append(("pilot_date", "不能晚于今天"))
	amount = subsidy_amount or 0
	if amount < 0:
		problems.append(("subsidy_amount", "不能为负数"))
	if subsidy_status and subsidy_status not in SUBSIDY_STATUSES:
		problems.append(("subsidy_status", f"须为{'、'.join(SUBSIDY_STATUSES)}之一"))
	if amount > 0 and not subsidy_status:
		problems.append(("subsidy_status", "填写了奖补金额的，须选择拨付状态"))
	if subsidy_status and amount <= 0:
		problems.append(("subsidy_amount", "选择了拨付状态的，须填写大于0的奖补金额"))
	if subsidy_status == SUBSIDY_PAID and not subsidy_paid_on:
		problems.append(("subsidy_paid_on", "“已拨付”的须填写拨付日期"))
	if subsidy_paid_on and subsidy_status != SUBSIDY_PAID:
		problems.append(("subsidy_paid_on", "拨付状态为“已拨付”时才能填写拨付日期"))
	if subsidy_paid_on and subsidy_paid_on > today:
		problems.append(("subsidy_paid_on", "不能晚于今天"))
	note = (labour_contest_note or "").strip()
	if len(note) > NOTE_MAX:
		problems.append(("labour_contest_note", f"限{NOTE_MAX}字（当前{len(note)}字）"))
	if note and not labour_contest_recommended:
		problems.append(("labour_contest_note", "未勾选“已推荐劳动竞赛”时不能填写推荐说明"))
	return problems
