import { del, get, path, put, session } from "../api.js";
import { badge, field, h, status, table } from "../dom.js";
import { problemMessage, settingsFields, showFieldErrors } from "../settings-form.js";

const CIRCUIT = { closed: "ok", "half-open": "warn", open: "bad" };

/** Model backends with capabilities, prices and health, and the role map that sends each role to them. */
export async function render(container, _argument, current, notice) {
	const [backends, routing, factories] = await Promise.all([get("/api/v1/admin/backends"), get("/api/v1/admin/routing"),
		get("/api/v1/admin/console/factories")]);
	if (!current()) return;
	const outcome = status();
	if (notice) outcome.ok(notice);
	const reload = (message) => render(container, undefined, current, message);
	const editor = h("div");
	const modelFactories = factories.filter((f) => f.kind === "model");
	const openEditor = (backend) => {
		editor.replaceChildren(backendForm(backend, modelFactories, reload, () => editor.replaceChildren()));
		editor.querySelector("input, select").focus();
	};
	container.replaceChildren(
		h("section", { "aria-labelledby": "backends-title" },
			h("h2", { id: "backends-title" }, "Backends"),
			table("The tenant's model backends, in preference order", ["Name", "Model", "Capabilities", "Price per M tokens (in / out)", "Health", ""],
				backends.map((b) => h("tr", {},
					h("th", { scope: "row" }, b.name, h("div", { class: "sub" }, `${b.factoryId} · ${b.source}`)),
					h("td", {}, b.model || "—", b.contextWindow ? h("div", { class: "sub" }, `${b.contextWindow.toLocaleString()} tokens`) : null),
					h("td", {}, (b.capabilities || []).map((c) => badge(c.toLowerCase()))),
					h("td", {}, b.inputPrice == null ? "unknown" : `$${b.inputPrice} / $${b.outputPrice}`),
					h("td", {}, badge(b.live ? "live" : "not live", b.live ? "ok" : "bad"), " ", badge(`circuit ${b.circuit}`, CIRCUIT[b.circuit])),
					h("td", { class: "row-actions" }, b.source === "api" ? [
						h("button", { type: "button", class: "secondary write", "aria-label": `Edit ${b.name}`, onclick: () => openEditor(b) }, "Edit"),
						h("button", { type: "button", class: "danger write", "aria-label": `Delete ${b.name}`, onclick: async () => {
							if (!confirm(`Delete backend ${b.name}?`)) return;
							await del(path`/api/v1/admin/backends/${b.name}`).then(() => reload(`Deleted backend ${b.name}.`), (e) => outcome.fail(e));
						} }, "Delete")] : h("span", { class: "sub" }, "from the server's settings"))))),
			h("button", { type: "button", class: "write", onclick: () => openEditor(null) }, "Add a backend"), editor, outcome),
		roleMap(routing, backends, reload));
}

export function backendForm(backend, factories, reload, close) {
	const name = h("input", { name: "name", required: true, pattern: "[a-z0-9][a-z0-9-]{0,62}", value: backend?.name ?? "", disabled: !!backend, spellcheck: false });
	const factory = h("select", { name: "factoryId" }, factories.map((f) => h("option", { value: f.id, selected: f.id === backend?.factoryId }, `${f.title} (${f.id})`)));
	const position = h("input", { name: "position", type: "number", min: "0", value: String(backend?.position ?? 0) });
	const inputPrice = h("input", { name: "inputPrice", type: "number", min: "0", step: "any", value: backend?.inputPrice ?? "" });
	const outputPrice = h("input", { name: "outputPrice", type: "number", min: "0", step: "any", value: backend?.outputPrice ?? "" });
	const settingsBox = h("fieldset", {}, h("legend", {}, "Settings"));
	const outcome = h("div");
	let settings;
	const fields = new Map();
	const showSettings = () => {
		const chosen = factories.find((f) => f.id === factory.value);
		settings = settingsFields(chosen?.settings ?? [], backend?.factoryId === factory.value ? backend.config : {},
			backend?.factoryId === factory.value ? backend.secretsSet : []);
		settingsBox.replaceChildren(settingsBox.firstChild, ...settings.nodes);
	};
	factory.addEventListener("change", showSettings);
	showSettings();
	const named = { name: field("Name", name, "Lower-case letters, digits and dashes."), position: field("Position", position, "Lower is preferred."),
		inputPrice: field("Input price (US$ per million tokens)", inputPrice), outputPrice: field("Output price (US$ per million tokens)", outputPrice) };
	return h("form", { class: "card", "aria-label": backend ? `Edit backend ${backend.name}` : "New backend", onsubmit: async (event) => {
		event.preventDefault();
		outcome.replaceChildren();
		const allFields = new Map([...Object.entries(named), ...settings.fields]);
		try {
			await put(path`/api/v1/admin/backends/${name.value}`, {
				factoryId: factory.value, config: settings.values(), position: Number(position.value || 0),
				inputPrice: inputPrice.value === "" ? undefined : Number(inputPrice.value),
				outputPrice: outputPrice.value === "" ? undefined : Number(outputPrice.value),
			});
			await reload(`Saved backend ${name.value}.`);
		} catch (error) {
			outcome.replaceChildren(problemMessage(error, showFieldErrors(error.errors, allFields)));
		}
	} },
	h("h3", {}, backend ? `Edit ${backend.name}` : "New backend"),
	named.name, field("Model plugin", factory), settingsBox, named.position, h("div", { class: "pair" }, named.inputPrice, named.outputPrice),
	h("div", { class: "buttons" }, h("button", { type: "submit" }, "Save backend"), h("button", { type: "button", class: "secondary", onclick: close }, "Cancel")),
	outcome);
}

/** Each role's ordered backends; the server refuses a map that does not fit (by JSON path), shown by the role. */
function roleMap(routing, backends, reload) {
	const stored = routing.settings || {};
	const roles = Object.keys(routing.effective);
	const inputs = new Map();
	const fields = new Map();
	for (const role of roles) {
		const input = h("input", { name: role, spellcheck: false, value: (stored.roles?.[role]?.backends || []).join(", "), list: "backend-names", readonly: session.viewer });
		inputs.set(role, input);
		fields.set(role, field(`${role} backends`, input, `In order, comma-separated. Empty: all backends. Effective now: ${routing.effective[role].join(", ") || "none"}.`));
	}
	const llmRouter = h("input", { type: "checkbox", name: "llmRouter", checked: stored.llmRouter === true, disabled: session.viewer });
	const outcome = h("div");
	const problems = Object.entries(routing.problems || {});
	return h("section", { "aria-labelledby": "roles-title" },
		h("h2", { id: "roles-title" }, "Role map"),
		problems.length ? h("div", { class: "status warn", role: "note" }, h("p", {}, "Mapped backends that no longer fit their role (turns skip them):"),
			h("ul", {}, problems.map(([where, what]) => h("li", {}, `${where}: ${what}`)))) : null,
		table("Backends each role uses now, first preferred", ["Role", "Effective backends"],
			roles.map((role) => h("tr", {}, h("th", { scope: "row" }, role), h("td", { class: "effective" }, routing.effective[role].join(" → ") || "none")))),
		h("datalist", { id: "backend-names" }, backends.map((b) => h("option", { value: b.name }))),
		h("form", { class: "card", "aria-label": "Role map", onsubmit: async (event) => {
			event.preventDefault();
			const next = structuredClone(stored);
			next.roles ||= {};
			for (const [role, input] of inputs) {
				const names = input.value.split(",").map((s) => s.trim()).filter(Boolean);
				if (names.length) next.roles[role] = { ...next.roles[role], backends: names };
				else if (next.roles[role]) delete next.roles[role].backends;
			}
			next.llmRouter = llmRouter.checked;
			outcome.replaceChildren();
			try {
				await put("/api/v1/admin/routing", next);
				await reload("Saved the role map.");
			} catch (error) {
				// Paths like roles.vision.backends[0] belong to the vision field.
				const byRole = Object.fromEntries(Object.entries(error.errors).map(([p, m]) => {
					const role = p.match(/^roles\.([^.[]+)/)?.[1];
					return [fields.has(role) ? role : p, `${p}: ${m}`];
				}));
				showFieldErrors(byRole, fields);
				outcome.replaceChildren(problemMessage(error, Object.entries(error.errors).map(([p, m]) => `${p}: ${m}`)));
			}
		} }, [...fields.values()], field("Let the small model break close routing calls", llmRouter),
		h("button", { type: "submit", class: "write" }, "Save role map"), outcome));
}
