import { explained, get, put, session } from "../api.js";
import { field, h, status } from "../dom.js";
import { problemMessage, showFieldErrors } from "../settings-form.js";

const LIMITS = [
	["requestsPerMinutePerUser", "Messages per minute per end user", "What one widget visitor may send."],
	["requestsPerMinutePerKey", "Messages per minute per API key", "What one server key may send, chat and completions together."],
	["tokensPerDay", "Tokens per day", "Input and output tokens per UTC day, for the whole tenant. Empty: no budget."],
];

/** The tenant's request limits and daily token budget; platform admins set them, the tenant's operators read them. */
export async function render(container, _argument, current, notice) {
	const limits = await get("/api/v1/admin/limits");
	if (!current()) return;
	const saved = status();
	if (notice) saved.ok(notice);
	const problem = h("div");
	const fields = new Map(LIMITS.map(([name, label, hint]) => [name, field(label, h("input", {
		name, type: "number", min: "1", step: "1", value: limits[name] ?? "", readonly: !session.platformAdmin,
		required: name !== "tokensPerDay", placeholder: name === "tokensPerDay" ? "no budget" : "",
	}), hint)]));
	container.replaceChildren(h("form", { class: "card", "aria-label": "Limits", onsubmit: async (event) => {
		event.preventDefault();
		saved.clear();
		problem.replaceChildren();
		const value = (name) => (fields.get(name).control.value === "" ? null : Number(fields.get(name).control.value));
		try {
			await put("/api/v1/admin/limits", Object.fromEntries(LIMITS.map(([name]) => [name, value(name)])));
			await render(container, undefined, current, "Saved the limits. They apply to the next request.");
		} catch (error) {
			problem.replaceChildren(problemMessage(explained(error, "a platform admin"), showFieldErrors(error.errors, fields)));
		}
	} },
	session.platformAdmin ? null : h("p", { class: "sub" }, "Only a platform admin can change these limits."),
	...fields.values(),
	session.platformAdmin ? h("button", { type: "submit" }, "Save limits") : null, saved, problem));
}
