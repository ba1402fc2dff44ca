"""/contest-notice: the public notice of the awarded projects, open to anyone, only inside the
edition's notice window."""

import frappe

from smart_city_contest.api.notice import awarded_projects, editions_on_notice

no_cache = 1


def get_context(context):
	context.no_cache = 1
	context.title = "智慧泉城创新应用大赛获奖项目公示"
	context.notices = []
	for edition in editions_on_notice():
		projects = awarded_projects(edition.name)
		groups = [
			{"level": level, "projects": [p for p in projects if p.award_level == level]}
			for level in dict.fromkeys(p.award_level for p in projects)
		]
		context.notices.append({"edition": edition, "groups": groups})
	return context
