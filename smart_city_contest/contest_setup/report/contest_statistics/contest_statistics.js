// 大赛统计: counts and investment totals of one edition (the session's, by default) by 区县, 涉及领域 or
// 企业性质, optionally side by side with another edition. Export (XLSX) from the report's menu.
frappe.query_reports["Contest Statistics"] = {
	filters: [
		{
			fieldname: "contest",
			label: __("大赛届次"),
			fieldtype: "Link",
			options: "Contest Edition",
			reqd: 1,
			default: frappe.defaults.get_user_default("contest_edition") || frappe.boot.scc_current_edition,
		},
		{
			fieldname: "compare_with",
			label: __("对比届次"),
			fieldtype: "Link",
			options: "Contest Edition",
		},
		{
			fieldname: "group_by",
			label: __("统计维度"),
			fieldtype: "Select",
			options: "区县\n涉及领域\n企业性质",
			default: "区县",
			reqd: 1,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		return data && data.group === "合计" ? `<b>${value}</b>` : value;
	},
};
