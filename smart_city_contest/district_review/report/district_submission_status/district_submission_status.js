frappe.query_reports["District Submission Status"] = {
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
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "status" && data && data.district) {
			const color = data.status === "已报送" ? "green" : data.status === "逾期未报送" ? "red" : "orange";
			return `<span class="indicator-pill ${color}">${value}</span>`;
		}
		return value;
	},
};
