"""The 项目绩效评价表 indicator taxonomy: which 二级指标 belong to which 一级指标.

The official grid lists these pairs and leaves "……" rows open, so every 一级指标 also takes 其他
(then the applicant names the 二级指标), and a 一级指标 of 其他 takes only a named 其他.
"""

OTHER = "其他"

TAXONOMY: dict[str, tuple[str, ...]] = {
	"产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
	"效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
	"社会公众或服务对象满意度指标": ("具体指标",),
}

LEVEL_1_OPTIONS = (*TAXONOMY, OTHER)
LEVEL_2_OPTIONS = tuple(dict.fromkeys(l2 for l2s in TAXONOMY.values() for l2 in l2s)) + (OTHER,)


def official_order(level_1: str, level_2: str) -> tuple[int, int]:
	"""Sort key that puts rows in the order of the official grid, 其他 last within its group."""
	l1 = LEVEL_1_OPTIONS.index(level_1) if level_1 in LEVEL_1_OPTIONS else len(LEVEL_1_OPTIONS)
	l2s = TAXONOMY.get(level_1, ())
	l2 = l2s.index(level_2) if level_2 in l2s else len(l2s)
	return (l1, l2)


def indicator_problem(
	level_1: str | None, level_2: str | None, level_1_other: str | None = None, level_2_other: str | None = None
) -> str | None:
	"""None when the pair is allowed; otherwise the problem in Chinese."""
	if not level_1:
		return "未填写一级指标"
	if level_1 not in LEVEL_1_OPTIONS:
		return f"一级指标“{level_1}”不在官方指标体系中（可选：{'、'.join(LEVEL_1_OPTIONS)}）"
	if level_1 == OTHER and not (level_1_other or "").strip():
		return "一级指标选择“其他”时须填写一级指标名称"
	if not level_2:
		return "未填写二级指标"
	if level_2 == OTHER:
		if not (level_2_other or "").strip():
			return "二级指标选择“其他”时须填写二级指标名称"
		return None
	if level_1 == OTHER:
		return "一级指标为“其他”时，二级指标只能选择“其他”并填写名称"
	allowed = TAXONOMY[level_1]
	if level_2 not in allowed:
		return f"二级指标“{level_2}”不属于一级指标“{level_1}”（可选：{'、'.join((*allowed, OTHER))}）"
	return None
