"""What a demo edition holds, read back from the site: states, districts, awards, reviews, files and the
demo accounts; and the same as a Chinese report for the terminal."""

import frappe

from smart_city_contest.demo.content import DOMAIN
from smart_city_contest.rules import project_workflow as wf
from smart_city_contest.rules import review_statuses


def collect(contest: str, password: str | None = None) -> dict:
	projects = frappe.get_all(
		"Contest Project",
		filters={"contest": contest},
		fields=["name", "project_name", "unit", "unit_name", "district", "workflow_state", "award_level"],
		order_by="name asc",
	)
	states = dict.fromkeys(wf.STATE_NAMES, 0)
	for p in projects:
		states[p.workflow_state] = states.get(p.workflow_state, 0) + 1
	filed = {
		r.district: r
		for r in frappe.get_all(
			"District Recommendation",
			filters={"contest": contest, "docstatus": 1},
			fields=["name", "district", "project_count", "submitted_on"],
		)
	}
	districts = []
	for d in frappe.get_all(
		"Contest District", filters={"enabled": 1}, pluck="name", order_by="sort_order asc"
	):
		mine = [p for p in projects if p.district == d]
		districts.append(
			{
				"district": d,
				"projects": len(mine),
				"states": {s: sum(1 for p in mine if p.workflow_state == s) for s in wf.STATE_NAMES},
				"filed": d in filed,
				"recommendation": filed[d].name if d in filed else None,
				"filed_count": filed[d].project_count if d in filed else 0,
			}
		)
	levels = [
		r.award_level
		for r in sorted(frappe.get_doc("Contest Edition", contest).award_levels, key=lambda r: r.rank)
	]
	awards = {
		level: [
			{
				"project": p.name,
				"project_name": p.project_name,
				"unit_name": p.unit_name,
				"district": p.district,
			}
			for p in projects
			if p.workflow_state == wf.AWARDED and p.award_level == level
		]
		for level in levels
	}
	review_counts = dict(
		frappe.db.sql(
			"select status, count(*) from `tabExpert Review` where contest=%s group by status", contest
		)
	)
	amended = frappe.db.sql(
		"""select count(distinct a.parent) from `tabExpert Review Amendment` a
		join `tabExpert Review` r on r.name = a.parent where r.contest = %s""",
		contest,
	)[0][0]
	names = [p.name for p in projects]
	units = sorted({p.unit for p in projects})
	files = sum(
		frappe.db.count("File", {"attached_to_doctype": doctype, "attached_to_name": ("in", attached)})
		for doctype, attached in (("Contest Project", names), ("Participant Unit", units))
		if attached
	)
	edition = frappe.db.get_value(
		"Contest Edition",
		contest,
		[
			"application_start",
			"application_end",
			"recommendation_deadline",
			"review_start",
			"review_end",
			"notice_start",
			"notice_end",
			"results_published_on",
		],
		as_dict=True,
	)
	follow_ups = frappe.get_all(
		"Award Follow Up", filters={"contest": contest}, fields=["pilot_included", "subsidy_status", "labour_contest_recommended"]
	)
	return {
		"final": {
			"published_on": edition.results_published_on,
			"certificates": len(follow_ups),
			"pilot": sum(f.pilot_included for f in follow_ups),
			"subsidy_paid": sum(f.subsidy_status == "已拨付" for f in follow_ups),
			"subsidy_pending": sum(f.subsidy_status == "待拨付" for f in follow_ups),
			"labour_contest": sum(f.labour_contest_recommended for f in follow_ups),
		},
		"contest": contest,
		"windows": edition,
		"notice_url": frappe.utils.get_url("/contest-notice"),
		"units": len(units),
		"projects": len(projects),
		"states": states,
		"districts": districts,
		"awards": awards,
		"not_awarded": states.get(wf.NOT_AWARDED, 0),
		"reviews": {
			"total": sum(review_counts.values()),
			"submitted": review_counts.get(review_statuses.SUBMITTED, 0),
			"recused": review_counts.get(review_statuses.RECUSED, 0),
			"pending": review_counts.get(review_statuses.PENDING, 0),
			"amended": amended,
		},
		"experts": frappe.db.count("Review Expert", {"user": ("like", f"%@{DOMAIN}")}),
		"files": files,
		"accounts": accounts(contest),
		"password": password,
	}


def accounts(contest: str) -> dict:
	users = set(frappe.get_all("User", filters={"name": ("like", f"%@{DOMAIN}")}, pluck="name"))
	admins = sorted(
		u
		for u in frappe.get_all(
			"Has Role", filters={"role": wf.CONTEST_ADMIN, "parenttype": "User"}, pluck="parent"
		)
		if u in users
	)
	reviewers = [
		(p.for_value, p.user)
		for p in frappe.get_all(
			"User Permission",
			filters={"allow": "Contest District", "user": ("like", f"%@{DOMAIN}")},
			fields=["user", "for_value"],
		)
	]
	order = {
		d: i
		for i, d in enumerate(frappe.get_all("Contest District", pluck="name", order_by="sort_order asc"))
	}
	reviewers.sort(key=lambda r: order.get(r[0], 99))
	experts = frappe.get_all(
		"Review Expert",
		filters={"user": ("like", f"%@{DOMAIN}")},
		fields=["user", "expert_name", "organisation"],
		order_by="user asc",
	)
	applicants = frappe.db.sql(
		"""select u.user, u.name as unit, u.unit_name, u.district, p.workflow_state from `tabParticipant Unit` u
		join `tabContest Project` p on p.unit = u.name and p.contest = %s
		where u.user like %s order by u.user""",
		(contest, f"%@{DOMAIN}"),
		as_dict=True,
	)
	return {"admins": admins, "reviewers": reviewers, "experts": experts, "applicants": applicants}


def format_report(s: dict) -> str:
	w = s["windows"]
	lines = [
		f"大赛届次：{s['contest']}",
		f"  申报 {w.application_start:%Y-%m-%d %H:%M:%S} 至 {w.application_end:%Y-%m-%d %H:%M:%S}；"
		f"区县推荐截止 {w.recommendation_deadline:%Y-%m-%d %H:%M:%S}",
		f"  专家评审 {w.review_start:%Y-%m-%d %H:%M:%S} 至 {w.review_end:%Y-%m-%d %H:%M:%S}；"
		f"公示 {w.notice_start:%Y-%m-%d %H:%M:%S} 至 {w.notice_end:%Y-%m-%d %H:%M:%S}",
		f"参赛单位 {s['units']} 个，参赛项目 {s['projects']} 个，评审专家 {s['experts']} 名，上传附件 {s['files']} 个",
		f"专家评审 {s['reviews']['total']} 份：已提交 {s['reviews']['submitted']}，已回避 {s['reviews']['recused']}，"
		f"修改评分 {s['reviews']['amended']}",
		"",
		"项目状态：",
	]
	lines += [f"  {state}：{count}" for state, count in s["states"].items()]
	lines += ["", "各区县（项目数；推荐汇总表）："]
	for d in s["districts"]:
		detail = "、".join(f"{state}{n}" for state, n in d["states"].items() if n)
		filing = f"已报送 {d['recommendation']}（{d['filed_count']}项）" if d["filed"] else "未报送"
		lines.append(f"  {d['district']}：{d['projects']} 项（{detail or '无'}）；{filing}")
	lines += ["", "评奖结果："]
	for level, projects in s["awards"].items():
		lines.append(f"  {level}：{len(projects)} 项")
		if len(projects) <= 6:
			lines += [
				f"    {p['project']} {p['project_name']}（{p['unit_name']}，{p['district']}）"
				for p in projects
			]
	lines.append(f"  未获奖：{s['not_awarded']} 项")
	f = s["final"]
	if f["published_on"]:
		lines += [
			f"最终结果：{f['published_on']:%Y-%m-%d %H:%M:%S} 公布，获奖证书 {f['certificates']} 份；"
			f"纳入市级试点示范 {f['pilot']} 项，奖补已拨付 {f['subsidy_paid']} 项、待拨付 {f['subsidy_pending']} 项，"
			f"推荐劳动竞赛 {f['labour_contest']} 项"
		]
	lines += ["", f"公示页面：{s['notice_url']}", ""]
	a = s["accounts"]
	lines.append(
		"演示账号"
		+ (f"（统一密码：{s['password']}）：" if s.get("password") else "（密码为生成时设定的演示密码）：")
	)
	lines += [f"  市局管理员：{u}" for u in a["admins"]]
	lines.append("  区县审核员：")
	lines += [f"    {district}：{user}" for district, user in a["reviewers"]]
	if a["experts"]:
		lines.append(
			f"  评审专家：{a['experts'][0].user} 至 {a['experts'][-1].user}（共{len(a['experts'])}名，"
			f"如 {a['experts'][0].expert_name}，{a['experts'][0].organisation}）"
		)
	if a["applicants"]:
		first, last = a["applicants"][0], a["applicants"][-1]
		lines.append(
			f"  参赛单位：{first.user} 至 {last.user}（共{len(a['applicants'])}个，每个账号对应一个参赛单位）"
		)
		for state in (wf.AWARDED, wf.RETURNED, wf.DRAFT):
			example = next((x for x in a["applicants"] if x.workflow_state == state), None)
			if example:
				lines.append(f"    如 {example.user}：{example.unit_name}（{example.district}，{state}）")
	if s.get("seconds") is not None:
		lines += ["", f"用时 {s['seconds']} 秒"]
	return "\n".join(lines)
