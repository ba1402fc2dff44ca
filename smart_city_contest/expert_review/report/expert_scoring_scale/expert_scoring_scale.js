frappe.query_reports["Expert Scoring Scale"] = {
	filters: [
		{
			fieldname: "contest",
			label: __("大赛届次"),
			fieldtype: "Link",
			options: "Contest Edition",
			reqd: 1,
			default: frappe.defaults.get_user_default("contest_edition") || frappe.boot.scc_current_edition,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "expert_name" && typeof value === "string") {
			value = frappe.utils.escape_html(value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "tendency" && data && data.tendency && data.tendency !== __("适中")) {
			return `<span class="indicator-pill ${data.tendency === __("偏宽") ? "orange" : "blue"}">${value}</span>`;
		}
		return value;
	},
};
