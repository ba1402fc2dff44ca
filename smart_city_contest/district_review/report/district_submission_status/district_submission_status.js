frappe.query_reports["District Submission Status"] = {
	filters: [
		{
			fieldname: "contest",
			label: __("大赛届次"),
			fieldtype: "Link",
			options: "Contest Edition",
			reqd: 1,
		},
	],
	onload(report) {
		latest_edition(report);
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && data.district) {
			const color = data.status === "已报送" ? "green" : data.status === "逾期未报送" ? "red" : "orange";
			return `<span class="indicator-pill ${color}">${value}</span>`;
		}
		return value;
	},
};

// Open on the newest edition.
function latest_edition(report) {
	if (report.get_filter_value("contest")) return;
	frappe.db
		.get_list("Contest Edition", { fields: ["name"], order_by: "application_start desc", limit: 1 })
		.then((rows) => rows.length && report.set_filter_value("contest", rows[0].name));
}
