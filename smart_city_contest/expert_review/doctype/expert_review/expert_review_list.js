// The expert's 评审材料包: the 申报书 of his assigned projects of an edition as one ZIP with its 目录,
// made by a background worker (smart_city_contest/api/batches.py); an alert brings the file.
frappe.listview_settings["Expert Review"] = Object.assign(frappe.listview_settings["Expert Review"] || {}, {
	onload(listview) {
		if (!frappe.user.has_role("Contest Expert")) {
			return;
		}
		listview.page.add_inner_button(__("下载评审材料包"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("下载评审材料包"),
				fields: [
					{ fieldname: "contest", fieldtype: "Link", options: "Contest Edition", label: __("大赛届次"), reqd: 1 },
				],
				primary_action_label: __("开始生成"),
				primary_action({ contest }) {
					dialog.hide();
					frappe
						.call({ method: "smart_city_contest.api.batches.start_expert_package", args: { contest } })
						.then(() =>
							frappe.show_alert(
								{ message: __("已开始在后台生成评审材料包，完成后将在通知中提供下载链接"), indicator: "blue" },
								8
							)
						);
				},
			});
			dialog.show();
		});
		frappe.realtime.off("scc_document_ready");
		frappe.realtime.on("scc_document_ready", (data) => {
			frappe.hide_progress();
			frappe.msgprint({
				title: __("文件已生成"),
				indicator: "green",
				message: `${frappe.utils.escape_html(data.title)}：<a href="${encodeURI(data.file_url)}" target="_blank">${frappe.utils.escape_html(data.file_name)}</a>`,
			});
		});
	},
});
