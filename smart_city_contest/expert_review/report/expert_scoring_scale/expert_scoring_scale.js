frappe.query_reports["Expert Scoring Scale"] = {
	filters: [
		{ fieldname: "contest", label: __("大赛届次"), fieldtype: "Link", options: "Contest Edition", reqd: 1 },
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
	onload(report) {
		if (report.get_filter_value("contest")) return;
		frappe.db
			.get_list("Contest Edition", { fields: ["name"], order_by: "year desc", limit: 1 })
			.then((rows) => rows.length && report.set_filter_value("contest", rows[0].name));
	},
};
