"""How values are written on the paper forms: dates as 2021年12月1日, money in 万元 without
trailing zeros, □/☑ choice boxes, and an empty field as a blank (never "None" or "0")."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

TICKED = "☑"
UNTICKED = "□"

# A blank date on the paper: "2021年   月   日" (or without the year when it is unknown).
BLANK_DAY = "\u3000\u3000"


def is_blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def text(value) -> str:
	"""The value as printed; None and whitespace-only values print as nothing."""
	if is_blank(value):
		return ""
	return str(value).strip()


def number(value, places: int = 2) -> str:
	"""1280.5 -> "1280.5", 1000.0 -> "1000", -20 -> "-20", None/"" -> "" (a blank on the form)."""
	if is_blank(value):
		return ""
	try:
		d = Decimal(str(value))
	except InvalidOperation:
		return text(value)
	d = round(d, places)
	s = f"{d:.{places}f}"
	if "." in s:
		s = s.rstrip("0").rstrip(".")
	return "0" if s in ("-0", "") else s


def money(value, unit: str = "万元") -> str:
	"""An amount in 万元 with its unit, for cells whose label does not name the unit."""
	n = number(value)
	return f"{n}{unit}" if n else ""


def percent(value) -> str:
	n = number(value)
	return f"{n}%" if n else ""


def to_date(value) -> date | None:
	if is_blank(value):
		return None
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	return datetime.strptime(str(value).strip()[:10], "%Y-%m-%d").date()


def cn_date(value, blank_year: int | None = None) -> str:
	"""2021-12-01 -> "2021年12月1日"; no date -> "2021年　　月　　日" (the paper's blank)."""
	d = to_date(value)
	if d:
		return f"{d.year}年{d.month}月{d.day}日"
	year = str(blank_year) if blank_year else BLANK_DAY * 2
	return f"{year}年{BLANK_DAY}月{BLANK_DAY}日"


def cn_month(value) -> str:
	d = to_date(value)
	return f"{d.year}年{d.month}月" if d else f"{BLANK_DAY}年{BLANK_DAY}月"


def period(start, end) -> str:
	"""项目期限 as the form asks: "XX年XX月至XX年XX月"; blank when neither end is known."""
	if not to_date(start) and not to_date(end):
		return ""
	return f"{cn_month(start)}至{cn_month(end)}"


def box(checked) -> str:
	return TICKED if checked else UNTICKED


def choices(options: Iterable[str], selected) -> list[dict]:
	"""[{"label": "国有", "box": "☑"}, ...] for a single choice (`selected` a str) or several (a set)."""
	chosen = {selected} if isinstance(selected, str) else set(selected or ())
	return [{"label": o, "box": box(o in chosen)} for o in options]


def phones(*numbers) -> str:
	"""Office phone and mobile, one per line, without repeats or blanks."""
	seen = []
	for n in numbers:
		n = text(n)
		if n and n not in seen:
			seen.append(n)
	return "\n".join(seen)
