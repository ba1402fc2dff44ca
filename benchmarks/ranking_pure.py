"""Median time of `rank_projects` over 1,000 projects × 7 review totals (seeded data), 7 repetitions.

	cd /work/main && /home/frappe/frappe-bench/env/bin/python benchmarks/ranking_pure.py

Pure Python, no Frappe site needed. Totals are 2-decimal numbers from 40 to 100, as `weighted_total`
produces them.
"""

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from smart_city_contest.rules.review_statistics import STATISTICS, rank_projects  # noqa: E402

PROJECTS = 1000
REVIEWS = 7
REPETITIONS = 7
SEED = 20211118


def make_rows(seed: int = SEED) -> list[dict]:
	rng = random.Random(seed)
	return [
		{"project": f"SCC-2021-{i:04d}", "totals": [round(rng.uniform(40, 100), 2) for _ in range(REVIEWS)]}
		for i in range(1, PROJECTS + 1)
	]


def main() -> None:
	rows = make_rows()
	print(f"rank_projects: {PROJECTS} projects × {REVIEWS} reviews, median of {REPETITIONS} runs")
	for statistic in STATISTICS:
		times = []
		for _ in range(REPETITIONS):
			started = time.perf_counter()
			ranked = rank_projects(rows, statistic, disagreement_threshold=30)
			times.append(time.perf_counter() - started)
		assert len(ranked) == PROJECTS
		print(
			f"  {statistic:<13} median {statistics.median(times) * 1000:7.1f} ms"
			f"  (min {min(times) * 1000:.1f}, max {max(times) * 1000:.1f})"
		)


if __name__ == "__main__":
	main()
