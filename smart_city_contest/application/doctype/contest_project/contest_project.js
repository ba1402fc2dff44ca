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

// 盖章申报书与纸质材料: the unit uploads the stamped scan (also after 提交, when the form is read-only);
// the city bureau records the paper copy's receipt. The server decides who may (permissions/edit_rights.py).
frappe.ui.form.on("Contest Project", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		const city = frappe.user.has_role("Contest Admin") || frappe.user.has_role("System Manager");
		if (city || frappe.user.has_role("Contest Applicant")) {
			frm.add_custom_button(__("上传盖章申报书扫描件"), () => {
				new frappe.ui.FileUploader({
					doctype: frm.doctype,
					docname: frm.doc.name,
					fieldname: "stamped_application",
					make_attachments_public: 0,
					allow_multiple: false,
					restrictions: { allowed_file_types: [".pdf"] },
					on_success(file) {
						frappe.client
							.set_value(frm.doctype, frm.doc.name, "stamped_application", file.file_url)
							.then(() => frm.reload_doc());
					},
				});
			}, __("盖章与纸质材料"));
		}
		if (city && !frappe.boot.scc.states.applicant_editable.includes(frm.doc.workflow_state)) {
			frm.add_custom_button(__("登记纸质材料接收"), () => {
				frappe.prompt(
					[
						{ fieldname: "paper_received_on", fieldtype: "Date", label: __("纸质材料接收日期"), reqd: 1,
							default: frm.doc.paper_received_on || frappe.datetime.get_today() },
						{ fieldname: "paper_received_by", fieldtype: "Data", label: __("纸质材料接收人"),
							default: frm.doc.paper_received_by || frappe.session.user_fullname },
					],
					(values) => frappe.client.set_value(frm.doctype, frm.doc.name, values).then(() => frm.reload_doc()),
					__("登记纸质材料接收（一式一份）"),
					__("登记"),
				);
			}, __("盖章与纸质材料"));
		}
	},
});

// 获奖证书: after 公布结果, the winning unit's users and the city bureau download it (the server decides:
// smart_city_contest.api.results.certificate_pdf).
frappe.ui.form.on("Contest Project", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.workflow_state !== frappe.boot.scc.states.awarded) {
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
