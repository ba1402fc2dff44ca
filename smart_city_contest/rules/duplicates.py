"""The same project twice: applications whose text is near-identical, and the same unit or investor
across editions. A flag informs the reviewer; it decides nothing.

Text similarity, suited to Chinese (no word boundaries to rely on):
- an application's text is its 项目简介 and the sections of its 项目方案及完成情况报告, rich text read
  as plain text; only letters, digits and CJK characters count (punctuation, spaces and markup do
  not), Latin letters in lower case;
- its shingles are every run of `SHINGLE` consecutive counted characters (character n-grams);
- the similarity of two applications is the Jaccard index of their shingle sets,
  |A ∩ B| / |A ∪ B|, from 0 (nothing in common) to 1 (the same text, in any order of its sections);
- a pair is flagged when the similarity reaches the edition's threshold (`DEFAULT_THRESHOLD` unless the
  edition says otherwise). Texts shorter than `MIN_CHARS` counted characters are not compared (too
  little to tell a copy from a coincidence).

Candidates come from an inverted index of a sample of the shingles, so an edition's applications are
not all compared pairwise; each candidate pair is then scored exactly.
"""

import html
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass

SHINGLE = 4
SAMPLE = 8
MIN_CHARS = 50
DEFAULT_THRESHOLD = 0.8
RULE = (
	f"文本相似度：取项目简介和项目方案及完成情况报告各部分的文字（不计标点、空格和格式），以连续{SHINGLE}个字为一个片段，"
	"相似度 = 两份申报共有的片段数 ÷ 两份申报片段的总数（去重），达到届次设定的阈值时标记为疑似重复；"
	f"有效文字少于{MIN_CHARS}字的申报不参与比对；同一统一社会信用代码或同一投资主体在不同届次申报的也予以提示。"
	"提示仅供审核参考，不作为评审结论"
)

_TAG = re.compile(r"<[^>]*>")
_NOT_COUNTED = re.compile(r"[\W_]+")  # the complement of str.isalnum (counted)
_BLOCK = re.compile(r"<\s*/?\s*(p|div|br|li|tr|h[1-6])\b[^>]*>", re.IGNORECASE)


def plain_text(value: str | None) -> str:
	"""Rich text as the text a reader sees: blocks on lines of their own, no markup, entities decoded."""
	if not value:
		return ""
	text = _BLOCK.sub("\n", str(value))
	text = html.unescape(_TAG.sub("", text))
	return re.sub(r"\n\s*\n+", "\n", text).strip()


def counted(ch: str) -> bool:
	"""Whether a character counts: letters (CJK included) and digits; not punctuation, spaces, symbols."""
	return ch.isalnum()


def _counted_chars(text: str) -> list[tuple[int, str]]:
	return [(i, ch.lower()) for i, ch in enumerate(text) if counted(ch)]


def shingles(text: str) -> frozenset[int]:
	"""The text's set of shingles, hashed (Python's string hash: stable within a process, which is all
	a comparison needs)."""
	chars = _NOT_COUNTED.sub("", text).lower()
	if len(chars) < MIN_CHARS:
		return frozenset()
	return frozenset(hash(chars[k : k + SHINGLE]) for k in range(len(chars) - SHINGLE + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
	if not a or not b:
		return 0.0
	common = len(a & b)
	return common / (len(a) + len(b) - common)


@dataclass(frozen=True)
class Pair:
	first: Hashable
	second: Hashable
	similarity: float  # Jaccard index, 0..1, rounded to 4 places


def similar_pairs(
	texts: Mapping[Hashable, str], threshold: float = DEFAULT_THRESHOLD, *, among: Iterable[Hashable] | None = None
) -> list[Pair]:
	"""Pairs of `texts` (id -> plain text) whose similarity reaches `threshold`, most similar first.

	`among`: when given, only pairs with at least one member in it (this edition's applications,
	compared with each other and with earlier editions'); pairs of two outsiders are not reported."""
	if not 0 < threshold <= 1:
		raise ValueError(f"threshold must be in (0, 1], got {threshold!r}")
	sets = {key: shingles(text) for key, text in texts.items()}
	sets = {key: s for key, s in sets.items() if s}
	focus = set(sets) if among is None else {key for key in among if key in sets}
	order = {key: position for position, key in enumerate(sets)}
	# Candidates from a sample of each text's shingles (those whose hash is 0 modulo SAMPLE: the same
	# shingle is sampled in every text, so two copies share their samples); the sample's overlap must
	# reach half the threshold, a wide margin for sampling error; each candidate is then scored exactly.
	samples = {key: frozenset(h for h in s if h % SAMPLE == 0) for key, s in sets.items()}
	index: dict[int, list[Hashable]] = {}
	for key, sample in samples.items():
		for shingle in sample:
			index.setdefault(shingle, []).append(key)
	pairs = []
	for key in sorted(focus, key=order.__getitem__):
		mine, sample = sets[key], samples[key]
		shared = Counter()
		for shingle in sample:
			for other in index[shingle]:
				shared[other] += 1
		for other, common_sampled in shared.items():
			if other == key or (other in focus and order[other] < order[key]):
				continue  # itself, or counted from the other side already
			theirs = sets[other]
			if common_sampled < threshold / 2 * max(len(sample), len(samples[other])):
				continue
			common = len(mine & theirs)
			similarity = common / (len(mine) + len(theirs) - common)
			if similarity >= threshold:
				first, second = (key, other) if order[key] < order[other] else (other, key)
				pairs.append(Pair(first, second, round(similarity, 4)))
	pairs.sort(key=lambda p: (-p.similarity, order[p.first], order[p.second]))
	return pairs


def overlap(text: str, other: str) -> list[tuple[str, bool]]:
	"""`text` cut into runs, each marked True when its characters belong to a shingle `other` shares:
	the side-by-side view highlights those."""
	theirs = shingles(other) if other else frozenset()
	chars = _counted_chars(text)
	marked = [False] * len(text)
	if theirs and len(chars) >= SHINGLE:
		joined = "".join(ch for _i, ch in chars)
		for k in range(len(joined) - SHINGLE + 1):
			if hash(joined[k : k + SHINGLE]) in theirs:
				for i, _ch in chars[k : k + SHINGLE]:
					marked[i] = True
		# punctuation and spaces between two marked characters belong to the copied passage
		last = None
		for i, _ch in chars:
			if marked[i] and last is not None and marked[last]:
				for j in range(last + 1, i):
					marked[j] = True
			last = i
	runs: list[tuple[str, bool]] = []
	for ch, flag in zip(text, marked, strict=True):
		if runs and runs[-1][1] == flag:
			runs[-1] = (runs[-1][0] + ch, flag)
		else:
			runs.append((ch, flag))
	return runs
