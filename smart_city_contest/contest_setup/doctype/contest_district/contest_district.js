// 附件2 推荐汇总表 of this district for an edition, as PDF (A4 landscape) or Excel.
frappe.ui.form.on("Contest District", {
	refresh(frm) {
		if (frm.is_new()) {
			return;
		}
		const download = (format) => {
			frappe.prompt(
				[
					{
						fieldname: "contest",
						fieldtype: "Link",
						options: "Contest Edition",
						label: __("大赛届次"),
						reqd: 1,
					},
				],
				({ contest }) => {
					const query = new URLSearchParams({ contest, district: frm.doc.name, format });
					window.open(
						frappe.urllib.get_full_url(
							"/api/method/smart_city_contest.api.documents.district_summary?" + query.toString()
						)
					);
				},
				__("推荐汇总表"),
				__("下载")
			);
		};
		frm.add_custom_button(__("推荐汇总表（PDF）"), () => download("pdf"), __("推荐汇总表"));
		frm.add_custom_button(__("推荐汇总表（Excel）"), () => download("xlsx"), __("推荐汇总表"));
	},
});
