// 申报书 PDF: cover, 目录, 申报表, 方案及完成情况报告, 绩效评价表, 承诺书 and the attachments in one file.
frappe.ui.form.on("Contest Project", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_print("Contest Project", frm)) {
			return;
		}
		frm.add_custom_button(__("下载申报书（PDF）"), () => {
			const url = frappe.urllib.get_full_url(
				"/api/method/smart_city_contest.api.documents.application_pdf?" +
					new URLSearchParams({ project: frm.doc.name }).toString()
			);
			window.open(url);
		}, __("申报书"));
		frm.add_custom_button(__("打印预览"), () => {
			frappe.route_options = { frm };
			frappe.set_route("print", frm.doctype, frm.doc.name);
		}, __("申报书"));
	},
});

// 获奖证书: after 公布结果, the winning unit's users and the city bureau download it (the server decides:
// smart_city_contest.api.results.certificate_pdf).
frappe.ui.form.on("Contest Project", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.workflow_state !== "获奖") {
			return;
		}
		if (!frappe.user.has_role(["Contest Applicant", "Contest Admin", "System Manager"])) {
			return;
		}
		frm.add_custom_button(__("下载获奖证书"), () => {
			window.open(
				frappe.urllib.get_full_url(
					"/api/method/smart_city_contest.api.results.certificate_pdf?" +
						new URLSearchParams({ project: frm.doc.name }).toString()
				)
			);
		});
	},
});
