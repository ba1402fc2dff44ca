/* The applicant portal's form (/my-application). It renders the fields the server's DocTypes define
   (window.sccPortal.parts), reads and writes them through /api/resource, uploads through
   /api/method/upload_file and moves the application through smart_city_contest.api.workflow. Every
   check is the server's: its message is shown as it comes. */
(() => {
	const PROJECT = "Contest Project";
	const UNIT = "Participant Unit";
	const cfg = window.sccPortal;
	const el = (tag, attrs = {}, ...children) => {
		const node = document.createElement(tag);
		for (const [k, v] of Object.entries(attrs)) {
			if (k === "class") node.className = v;
			else if (k === "text") node.textContent = v;
			else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
		}
		for (const c of children) if (c) node.append(c);
		return node;
	};
	const show = (id, text) => {
		const box = document.getElementById(id);
		box.textContent = text || "";
		box.style.display = text ? "" : "none";
	};

	// Deadline countdowns, on the server's clock (seconds left when the page was made).
	const pageLoaded = Date.now();
	const tick = () => {
		document.querySelectorAll(".scc-countdown").forEach((node) => {
			const left = Number(node.dataset.seconds) - Math.floor((Date.now() - pageLoaded) / 1000);
			if (left <= 0) { node.textContent = __("已截止"); node.classList.add("text-danger"); return; }
			const d = Math.floor(left / 86400), h = Math.floor((left % 86400) / 3600);
			const m = Math.floor((left % 3600) / 60), s = left % 60;
			node.textContent = __("剩余 {0}天{1}小时{2}分{3}秒", [d, h, m, s]);
			node.classList.toggle("text-danger", left < 3 * 86400);
		});
	};
	tick();
	setInterval(tick, 1000);

	// Starting an application: the three fields the server requires to create one.
	document.querySelectorAll(".scc-new-form").forEach((form) => form.addEventListener("submit", async (event) => {
		event.preventDefault();
		const error = form.querySelector(".scc-error");
		error.style.display = "none";
		const values = Object.fromEntries(new FormData(form).entries());
		for (const box of form.querySelectorAll("input[type=checkbox]")) values[box.name] = box.checked ? 1 : 0;
		try {
			const units = await sccApi.request("GET", `/api/resource/${encodeURIComponent(UNIT)}?fields=["name"]&limit_page_length=1`);
			const doc = await sccApi.insert(PROJECT, { contest: form.dataset.contest, unit: units.data[0].name, ...values });
			window.location.href = `/my-application?project=${encodeURIComponent(doc.name)}`;
		} catch (e) {
			error.textContent = e.message;
			error.style.display = "";
		}
	}));

	const section = document.getElementById("application");
	if (!section) return;
	const projectName = section.dataset.project;
	const unitName = section.dataset.unit;
	const editable = section.dataset.editable === "1";
	const docs = { [PROJECT]: null, [UNIT]: null };
	const dirty = new Set();
	const partsByKey = Object.fromEntries(cfg.parts.map((p) => [p.key, p]));

	const visible = (df, doc) => {
		if (!df.depends_on) return true;
		if (df.depends_on.startsWith("eval:")) {
			try { return !!new Function("doc", `return (${df.depends_on.slice(5)});`)(doc); } catch (e) { return true; }
		}
		return !!doc[df.depends_on];
	};
	const refreshVisibility = () => {
		document.querySelectorAll("[data-depends]").forEach((node) => {
			const doc = docs[node.dataset.doctype];
			node.style.display = visible({ depends_on: node.dataset.depends }, doc) ? "" : "none";
		});
	};
	const setValue = (doctype, fieldname, value) => {
		docs[doctype][fieldname] = value;
		dirty.add(doctype);
		refreshVisibility();
	};

	const upload = (file, attach, onDone, bar) => new Promise((resolve, reject) => {
		const data = new FormData();
		data.append("file", file, file.name);
		data.append("is_private", "1");
		data.append("doctype", attach.doctype);
		data.append("docname", attach.docname);
		const xhr = new XMLHttpRequest();
		xhr.open("POST", "/api/method/upload_file");
		xhr.setRequestHeader("Accept", "application/json");
		xhr.setRequestHeader("X-Frappe-CSRF-Token", (window.frappe && frappe.csrf_token) || "");
		bar.parentNode.style.display = "";
		bar.style.width = "0%";
		bar.textContent = "";
		xhr.upload.onprogress = (e) => {
			if (e.lengthComputable) bar.style.width = `${Math.round((e.loaded / e.total) * 100)}%`;
		};
		xhr.onload = () => {
			let body = {};
			try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
			if (xhr.status >= 200 && xhr.status < 300 && body.message) {
				bar.style.width = "100%";
				bar.parentNode.dataset.done = "1";
				onDone(body.message.file_url);
				resolve(body.message);
			} else {
				bar.parentNode.style.display = "none";
				let text = __("上传失败（HTTP {0}）", [xhr.status]);
				try { text = JSON.parse(JSON.parse(body._server_messages)[0]).message.replace(/<[^>]*>/g, ""); } catch (e) { /* keep */ }
				show("form-error", text);
				reject(new Error(text));
			}
		};
		xhr.onerror = () => { show("form-error", __("上传失败：网络错误")); reject(new Error("network")); };
		xhr.send(data);
	});

	const fileControl = (doctype, docname, fieldname, current, onDone, id) => {
		const wrap = el("div", { class: "scc-file", "data-field": fieldname });
		const link = el("a", { href: current || "#", target: "_blank", class: "scc-file-link", text: current ? decodeURIComponent(current.split("/").pop()) : __("（未上传）") });
		if (!current) link.removeAttribute("href");
		wrap.append(el("div", {}, link));
		if (editable) {
			const input = el("input", { type: "file", class: "form-control-file mt-1", id, accept: ".pdf,.jpg,.jpeg,.png,.mp4,.doc,.docx,.xls,.xlsx,.zip" });
			const bar = el("div", { class: "progress-bar", role: "progressbar" });
			const progress = el("div", { class: "progress", style: "display:none" }, bar);
			input.addEventListener("change", () => {
				if (!input.files.length) return;
				show("form-error", "");
				upload(input.files[0], { doctype, docname, fieldname }, (url) => {
					link.textContent = decodeURIComponent(url.split("/").pop());
					link.href = url;
					onDone(url);
				}, bar).catch(() => {});
			});
			wrap.append(input, progress);
		}
		return wrap;
	};

	const control = (doctype, df) => {
		const doc = docs[doctype];
		const id = `f-${df.fieldname}`;
		const value = doc[df.fieldname];
		const label = el("label", { for: id, text: df.label + (df.reqd ? " *" : "") });
		const group = el("div", { class: "form-group", "data-fieldname": df.fieldname });
		if (df.depends_on) { group.dataset.depends = df.depends_on; group.dataset.doctype = doctype; }
		let input;
		switch (df.fieldtype) {
		case "Check":
			input = el("input", { type: "checkbox", class: "form-check-input", id, disabled: !editable });
			input.checked = !!value;
			input.addEventListener("change", () => setValue(doctype, df.fieldname, input.checked ? 1 : 0));
			group.className = "form-group form-check";
			group.append(input, el("label", { for: id, class: "form-check-label", text: df.label }));
			return group;
		case "Select":
			input = el("select", { class: "form-control", id, disabled: !editable });
			for (const o of df.options) input.append(el("option", { value: o, text: o || __("请选择") }));
			input.value = value || "";
			input.addEventListener("change", () => setValue(doctype, df.fieldname, input.value));
			break;
		case "Small Text":
			input = el("textarea", { class: "form-control", id, rows: 4, disabled: !editable });
			input.value = value || "";
			input.addEventListener("input", () => setValue(doctype, df.fieldname, input.value));
			break;
		case "Text Editor":
			input = el("div", { class: "scc-rich", id, contenteditable: editable ? "true" : "false", role: "textbox", "aria-multiline": "true" });
			input.innerHTML = value || "";  // the server sanitised what it stored
			input.addEventListener("input", () => setValue(doctype, df.fieldname, input.innerHTML));
			break;
		case "Attach":
			group.append(label, fileControl(doctype, doc.name, df.fieldname, value, (url) => setValue(doctype, df.fieldname, url), id));
			return group;
		default: {
			const type = { Date: "date", Float: "number", Int: "number", Percent: "number" }[df.fieldtype] || "text";
			input = el("input", { class: "form-control", id, type, disabled: !editable, step: type === "number" ? "any" : undefined });
			input.value = value ?? "";
			input.addEventListener("input", () => {
				const v = input.value;
				setValue(doctype, df.fieldname, type === "number" ? (v === "" ? null : Number(v)) : v);
			});
		}
		}
		group.append(label, input);
		if (df.description) group.append(el("small", { class: "form-text text-muted", text: df.description }));
		return group;
	};

	const rowsEditor = (tableField, childKey, renderRow, blank) => {
		const wrap = el("div", { class: "scc-table", "data-table": tableField });
		const list = el("div", { class: "scc-rows" });
		const redraw = () => {
			list.replaceChildren();
			(docs[PROJECT][tableField] || []).forEach((row, i) => list.append(renderRow(row, i, redraw)));
		};
		wrap.append(list);
		if (editable) {
			const add = el("button", { type: "button", class: "btn btn-sm btn-outline-primary scc-add-row", text: __("＋ 添加一行") });
			add.addEventListener("click", () => {
				docs[PROJECT][tableField] = [...(docs[PROJECT][tableField] || []), blank()];
				dirty.add(PROJECT);
				redraw();
			});
			wrap.append(add);
		}
		redraw();
		return wrap;
	};

	const rowField = (row, df, onChange, options) => {
		const group = el("div", { class: "form-group mb-2" });
		const label = el("label", { text: df.label + (df.reqd ? " *" : ""), class: "small" });
		let input;
		if (df.fieldtype === "Select") {
			input = el("select", { class: "form-control form-control-sm", disabled: !editable, "data-row-field": df.fieldname });
			for (const o of options || df.options) input.append(el("option", { value: o, text: o || __("请选择") }));
			input.value = row[df.fieldname] || "";
			input.addEventListener("change", () => onChange(input.value));
		} else if (df.fieldtype === "Small Text") {
			input = el("textarea", { class: "form-control form-control-sm", rows: 2, disabled: !editable, "data-row-field": df.fieldname });
			input.value = row[df.fieldname] || "";
			input.addEventListener("input", () => onChange(input.value));
		} else {
			input = el("input", { class: "form-control form-control-sm", disabled: !editable, "data-row-field": df.fieldname });
			input.value = row[df.fieldname] || "";
			input.addEventListener("input", () => onChange(input.value));
		}
		group.append(label, input);
		return group;
	};

	const removeButton = (tableField, i, redraw) => {
		if (!editable) return "";  // appended as nothing (Element.append writes null as the text “null”)
		const b = el("button", { type: "button", class: "btn btn-sm btn-link text-danger", text: __("删除此行") });
		b.addEventListener("click", () => {
			docs[PROJECT][tableField].splice(i, 1);
			dirty.add(PROJECT);
			redraw();
		});
		return b;
	};

	const indicatorRow = (row, i, redraw) => {
		const fields = Object.fromEntries(partsByKey["Performance Indicator"].fields.map((f) => [f.fieldname, f]));
		const box = el("div", { class: "scc-row scc-indicator", "data-idx": i + 1 });
		const change = (name) => (v) => { row[name] = v; dirty.add(PROJECT); };
		const level2Options = ["", ...(cfg.taxonomy[row.level_1] || []), ...(row.level_1 && row.level_1 !== cfg.other ? [cfg.other] : [])];
		box.append(el("div", { class: "small text-muted mb-1", text: __("第{0}行", [i + 1]) }));
		box.append(rowField(row, fields.level_1, (v) => { row.level_1 = v; row.level_2 = ""; dirty.add(PROJECT); redraw(); }, ["", ...Object.keys(cfg.taxonomy)]));
		if (row.level_1 === cfg.other) box.append(rowField(row, fields.level_1_other, change("level_1_other")));
		box.append(rowField(row, fields.level_2, (v) => { row.level_2 = v; dirty.add(PROJECT); redraw(); }, level2Options));
		if (row.level_2 === cfg.other) box.append(rowField(row, fields.level_2_other, change("level_2_other")));
		box.append(rowField(row, fields.indicator_content, change("indicator_content")));
		box.append(rowField(row, fields.indicator_value, change("indicator_value")));
		box.append(rowField(row, fields.completion, change("completion")));
		box.append(removeButton("indicators", i, redraw));
		return box;
	};

	const attachmentRow = (row, i, redraw) => {
		const fields = Object.fromEntries(partsByKey["Contest Project Attachment"].fields.map((f) => [f.fieldname, f]));
		const box = el("div", { class: "scc-row scc-attachment", "data-idx": i + 1 });
		box.append(rowField(row, fields.attachment_type, (v) => { row.attachment_type = v; dirty.add(PROJECT); }));
		box.append(rowField(row, fields.description, (v) => { row.description = v; dirty.add(PROJECT); }));
		const group = el("div", { class: "form-group mb-2" }, el("label", { class: "small", text: fields.file.label + " *" }));
		group.append(fileControl(PROJECT, projectName, null, row.file, (url) => { row.file = url; dirty.add(PROJECT); }, `f-attachment-${i + 1}`));
		box.append(group, removeButton("attachments", i, redraw));
		return box;
	};

	const render = () => {
		const root = document.getElementById("parts");
		root.replaceChildren();
		for (const part of cfg.parts.filter((p) => p.title)) {
			const doctype = part.doctype;
			const block = el("div", { class: "scc-part", id: `part-${part.key}` }, el("h2", { text: part.title }));
			for (const df of part.fields) {
				if (df.fieldtype === "Section Break") {
					if (df.label) block.append(el("h3", { class: "h6 mt-3 text-muted", text: df.label }));
				} else if (df.fieldtype === "Column Break" || df.fieldtype === "Tab Break") {
					continue;
				} else if (df.fieldname === "indicators") {
					block.append(el("label", { text: df.label }), rowsEditor("indicators", "Performance Indicator", indicatorRow,
						() => ({ level_1: "", level_2: "", indicator_content: "", indicator_value: "", completion: "" })));
				} else if (df.fieldname === "attachments") {
					block.append(rowsEditor("attachments", "Contest Project Attachment", attachmentRow,
						() => ({ attachment_type: "", description: "", file: "" })));
				} else {
					block.append(control(doctype, df));
				}
			}
			root.append(block);
		}
		refreshVisibility();
	};

	const load = async () => {
		const [project, unit] = await Promise.all([sccApi.get(PROJECT, projectName), sccApi.get(UNIT, unitName)]);
		docs[PROJECT] = project;
		docs[UNIT] = unit;
		dirty.clear();
		render();
	};

	const fieldsOf = (doctype) => new Set(cfg.parts.filter((p) => p.title && p.doctype === doctype).flatMap((p) => p.fields.map((f) => f.fieldname)));
	const save = async () => {
		show("form-error", "");
		show("form-ok", "");
		for (const doctype of [UNIT, PROJECT]) {
			if (!dirty.has(doctype)) continue;
			const names = fieldsOf(doctype);
			const values = Object.fromEntries(Object.entries(docs[doctype]).filter(([k]) => names.has(k)));
			const name = doctype === UNIT ? unitName : projectName;
			docs[doctype] = await sccApi.update(doctype, name, values);
			dirty.delete(doctype);
		}
		render();
	};

	const guarded = (button, work) => async () => {
		button.disabled = true;
		try { await work(); } catch (e) { show("form-error", e.message); } finally { button.disabled = false; }
	};

	const check = async () => {
		await save();
		const r = await sccApi.request("GET", `/api/method/smart_city_contest.api.workflow.submission_check?project=${encodeURIComponent(projectName)}`);
		const box = document.getElementById("completeness");
		const out = document.getElementById("completeness-result");
		out.replaceChildren();
		if (r.message.complete) {
			out.append(el("p", { class: "text-success mb-0", id: "complete-ok", text: __("申报内容已齐全，可以提交。") }));
		} else {
			out.append(el("p", { class: "text-danger", text: __("还缺少以下{0}项：", [r.message.missing.length]) }));
			const list = el("ul", { id: "missing-list" });
			r.message.missing.forEach((m) => list.append(el("li", { text: m })));
			out.append(list);
		}
		box.style.display = "";
		box.scrollIntoView({ block: "nearest" });
		return r.message.complete;
	};

	if (editable) {
		const saveBtn = document.getElementById("btn-save");
		saveBtn.addEventListener("click", guarded(saveBtn, async () => { await save(); show("form-ok", __("已保存。")); }));
		const checkBtn = document.getElementById("btn-check");
		checkBtn.addEventListener("click", guarded(checkBtn, check));
		const submitBtn = document.getElementById("btn-submit");
		submitBtn.addEventListener("click", guarded(submitBtn, async () => {
			const action = submitBtn.dataset.action;
			if (!window.confirm(__("确认{0}？{0}后内容不能再修改。", [action]))) return;
			await save();
			await sccApi.call("smart_city_contest.api.workflow.apply_project_action", { project: projectName, action });
			window.location.href = `/my-application?project=${encodeURIComponent(projectName)}&done=1`;
		}));
		window.addEventListener("beforeunload", (e) => { if (dirty.size) { e.preventDefault(); e.returnValue = ""; } });
	}

	load().catch((e) => show("form-error", e.message));
})();
