"""/contest-notice: the public notice (公示) of the awarded projects, open to anyone, inside the
edition's notice window; after 公布结果, the edition's final results (最终结果), without the objection form."""

from frappe import _

from smart_city_contest.api.notice import awarded_projects, editions_on_notice, editions_with_final_results

no_cache = 1

# data-stage of an edition's section (read by tests and scripts, not shown): 公示 or 最终结果.
ON_NOTICE, FINAL = "公示", "最终结果"


def get_context(context):
	context.no_cache = 1
	context.title = _("智慧泉城创新应用大赛获奖项目公示")
	context.notices = [
		{"edition": e, "groups": _groups(e.name), "final": False, "stage": ON_NOTICE} for e in editions_on_notice()
	]
	context.notices += [
		{"edition": e, "groups": _groups(e.name), "final": True, "stage": FINAL} for e in editions_with_final_results()
	]
	return context


def _groups(contest: str) -> list[dict]:
	projects = awarded_projects(contest)
	return [
		{"level": level, "projects": [p for p in projects if p.award_level == level]}
		for level in dict.fromkeys(p.award_level for p in projects)
	]
