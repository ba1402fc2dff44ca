frappe.query_reports["Duplicate Applications"] = {
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
		// Names come from applicants: shown as text, never as markup.
		if (typeof value === "string" && column.fieldtype === "Data") {
			value = frappe.utils.escape_html(value);
		}
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "other_project_name" && data && data.other_project) {
			return `${value} <a class="scc-compare" data-first="${encodeURIComponent(data.project)}"
				data-second="${encodeURIComponent(data.other_project)}">${__("对比")}</a>`;
		}
		return value;
	},
	onload(report) {
		report.page.wrapper.on("click", "a.scc-compare", (e) => {
			const link = e.currentTarget;
			compare(decodeURIComponent(link.dataset.first), decodeURIComponent(link.dataset.second));
		});
	},
};

function compare(first, second) {
	frappe
		.call("smart_city_contest.api.duplicates.compare", { first, second })
		.then(({ message }) => {
			const column = (side) => `
				<div class="col-md-6">
					<h5>${frappe.utils.escape_html(side.project_name || "")}</h5>
					<p class="text-muted small">${frappe.utils.escape_html(
						[side.project, side.contest, side.unit_name, side.district].join(" · ")
					)}</p>
					${side.sections
						.map((s) => `<h6>${frappe.utils.escape_html(s.label)}</h6><div class="small">${s.html}</div>`)
						.join("")}
				</div>`;
			const dialog = new frappe.ui.Dialog({
				title: __("申报对比（文本相似度 {0}%）", [message.similarity]),
				size: "extra-large",
				fields: [{ fieldtype: "HTML", fieldname: "body" }],
			});
			// The sections' html is built by the server from escaped text and <mark> only.
			dialog.fields_dict.body.$wrapper.html(`
				<p class="text-muted small">${frappe.utils.escape_html(message.rule)}</p>
				<div class="row">${message.sides.map(column).join("")}</div>`);
			dialog.show();
		});
}
