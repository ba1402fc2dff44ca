"""The same project twice (rules/duplicates.py): similarity of Chinese texts by character shingles."""

import random
import time
import unittest

from smart_city_contest.rules.duplicates import (
	MIN_CHARS,
	SHINGLE,
	jaccard,
	overlap,
	plain_text,
	shingles,
	similar_pairs,
)

POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"


def random_text(rng, n=400):
	return "".join(rng.choice(POOL) for _ in range(n))


ORIGINAL = (
	"项目以社区网格为单元，汇聚公安、城管、民政、卫健等部门的多源数据，建成一网统管城市运行平台，"
	"实现事件发现、派单、处置、核查、评价的闭环管理，平均处置时长由48小时缩短至31小时，群众满意度达到93%。"
	"平台接入视频监控点位一万二千余个，物联感知设备三千余台，形成城市运行体征指标一百二十项。"
)


class TestDuplicates(unittest.TestCase):
	def test_the_same_text_in_other_markup_and_punctuation_is_identical(self):
		marked_up = "<p>" + ORIGINAL.replace("，", "<br>").replace("。", "</p><p>") + "</p>&nbsp;"
		self.assertEqual(jaccard(shingles(plain_text(marked_up)), shingles(ORIGINAL)), 1.0)

	def test_sections_in_another_order_are_still_the_same_text(self):
		half = len(ORIGINAL) // 2
		self.assertGreater(jaccard(shingles(ORIGINAL), shingles(ORIGINAL[half:] + ORIGINAL[:half])), 0.95)

	def test_a_renamed_and_lightly_edited_copy_is_flagged(self):
		copy = ORIGINAL.replace("48小时", "46小时").replace("93%", "95%").replace("一百二十项", "一百三十项")
		rng = random.Random(1)
		texts = {"last year": ORIGINAL, "this year": "泉城智治平台。" + copy, "unrelated": random_text(rng)}
		pairs = similar_pairs(texts, 0.6)
		self.assertEqual([(p.first, p.second) for p in pairs], [("last year", "this year")])
		self.assertGreater(pairs[0].similarity, 0.7)
		self.assertLess(pairs[0].similarity, 1)

	def test_unrelated_texts_are_not_flagged(self):
		rng = random.Random(2)
		texts = {i: random_text(rng) for i in range(30)}
		self.assertEqual(similar_pairs(texts, 0.3), [])

	def test_hand_counted_similarity(self):
		# 60 counted characters each; B repeats A's first 40 and then differs: A has 57 shingles of 4,
		# B 57, sharing the 37 that lie inside the first 40 characters -> 37 / (57 + 57 - 37) = 37 / 77
		rng = random.Random(3)
		head = random_text(rng, 40)
		a, b = head + random_text(rng, 20), head + random_text(rng, 20)
		self.assertEqual(len(shingles(a)), 60 - SHINGLE + 1)
		self.assertAlmostEqual(jaccard(shingles(a), shingles(b)), 37 / 77, places=4)
		self.assertEqual(similar_pairs({"a": a, "b": b}, 0.48)[0].similarity, round(37 / 77, 4))
		self.assertEqual(similar_pairs({"a": a, "b": b}, 0.49), [])

	def test_too_short_to_compare(self):
		short = ORIGINAL[: MIN_CHARS - 10]
		self.assertEqual(shingles(short), frozenset())
		self.assertEqual(similar_pairs({"a": short, "b": short}), [])

	def test_only_pairs_touching_this_edition(self):
		texts = {"old1": ORIGINAL, "old2": ORIGINAL, "new": random_text(random.Random(4))}
		self.assertEqual(similar_pairs(texts, 0.6, among=["new"]), [])
		texts["new"] = ORIGINAL
		pairs = similar_pairs(texts, 0.6, among=["new"])
		self.assertEqual(sorted((p.first, p.second) for p in pairs), [("old1", "new"), ("old2", "new")])

	def test_common_phrases_do_not_hide_a_copy(self):
		# 200 applications all opening with the same boilerplate, two of which are copies of each other
		rng = random.Random(5)
		boiler = "本项目严格按照智慧城市建设要求实施，数据安全、网络安全和个人信息保护措施落实到位。"
		texts = {i: boiler + random_text(rng, 300) for i in range(200)}
		texts[199] = texts[7]
		pairs = similar_pairs(texts, 0.6)
		self.assertEqual([(p.first, p.second, p.similarity) for p in pairs], [(7, 199, 1.0)])

	def test_the_overlap_is_marked_for_the_side_by_side_view(self):
		other = "前言不同。" + ORIGINAL[:60]
		runs = overlap(ORIGINAL, other)
		self.assertEqual("".join(text for text, _flag in runs), ORIGINAL)
		marked = "".join(text for text, flag in runs if flag)
		self.assertTrue(ORIGINAL[:60].rstrip("，。、").startswith(marked[:40]))
		self.assertNotIn("一万二千余个", marked)

	def test_bad_threshold_is_refused(self):
		with self.assertRaises(ValueError):
			similar_pairs({}, 0)
		with self.assertRaises(ValueError):
			similar_pairs({}, 1.5)

	def test_a_thousand_applications_within_seconds(self):
		rng = random.Random(6)
		texts = {i: random_text(rng, 3000) for i in range(1000)}
		texts[999] = texts[1]
		started = time.perf_counter()
		pairs = similar_pairs(texts, 0.6)
		elapsed = time.perf_counter() - started
		self.assertEqual([(p.first, p.second) for p in pairs], [(1, 999)])
		self.assertLess(elapsed, 60)
		print(f"\n1000 applications x 3000 characters: {elapsed:.1f} s")
