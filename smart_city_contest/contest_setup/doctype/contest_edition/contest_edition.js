// 全市推荐汇总表: every district's 附件2, one worksheet (or PDF section) per district.
frappe.ui.form.on("Contest Edition", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		const download = (format) => {
			const query = new URLSearchParams({ contest: frm.doc.name, format });
			window.open(
				frappe.urllib.get_full_url(
					"/api/method/smart_city_contest.api.documents.city_summary?" + query.toString()
				)
			);
		};
		frm.add_custom_button(__("全市推荐汇总表（Excel）"), () => download("xlsx"), __("推荐汇总表"));
		frm.add_custom_button(__("全市推荐汇总表（PDF）"), () => download("pdf"), __("推荐汇总表"));
	},
});
