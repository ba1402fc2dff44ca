"""Is a window of the edition open right now? Judged on the server clock in the edition's time zone.

A deadline given as a date means the end of that day: the edition stores 23:59:59, and a window is
open while start <= now <= end.
"""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo


def now_in(time_zone: str, utc_now: datetime | None = None) -> datetime:
	"""The server's current time in `time_zone`, naive (as Frappe stores datetimes)."""
	utc_now = utc_now or datetime.now(timezone.utc)
	return utc_now.astimezone(ZoneInfo(time_zone)).replace(tzinfo=None)


def application_window_problem(start: datetime, end: datetime, now: datetime) -> str | None:
	if now < start:
		return f"申报尚未开始（申报时间：{start:%Y-%m-%d %H:%M} 至 {end:%Y-%m-%d %H:%M}）"
	if now > end:
		return f"申报已于 {end:%Y-%m-%d %H:%M} 截止，逾期不再受理"
	return None


def effective_recommendation_deadline(deadline: datetime, extended_until: datetime | None) -> datetime:
	"""The district's deadline: the edition's, or a later one granted by the city bureau."""
	return max(deadline, extended_until) if extended_until else deadline


def recommendation_window_problem(
	opens: datetime, deadline: datetime, extended_until: datetime | None, now: datetime
) -> str | None:
	closes = effective_recommendation_deadline(deadline, extended_until)
	if now < opens:
		return f"区县审核推荐尚未开始（自 {opens:%Y-%m-%d %H:%M} 起）"
	if now > closes:
		extra = "（含延期）" if extended_until and extended_until > deadline else ""
		return f"区县推荐已于 {closes:%Y-%m-%d %H:%M}{extra} 截止，逾期不再受理"
	return None
