frappe.query_reports["Project Ranking"] = {
	filters: [
		{ fieldname: "contest", label: __("大赛届次"), fieldtype: "Link", options: "Contest Edition", reqd: 1 },
		{ fieldname: "district", label: __("区县"), fieldtype: "Link", options: "Contest District" },
		{
			fieldname: "domain",
			label: __("涉及领域"),
			fieldtype: "Select",
			options: ["", "产业与经济发展", "政务服务", "城市管理", "社会治理", "其他"],
		},
		{
			fieldname: "statistic",
			label: __("排名依据"),
			fieldtype: "Select",
			options: ["", "去极值平均分", "平均分", "中位数"],
			description: __("留空时按大赛届次设置"),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "disagreement" && data && data.disagreement) {
			return `<span class="indicator-pill red">${value}</span>`;
		}
		return value;
	},
};
