frappe.call("smart_city_contest.api.desk.my_deadlines").then(({ message }) => {
	const box = root_element.querySelector(".scc-items");
	if (!message.items.length) { box.textContent = __("暂无时间节点"); return; }
	box.innerHTML = "";
	for (const item of message.items) {
		const s = item.seconds_left;
		const days = Math.floor(Math.abs(s) / 86400), hours = Math.floor((Math.abs(s) % 86400) / 3600);
		const left = s < 0 ? __("已截止（{0}天{1}小时前）", [days, hours]) : __("剩余 {0} 天 {1} 小时", [days, hours]);
		const row = document.createElement("div");
		row.className = "scc-item";
		row.innerHTML = `<span>${frappe.utils.escape_html(item.label)}${item.note ? "（" + frappe.utils.escape_html(item.note) + "）" : ""}</span>
			<span class="scc-left ${s < 0 ? "scc-overdue" : s < 3 * 86400 ? "scc-soon" : ""}">${item.deadline.slice(0, 16)}　${left}</span>`;
		box.appendChild(row);
	}
});
