// 全市推荐汇总表: every district's 附件2, one worksheet (or PDF section) per district.
// Heavy documents (the PDF, every 申报书 as one ZIP, an expert's 评审材料包) are made by the
// background workers (smart_city_contest/api/batches.py): the desk shows their progress and an
// alert with the file when they are done.
frappe.provide("smart_city_contest.documents");

smart_city_contest.documents.start_job = (method, args) =>
	frappe
		.call({ method: "smart_city_contest.api.batches." + method, args })
		.then(() =>
			frappe.show_alert(
				{ message: __("已开始在后台生成，可继续其他工作；完成后将在通知中提供下载链接"), indicator: "blue" },
				8
			)
		);

if (!smart_city_contest.documents.listening) {
	smart_city_contest.documents.listening = true;
	frappe.realtime.on("scc_document_ready", (data) => {
		frappe.hide_progress();
		frappe.msgprint({
			title: __("文件已生成"),
			indicator: "green",
			message: `${frappe.utils.escape_html(data.title)}：<a href="${encodeURI(data.file_url)}" target="_blank">${frappe.utils.escape_html(data.file_name)}</a>`,
		});
	});
}

frappe.ui.form.on("Contest Edition", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		const city = frappe.user.has_role(["Contest Admin", "System Manager"]);
		const download = (format) => {
			const query = new URLSearchParams({ contest: frm.doc.name, format });
			window.open(
				frappe.urllib.get_full_url(
					"/api/method/smart_city_contest.api.documents.city_summary?" + query.toString()
				)
			);
		};
		if (city) {
			frm.add_custom_button(__("全市推荐汇总表（Excel）"), () => download("xlsx"), __("推荐汇总表"));
			frm.add_custom_button(
				__("全市推荐汇总表（PDF，后台生成）"),
				() => smart_city_contest.documents.start_job("start_city_summary_pdf", { contest: frm.doc.name }),
				__("推荐汇总表")
			);
			frm.add_custom_button(
				__("生成全部申报书"),
				() =>
					frappe.confirm(__("将在后台把本届次所有已提交项目的申报书打包为一个ZIP（含目录），是否开始？"), () =>
						smart_city_contest.documents.start_job("start_application_batch", { contest: frm.doc.name })
					),
				__("申报书")
			);
		}
		if (city && !frm.doc.results_published) {
			frm.add_custom_button(
				__("公布结果"),
				() =>
					frappe.confirm(
						__("公示期已满、异议均已作出处理决定后方可公布。公布后获奖结果为最终结果，不再变更，并生成获奖证书编号。是否公布？"),
						() =>
							frappe
								.call({ method: "smart_city_contest.api.results.publish_results", args: { contest: frm.doc.name } })
								.then(() => frm.reload_doc())
					),
				__("评审结果")
			);
		}
		if (city && frm.doc.results_published) {
			frm.add_custom_button(
				__("生成全部获奖证书"),
				() =>
					frappe
						.call({ method: "smart_city_contest.api.results.start_certificate_batch", args: { contest: frm.doc.name } })
						.then(() =>
							frappe.show_alert({ message: __("已开始在后台生成，完成后将在通知中提供下载链接"), indicator: "blue" }, 8)
						),
				__("评审结果")
			);
			frm.add_custom_button(
				__("获奖项目跟踪表"),
				() => frappe.set_route("query-report", "Award Follow Up Report", { contest: frm.doc.name }),
				__("评审结果")
			);
		}
		if (frappe.user.has_role("Contest Expert") && !city) {
			frm.add_custom_button(__("下载评审材料包"), () =>
				smart_city_contest.documents.start_job("start_expert_package", { contest: frm.doc.name })
			);
		}
	},
});
