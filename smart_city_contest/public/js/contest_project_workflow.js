// The actions that ask for the reason the applicant will see (退回修改, 不予推荐), as the server decides them
// (rules/project_workflow.py, read at boot: setup/boot.py); the server refuses them without one.
const scc_workflow = () => frappe.boot.scc || { actions_needing_reason: [], states: { with_district_reason: [] } };

frappe.ui.form.on("Contest Project", {
	before_workflow_action(frm) {
		const action = frm.selected_workflow_action;
		if (!scc_workflow().actions_needing_reason.includes(action)) {
			return;
		}
		return new Promise((resolve, reject) => {
			const dialog = new frappe.ui.Dialog({
				title: __("{0}：请填写原因", [action]),
				fields: [
					{
						fieldname: "reason",
						fieldtype: "Small Text",
						label: __("原因（参赛单位可见）"),
						reqd: 1,
					},
				],
				primary_action_label: action,
				primary_action({ reason }) {
					frm.doc.__transition_reason = reason;
					dialog.hide();
					resolve();
				},
			});
			dialog.onhide = () => {
				if (!frm.doc.__transition_reason) {
					reject();
				}
			};
			dialog.show();
		});
	},
	after_workflow_action(frm) {
		delete frm.doc.__transition_reason;
	},
	refresh(frm) {
		if (frm.doc.review_reason && scc_workflow().states.with_district_reason.includes(frm.doc.workflow_state)) {
			frm.dashboard.set_headline_alert(
				`<div class="text-danger">${__("区县审核意见")}：${frappe.utils.escape_html(frm.doc.review_reason)}</div>`
			);
		}
	},
});

// The timeline writes a field's empty old value as “null” (Frappe's version_timeline_content_builder
// passes the raw value to html2text): an empty value reads as nothing, shown by Frappe as "".
if (!frappe.utils.html2text.scc_keeps_empty) {
	const html2text = frappe.utils.html2text;
	frappe.utils.html2text = (html) => (html === null || html === undefined ? "" : html2text(html));
	frappe.utils.html2text.scc_keeps_empty = true;
}
