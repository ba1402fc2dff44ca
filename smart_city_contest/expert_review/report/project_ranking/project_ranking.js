frappe.query_reports["Project Ranking"] = {
	filters: [
		{
			fieldname: "contest",
			label: __("大赛届次"),
			fieldtype: "Link",
			options: "Contest Edition",
			reqd: 1,
			default: frappe.defaults.get_user_default("contest_edition") || frappe.boot.scc_current_edition,
		},
		{ fieldname: "district", label: __("区县"), fieldtype: "Link", options: "Contest District" },
		{
			fieldname: "domain",
			label: __("涉及领域"),
			fieldtype: "Select",
			// The 申报表's options, from the server (rules/domains.py via setup/boot.py).
			options: ["", ...frappe.boot.scc.domains],
		},
		{
			fieldname: "statistic",
			label: __("排名依据"),
			fieldtype: "Select",
			options: ["", "去极值平均分", "平均分", "中位数", "校准分"],
			description: __("留空时按大赛届次设置"),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		// Names come from applicants: shown as text, never as markup.
		if (["project_name", "unit_name", "domains"].includes(column.fieldname) && typeof value === "string") {
			value = frappe.utils.escape_html(value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "project_name" && data && data.project && data.reviews) {
			const url = `/api/method/smart_city_contest.api.review.result_explanation_pdf?project=${encodeURIComponent(
				data.project
			)}`;
			return `${value} <a href="${url}" target="_blank" rel="noopener" title="${__(
				"评审结果说明（PDF）"
			)}">${__("说明")}</a>`;
		}
		if (column.fieldname === "disagreement" && data && data.disagreement) {
			return `<span class="indicator-pill red">${value}</span>`;
		}
		return value;
	},
	onload(report) {
		report.page.add_inner_button(__("结束评审"), () => finish_review(report));
		report.page.add_inner_button(__("评奖"), () => award_dialog(report));
	},
};

function finish_review(report) {
	const contest = report.get_filter_value("contest");
	frappe.confirm(__("将所有专家均已提交（或回避）评分的项目转为“已评审”？"), () =>
		frappe
			.xcall("smart_city_contest.api.review.finish_review", { contest })
			.then(({ finished, waiting }) => {
				frappe.msgprint(
					__("已结束评审 {0} 个项目；{1} 个项目仍有专家未评分。", [finished.length, waiting.length]),
					__("结束评审")
				);
				report.refresh();
			})
	);
}

function award_dialog(report) {
	const contest = report.get_filter_value("contest");
	const rows = (report.data || []).filter((r) => r.workflow_state === frappe.boot.scc.states.reviewed);
	if (!rows.length) {
		frappe.msgprint(__("没有“已评审”的项目可以评奖。请先结束评审。"));
		return;
	}
	frappe.db.get_doc("Contest Edition", contest).then((edition) => {
		const levels = edition.award_levels.sort((a, b) => a.rank - b.rank).map((l) => l.award_level);
		const dialog = new frappe.ui.Dialog({
			title: __("评奖（{0}）", [contest]),
			size: "extra-large",
			fields: [
				{ fieldtype: "HTML", fieldname: "preview" },
				{
					fieldtype: "Table",
					fieldname: "decisions",
					label: __("拟授奖项"),
					cannot_add_rows: true,
					in_place_edit: true,
					data: rows.map((r) => ({
						project: r.project,
						project_name: r.project_name,
						rank: r.rank,
						score: r[{ 平均分: "mean", 中位数: "median" }[report.get_filter_value("statistic")] || "trimmed_mean"],
						award_level: "",
					})),
					fields: [
						{ fieldtype: "Data", fieldname: "project", label: __("项目编号"), read_only: 1, in_list_view: 1, columns: 2 },
						{ fieldtype: "Data", fieldname: "project_name", label: __("项目名称"), read_only: 1, in_list_view: 1, columns: 4 },
						{ fieldtype: "Int", fieldname: "rank", label: __("排名"), read_only: 1, in_list_view: 1, columns: 1 },
						{ fieldtype: "Float", fieldname: "score", label: __("得分"), read_only: 1, in_list_view: 1, columns: 1 },
						{
							fieldtype: "Select",
							fieldname: "award_level",
							label: __("奖项"),
							options: ["", ...levels],
							in_list_view: 1,
							columns: 2,
						},
					],
				},
			],
			primary_action_label: __("确认评奖"),
			primary_action() {
				const decisions = collect(dialog);
				frappe.confirm(__("评奖提交后项目将转为“获奖/未获奖”，确认提交？"), () =>
					frappe
						.xcall("smart_city_contest.api.review.commit_awards", { contest, decisions })
						.then(() => {
							dialog.hide();
							frappe.show_alert({ message: __("评奖结果已保存"), indicator: "green" });
							report.refresh();
						})
				);
			},
			secondary_action_label: __("预览名额"),
			secondary_action() {
				frappe
					.xcall("smart_city_contest.api.review.preview_awards", { contest, decisions: collect(dialog) })
					.then((preview) => show_preview(dialog, preview));
			},
		});
		dialog.show();
	});
}

function collect(dialog) {
	const decisions = {};
	for (const row of dialog.get_value("decisions") || []) {
		decisions[row.project] = row.award_level || null;
	}
	return decisions;
}

function show_preview(dialog, preview) {
	const rows = Object.entries(preview.levels)
		.map(
			([level, c]) =>
				`<tr class="${c.over_by ? "text-danger" : ""}"><td>${frappe.utils.escape_html(level)}</td>
				<td>${c.unlimited ? __("若干") : c.quota}</td><td>${c.already}</td><td>${c.proposed}</td><td>${c.total}</td>
				<td>${c.over_by || ""}</td></tr>`
		)
		.join("");
	const problems = (preview.problems || []).map((p) => `<div class="text-danger">${frappe.utils.escape_html(p)}</div>`).join("");
	dialog.fields_dict.preview.$wrapper.html(`
		<table class="table table-bordered award-preview">
			<thead><tr><th>${__("奖项")}</th><th>${__("名额")}</th><th>${__("已授予")}</th><th>${__("本次拟授予")}</th>
			<th>${__("合计")}</th><th>${__("超出")}</th></tr></thead><tbody>${rows}</tbody></table>${problems}`);
}

// Open on the newest edition.
