"""Length limits of the official forms, counted in characters (字) as a reader counts them."""

import re

UNIT_PROFILE_MAX = 200  # 单位简介（限200字）
PROJECT_SUMMARY_MAX = 800  # 项目简介（限800字）

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def counted_length(text: str | None) -> int:
	"""Characters a reader sees: HTML tags and whitespace (line breaks, indents) do not count."""
	if not text:
		return 0
	return len(_SPACES.sub("", _TAGS.sub("", text)))


def over_limit(text: str | None, limit: int) -> str | None:
	"""None when within `limit`; otherwise a Chinese description of the excess."""
	n = counted_length(text)
	if n <= limit:
		return None
	return f"限{limit}字，当前{n}字，超出{n - limit}字"
