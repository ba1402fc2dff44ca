"""统一社会信用代码 (Unified Social Credit Code), GB 32100-2015, checked with python-stdnum."""

from dataclasses import dataclass

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import uscc as stdnum_uscc

LENGTH = 18
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class UsccProblem:
	code: str  # "length" | "characters" | "check_digit"
	message: str


def normalise(value: str | None) -> str:
	"""Strip blanks and dashes and upper-case, as stdnum does."""
	return stdnum_uscc.compact(value or "")


def uscc_problem(value: str | None) -> UsccProblem | None:
	"""None when `value` is a valid USCC; otherwise what is wrong with it, in Chinese."""
	number = normalise(value)
	try:
		stdnum_uscc.validate(number)
		return None
	except stdnum_exceptions.InvalidLength:
		return UsccProblem("length", f"应为{LENGTH}位，实际为{len(number)}位")
	except stdnum_exceptions.InvalidFormat:
		bad = [c for c in number[:8] if not c.isdigit()] or [c for c in number[8:] if c not in ALPHABET]
		shown = "、".join(dict.fromkeys(bad)) or number
		return UsccProblem(
			"characters",
			f"含有不允许的字符“{shown}”（前8位须为数字，其余只能是数字和除I、O、Z、S、V以外的大写字母）",
		)
	except stdnum_exceptions.InvalidChecksum:
		expected = stdnum_uscc.calc_check_digit(number[:-1])
		return UsccProblem("check_digit", f"校验位（第18位）错误：应为“{expected}”，实际为“{number[-1]}”")
	except stdnum_exceptions.ValidationError as e:  # any future stdnum rule
		return UsccProblem("invalid", str(e))


def with_check_digit(first17: str) -> str:
	"""Complete 17 characters with their GB 32100-2015 check digit (used by factories and demo data)."""
	return first17 + stdnum_uscc.calc_check_digit(first17)
