// 作出处理决定: the city's decision on a 公示 objection (维持 / 撤销奖项 / 调整等次), made on the server by
// smart_city_contest.api.results.decide_objection (quota held, logged); the form's decision fields are read-only.
frappe.ui.form.on("Notice Objection", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.decision || !frappe.user.has_role(["Contest Admin", "System Manager"])) {
			return;
		}
		frm.add_custom_button(__("作出处理决定"), () => {
			const dialog = new frappe.ui.Dialog({
				title: __("作出处理决定"),
				fields: [
					{ fieldname: "decision", label: __("处理决定"), fieldtype: "Select", options: ["维持", "撤销奖项", "调整等次"], reqd: 1 },
					{
						fieldname: "new_level",
						label: __("调整后等次"),
						fieldtype: "Data",
						depends_on: "eval:doc.decision=='调整等次'",
						mandatory_depends_on: "eval:doc.decision=='调整等次'",
					},
					{ fieldname: "reason", label: __("决定理由"), fieldtype: "Small Text", reqd: 1 },
				],
				primary_action_label: __("确定"),
				primary_action(values) {
					frappe
						.call({
							method: "smart_city_contest.api.results.decide_objection",
							args: { objection: frm.doc.name, ...values },
						})
						.then(() => {
							dialog.hide();
							frm.reload_doc();
						});
				},
			});
			dialog.show();
		});
	},
});
