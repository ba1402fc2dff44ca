// 推荐汇总表（附件2）: download the official table of this district, as PDF (A4 landscape) or XLSX.
frappe.ui.form.on("District Recommendation", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		for (const [label, format] of [
			[__("下载推荐汇总表（PDF）"), "pdf"],
			[__("下载推荐汇总表（XLSX）"), "xlsx"],
		]) {
			frm.add_custom_button(label, () => {
				const params = { contest: frm.doc.contest, district: frm.doc.district, format };
				if (frm.doc.fill_date) {
					params.fill_date = frm.doc.fill_date;
				}
				window.open(
					frappe.urllib.get_full_url(
						"/api/method/smart_city_contest.api.documents.district_summary?" + new URLSearchParams(params)
					)
				);
			}, __("推荐汇总表"));
		}
	},
});
