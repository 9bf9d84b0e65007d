import { del, explained, get, path, post } from "../api.js";
import { badge, copyButton, field, formatTime, h, status, table } from "../dom.js";
import { problemMessage, showFieldErrors } from "../settings-form.js";

const SCOPES = {
	chat: "chat: conversations and the OpenAI-compatible /v1 API",
	admin: "admin: also this tenant's administration",
};
const WHO = "a tenant admin";

/**
 * The tenant's server-to-server keys: create one (its secret shown this once), see each key's scope and last use,
 * revoke.
 */
export async function render(container, _argument, current, notice, created) {
	const keys = await get("/api/v1/admin/api-keys");
	if (!current()) return;
	const reload = (message, issued) => render(container, undefined, current, message, issued);
	const outcome = status();
	if (notice) outcome.ok(notice);
	const issued = created ? issuedKey(created) : null;
	container.replaceChildren(...[createForm(reload), issued, outcome].filter(Boolean),
		table("The tenant's API keys", ["Name", "Scope", "Created", "Last used", "State", ""],
			keys.map((key) => h("tr", { "data-key": key.name },
				h("th", { scope: "row" }, key.name, h("div", { class: "sub" }, h("code", {}, `${key.prefix}…`))),
				h("td", {}, badge(key.scope, key.scope === "admin" ? "warn" : "")),
				h("td", {}, formatTime(key.createdAt)),
				h("td", {}, key.lastUsedAt ? formatTime(key.lastUsedAt) : h("span", { class: "sub" }, "never")),
				h("td", {}, key.revokedAt ? [badge("revoked", "bad"), h("div", { class: "sub" }, formatTime(key.revokedAt))] : badge("active", "ok")),
				h("td", { class: "row-actions" }, key.revokedAt ? null : h("button", { type: "button", class: "danger write", "aria-label": `Revoke ${key.name}`,
					onclick: async () => {
						if (!confirm(`Revoke API key ${key.name}? Servers using it are refused from then on.`)) return;
						await del(path`/api/v1/admin/api-keys/${key.id}`).then(() => reload(`Revoked ${key.name}.`),
							(error) => outcome.fail(explained(error, WHO)));
					} }, "Revoke"))))));
	if (issued) {
		issued.control.focus();
		issued.control.select();
	}
}

function createForm(reload) {
	const name = h("input", { name: "name", required: true, maxlength: "100", spellcheck: false, placeholder: "billing-backend" });
	const scope = h("select", { name: "scope" }, Object.entries(SCOPES).map(([value, label]) => h("option", { value }, label)));
	const fields = new Map([["name", field("Name", name, "Which server holds it.")], ["scope", field("Scope", scope)]]);
	const outcome = h("div");
	return h("form", { class: "card write", "aria-label": "New API key", onsubmit: async (event) => {
		event.preventDefault();
		outcome.replaceChildren();
		try {
			const created = await post("/api/v1/admin/api-keys", { name: name.value.trim(), scope: scope.value });
			await reload(`Created ${created.apiKey.name}.`, created);
		} catch (error) {
			outcome.replaceChildren(problemMessage(explained(error, WHO), showFieldErrors(error.errors, fields)));
		}
	} }, h("h2", {}, "New API key"), ...fields.values(), h("button", { type: "submit" }, "Create key"), outcome);
}

/** The new key, shown this once, with a copy button. */
function issuedKey(created) {
	const secret = h("input", { readonly: true, value: created.key, class: "code", spellcheck: false });
	const panel = h("section", { class: "card issued", "aria-label": "New key" },
		field(`New key ${created.apiKey.name} (shown once)`, secret, "Store it in your server's secrets now: only its hash is kept here."),
		h("div", { class: "buttons" }, copyButton("Copy key", created.key, secret)));
	panel.control = secret;
	return panel;
}
