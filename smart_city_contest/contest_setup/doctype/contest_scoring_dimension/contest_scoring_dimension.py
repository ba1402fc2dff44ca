from smart_city_contest.permissions.child_rows import ChildRow


class ContestScoringDimension(ChildRow):
	"""Read and written only through its parent (see permissions/child_rows.py)."""
