frappe.query_reports["Award Follow Up Report"] = {
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
		{ fieldname: "award_level", label: __("获奖等次"), fieldtype: "Data" },
		{ fieldname: "subsidy_status", label: __("拨付状态"), fieldtype: "Select", options: ["", "待拨付", "已拨付"] },
	],
	formatter(value, row, column, data, default_formatter) {
		// Names come from applicants: shown as text, never as markup.
		if (["project_name", "unit_name", "labour_contest_note"].includes(column.fieldname) && typeof value === "string") {
			value = frappe.utils.escape_html(value);
		}
		return default_formatter(value, row, column, data);
	},
};
