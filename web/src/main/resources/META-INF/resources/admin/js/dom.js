/** Small DOM helpers: every text goes in as text, never as HTML. */

/** Builds an element: h("p", { class: "x", onclick: fn }, "text", child). */
export function h(tag, attributes = {}, ...children) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === undefined || value === null || value === false) continue;
		// Through CSSOM: the console's Content-Security-Policy refuses style attributes.
		if (name === "style") for (const [property, v] of Object.entries(value)) node.style.setProperty(property, v);
		else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
		else if (name in node && typeof value !== "string") node[name] = value;
		else node.setAttribute(name, value === true ? "" : value);
	}
	append(node, children);
	return node;
}

function append(node, children) {
	for (const child of children) {
		if (child === undefined || child === null || child === false) continue;
		if (Array.isArray(child)) append(node, child);
		else node.append(child instanceof Node ? child : String(child));
	}
}

let nextId = 0;

/** A unique id for label/description wiring. */
export const uid = (prefix = "f") => `${prefix}-${++nextId}`;

/** A labelled form control with an optional hint and a slot for its error, wired with aria-describedby. */
export function field(label, control, hint) {
	control.id ||= uid();
	const hintNode = hint ? h("p", { class: "hint", id: uid("hint") }, hint) : null;
	const error = h("p", { class: "field-error", id: uid("err"), hidden: true });
	control.setAttribute("aria-describedby", [hintNode?.id, error.id].filter(Boolean).join(" "));
	const wrapper = h("div", { class: control.type === "checkbox" ? "field check" : "field" },
		control.type === "checkbox" ? [control, h("label", { for: control.id }, label)] : [h("label", { for: control.id }, label), control],
		hintNode, error);
	wrapper.control = control;
	wrapper.showError = (message) => {
		error.textContent = message || "";
		error.hidden = !message;
		if (message) control.setAttribute("aria-invalid", "true");
		else control.removeAttribute("aria-invalid");
	};
	return wrapper;
}

/** A table with a caption, header cells and one row per item. */
export function table(caption, headers, rows) {
	return h("div", { class: "table-wrap" }, h("table", {},
		h("caption", {}, caption),
		h("thead", {}, h("tr", {}, headers.map((name) => h("th", { scope: "col" }, name)))),
		h("tbody", {}, rows.length ? rows : h("tr", {}, h("td", { colspan: headers.length, class: "empty" }, "Nothing here yet.")))));
}

/**
 * Previous/next page buttons for a list the server pages: load(page) shows that page and resolves to how many items
 * it got; a short page is the last. Returns the buttons and a function that shows the first page.
 */
export function pager(size, load) {
	let page = 0;
	const go = async (wanted) => {
		const count = await load(wanted);
		if (count === undefined) return; // the screen moved on
		page = wanted;
		previous.disabled = page === 0;
		next.disabled = count < size;
	};
	const previous = h("button", { type: "button", class: "secondary", onclick: () => go(page - 1) }, "Previous page");
	const next = h("button", { type: "button", class: "secondary", onclick: () => go(page + 1) }, "Next page");
	return { buttons: h("div", { class: "buttons" }, previous, next), first: () => go(0) };
}

/** A polite live region for the outcome of an operation; errors are announced as alerts. */
export function status() {
	const node = h("p", { class: "status", role: "status" });
	node.ok = (text) => {
		node.className = "status ok";
		node.textContent = text;
	};
	node.fail = (error) => {
		node.className = "status failed";
		node.textContent = error.message || String(error);
	};
	node.clear = () => {
		node.className = "status";
		node.textContent = "";
	};
	return node;
}

/** A copy button and its outcome; where the clipboard is refused, the text's field is selected for Ctrl+C instead. */
export function copyButton(label, text, textField) {
	const outcome = status();
	const button = h("button", { type: "button", onclick: async () => {
		try {
			await navigator.clipboard.writeText(text);
			outcome.ok("Copied.");
		} catch {
			textField.select();
			outcome.ok("Selected; press Ctrl+C (⌘C) to copy.");
		}
	} }, label);
	return [button, outcome];
}

export const badge = (text, kind = "") => h("span", { class: `badge ${kind}` }, text);

export function formatTime(iso) {
	return iso ? new Date(iso).toLocaleString() : "";
}

export function formatMoney(value) {
	if (value === null || value === undefined) return "unknown";
	const number = Number(value);
	if (number === 0 || number >= 1) return `$${number.toFixed(2)}`;
	return `$${number < 0.01 ? number.toPrecision(2) : number.toFixed(4)}`;
}

export const pretty = (value) => JSON.stringify(value, null, 2);
