import { del, explained, get, path, post, put, session } from "../api.js";
import { badge, field, formatTime, h, pager, pretty, status, table } from "../dom.js";
import { problemMessage, settingsFields, showFieldErrors } from "../settings-form.js";

const RECORDS_PAGE = 20;
const EFFECT = { READ_ONLY: ["read-only", "ok"], IDEMPOTENT_WRITE: ["idempotent write", "warn"], WRITE: ["write", "warn"], DESTRUCTIVE: ["destructive", "bad"] };

/** The tenant's connectors, and which of their actions the model may use, with what confirmation. */
export async function render(container, _argument, current, notice) {
	const [connectors, factories] = await Promise.all([get("/api/v1/admin/connectors"), get("/api/v1/admin/console/factories")]);
	if (!current()) return;
	const outcome = status();
	if (notice) outcome.ok(notice);
	const reload = (message) => render(container, undefined, current, message);
	const editor = h("div");
	const actionFactories = factories.filter((f) => f.kind === "action");
	const openEditor = (connector) => {
		editor.replaceChildren(connectorForm(connector, actionFactories, reload, () => editor.replaceChildren()));
		editor.querySelector("input, select").focus();
	};
	container.replaceChildren(
		h("div", { class: "buttons" }, h("button", { type: "button", class: "write", onclick: () => openEditor(null) }, "Add a connector")), editor, outcome,
		...(connectors.length ? connectors.map((c) => connectorCard(c, outcome, reload, openEditor))
			: [h("p", { class: "empty" }, "No connectors yet.")]));
}

function connectorCard(connector, outcome, reload, openEditor) {
	const check = h("span", { role: "status", class: "check" });
	const records = h("div");
	const recordsButton = h("button", { type: "button", class: "secondary write", "aria-expanded": "false", onclick: () => {
		const open = recordsButton.getAttribute("aria-expanded") !== "true";
		recordsButton.setAttribute("aria-expanded", String(open));
		records.replaceChildren(...(open ? [recordsList(connector)] : []));
	} }, "Records");
	return h("section", { class: "card connector", "aria-labelledby": `connector-${connector.name}` },
		h("div", { class: "card-head" },
			h("h2", { id: `connector-${connector.name}` }, connector.name),
			badge(connector.factoryId), badge(connector.live ? "live" : "not live", connector.live ? "ok" : "bad"),
			connector.allowPrivateNetwork ? badge("may reach private addresses", "warn") : null,
			connector.receivesEndUserIdentity ? badge("receives the end user's identity", "warn") : null),
		h("p", { class: "sub" }, "May call: ", connector.hosts.length ? connector.hosts.join(", ") : "no hosts declared"),
		h("div", { class: "buttons" },
			h("button", { type: "button", class: "secondary write", onclick: async () => {
				check.textContent = "Testing…";
				check.className = "check";
				try {
					const result = await post(path`/api/v1/admin/connectors/${connector.name}/test`);
					check.textContent = result.ok ? result.message : `Failed (${result.code}): ${result.message}`;
					check.className = `check ${result.ok ? "ok" : "failed"}`;
				} catch (error) {
					check.textContent = error.message;
					check.className = "check failed";
				}
			} }, "Test connection"),
			h("button", { type: "button", class: "secondary write", onclick: () => openEditor(connector) }, "Edit settings"),
			h("button", { type: "button", class: "danger write", onclick: async () => {
				if (!confirm(`Remove connector ${connector.name} and disable its actions?`)) return;
				await del(path`/api/v1/admin/connectors/${connector.name}`).then(() => reload(`Removed ${connector.name}.`), (e) => outcome.fail(e));
			} }, "Remove"), recordsButton, check),
		records,
		table(`Actions of ${connector.name}`, ["Action", "Effect", "Enabled", "Ask the user first", "State"],
			connector.actions.map((action) => actionRow(connector, action, outcome, reload))));
}

/**
 * What the connector stored in Switchboard (e.g. forms with the "stored" destination), newest first; data as text.
 * A tenant admin may erase a record for good.
 */
function recordsList(connector) {
	const rows = h("div");
	const outcome = status();
	const erase = async (record, row) => {
		if (!confirm(`Delete this ${record.kind} record for good? It cannot be restored.`)) return;
		try {
			await del(path`/api/v1/admin/connectors/${connector.name}/records/${record.id}`);
			row.remove();
			outcome.ok(`Deleted the ${record.kind} record ${record.key ?? record.id}.`);
		} catch (error) {
			outcome.fail(explained(error, "a tenant admin"));
		}
	};
	const pages = pager(RECORDS_PAGE, async (page) => {
		const records = await get(`${path`/api/v1/admin/connectors/${connector.name}/records`}?page=${page}&size=${RECORDS_PAGE}`);
		rows.replaceChildren(table(`Records of ${connector.name}, newest first (page ${page + 1})`, ["Created", "Kind", "Key", "Record", ""],
			records.map((record) => {
				const row = h("tr", { "data-record": record.id },
					h("td", {}, formatTime(record.createdAt)),
					h("th", { scope: "row" }, record.kind),
					h("td", {}, record.key ?? "—", record.endUserId ? h("div", { class: "sub" }, `End user ${record.endUserId}`) : null),
					h("td", {}, h("details", {}, h("summary", {}, "Show"), h("pre", {}, pretty(record.data)))));
				row.append(h("td", {}, h("button", { type: "button", class: "danger write", "aria-label": `Delete record ${record.key ?? record.id}`,
					onclick: () => erase(record, row) }, "Delete")));
				return row;
			})));
		return records.length;
	});
	pages.first().catch((error) => rows.replaceChildren(h("p", { class: "status failed", role: "alert" }, explained(error, "a tenant admin").message)));
	return h("div", { class: "records" }, outcome, rows, pages.buttons);
}

function actionRow(connector, action, outcome, reload) {
	const url = path`/api/v1/admin/connectors/${connector.name}/actions/${action.name}`;
	const enable = (confirmFirst) => put(url, { confirm: confirmFirst });
	const changesData = action.effect !== "READ_ONLY";
	const enabled = h("input", { type: "checkbox", checked: action.enabled, disabled: session.viewer, "aria-label": `Enable ${action.name}`, onchange: async () => {
		try {
			if (enabled.checked) await enable(askFirst.checked);
			else await del(url);
			await reload(`${action.name} ${enabled.checked ? "enabled" : "disabled"}.`);
		} catch (error) {
			enabled.checked = !enabled.checked;
			outcome.fail(error);
		}
	} });
	// A read never asks; a destructive action always does; only writes may be relaxed.
	const askFirst = h("input", { type: "checkbox", checked: action.confirm || action.effect === "DESTRUCTIVE",
		disabled: session.viewer || !changesData || action.effect === "DESTRUCTIVE", "aria-label": `Ask the user before ${action.name} runs`, onchange: async () => {
			if (!enabled.checked) return; // applied when it is enabled
			try {
				await enable(askFirst.checked);
				await reload(`${action.name} ${askFirst.checked ? "asks the user first" : "runs without asking"}.`);
			} catch (error) {
				askFirst.checked = !askFirst.checked;
				outcome.fail(error);
			}
		} });
	const [effect, kind] = EFFECT[action.effect] || [action.effect, ""];
	return h("tr", { "data-action": action.name },
		h("th", { scope: "row" }, action.title || action.name, h("div", { class: "sub" }, action.name), h("div", { class: "sub" }, action.description)),
		h("td", {}, badge(effect, kind)),
		h("td", {}, enabled),
		h("td", {}, changesData ? askFirst : h("span", { class: "sub" }, "never (read-only)")),
		h("td", {}, action.changedSinceApproval ? [badge("changed since approval", "bad"), " ",
			h("button", { type: "button", class: "secondary write", onclick: () => enable(action.confirm).then(() => reload(`${action.name} approved again.`), (e) => outcome.fail(e)) },
				"Review and enable again")] : action.enabled ? badge("on", "ok") : badge("off")));
}

export function connectorForm(connector, factories, reload, close) {
	const name = h("input", { name: "name", required: true, pattern: "[a-z0-9][a-z0-9-]{0,62}", value: connector?.name ?? "", disabled: !!connector, spellcheck: false });
	const factory = h("select", { name: "factoryId", disabled: !!connector },
		factories.map((f) => h("option", { value: f.id, selected: f.id === connector?.factoryId }, `${f.title} (${f.id})`)));
	// The deployment's own network is the operator's: only a platform admin may open it (the server refuses others).
	const privateNetwork = h("input", { type: "checkbox", name: "allowPrivateNetwork", checked: connector?.allowPrivateNetwork === true,
		disabled: !session.platformAdmin });
	const settingsBox = h("fieldset", {}, h("legend", {}, "Settings"));
	const outcome = h("div");
	let settings;
	const showSettings = () => {
		const chosen = factories.find((f) => f.id === factory.value);
		settings = settingsFields(chosen?.settings ?? [], connector?.config, connector?.secretsSet);
		settingsBox.replaceChildren(settingsBox.firstChild, ...settings.nodes);
	};
	factory.addEventListener("change", showSettings);
	showSettings();
	const nameField = field("Name", name, "Lower-case letters, digits and dashes.");
	return h("form", { class: "card", "aria-label": connector ? `Edit connector ${connector.name}` : "New connector", onsubmit: async (event) => {
		event.preventDefault();
		outcome.replaceChildren();
		try {
			await put(path`/api/v1/admin/connectors/${name.value}`, { factoryId: factory.value, config: settings.values(), allowPrivateNetwork: privateNetwork.checked });
			await reload(`Saved connector ${name.value}. Its actions start disabled until you enable them.`);
		} catch (error) {
			outcome.replaceChildren(problemMessage(error, showFieldErrors(error.errors, new Map([["name", nameField], ...settings.fields]))));
		}
	} },
	h("h3", {}, connector ? `Edit ${connector.name}` : "New connector"),
	nameField, field("Action plugin", factory), settingsBox,
	field("May reach private network addresses", privateNetwork,
		`Only for self-hosted product APIs on your own network.${session.platformAdmin ? "" : " Set by a platform admin."}`),
	h("div", { class: "buttons" }, h("button", { type: "submit" }, "Save connector"), h("button", { type: "button", class: "secondary", onclick: close }, "Cancel")),
	outcome);
}
