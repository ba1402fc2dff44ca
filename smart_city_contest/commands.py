"""Bench commands of the app. Frappe v15 finds them here: bench imports `<app>.commands` and adds every
click command in its `commands` list (frappe/utils/bench_helper.py, get_app_commands).

	bench --site contest.localhost contest-demo [--units 100] [--reset | --remove] [--seed 2021] [--password Demo@2021]
"""

import click
from frappe.commands import get_site, pass_context

from smart_city_contest.demo import DEFAULT_PASSWORD, DEFAULT_SEED, DEFAULT_UNITS, MIN_UNITS


@click.command(
	"contest-demo",
	help="生成演示数据：一届完整的智慧泉城创新应用大赛（申报、区县推荐、专家评审、评奖、公示）",
)
@click.option(
	"--units",
	type=click.IntRange(MIN_UNITS, 2000),
	default=DEFAULT_UNITS,
	show_default=True,
	help="参赛单位数量（分布在各区县，每个单位申报1个项目）",
)
@click.option("--reset", is_flag=True, default=False, help="先删除已有的演示数据，再重新生成")
@click.option("--remove", is_flag=True, default=False, help="只删除演示数据，不重新生成")
@click.option(
	"--seed", type=int, default=DEFAULT_SEED, show_default=True, help="随机种子：相同种子生成相同内容"
)
@click.option("--password", default=DEFAULT_PASSWORD, show_default=True, help="所有演示账号的统一密码")
@pass_context
def contest_demo(context, units, reset, remove, seed, password):
	import frappe

	from smart_city_contest.demo import builder, cleanup, summary

	site = get_site(context)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.local.lang = "zh"
		if remove:
			cleanup.remove(click.echo)
			return
		result = builder.build(units=units, seed=seed, password=password, reset=reset, log=click.echo)
		click.echo("")
		click.echo(summary.format_report(result))
	finally:
		frappe.destroy()


commands = [contest_demo]
