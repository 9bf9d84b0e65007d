import { explained, get, put, session } from "../api.js";
import { field, h, status } from "../dom.js";
import { problemMessage, showFieldErrors } from "../settings-form.js";

const LIMITS = [
	["requestsPerMinutePerUser", "Messages per minute per end user", "What one widget visitor may send."],
	["requestsPerMinutePerKey", "Messages per minute per API key", "What one server key may send, chat and completions together."],
	["tokensPerDay", "Tokens per day", "Input and output tokens per UTC day, for the whole tenant. Empty: no budget."],
];

/**
 * The tenant's request limits and daily token budget, which platform admins set and the tenant's operators read; and
 * how long its connector records are kept, which its admins set.
 */
export async function render(container, _argument, current, notice) {
	const [limits, retention] = await Promise.all([get("/api/v1/admin/limits"), get("/api/v1/admin/records/retention")]);
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
	session.platformAdmin ? h("button", { type: "submit" }, "Save limits") : null, saved, problem),
	retentionForm(retention));
}

/** Days before the purge deletes a connector record (e.g. a stored form submission): data minimisation. */
function retentionForm(retention) {
	const saved = status();
	const problem = h("div");
	const days = field("Keep connector records for (days)", h("input", {
		name: "days", type: "number", min: "1", max: "3650", step: "1", required: true, value: retention.days, readonly: session.viewer,
	}), "Stored form submissions and other records older than this are deleted for good by a periodic purge.");
	return h("form", { class: "card", "aria-label": "Record retention", onsubmit: async (event) => {
		event.preventDefault();
		saved.clear();
		problem.replaceChildren();
		try {
			const kept = await put("/api/v1/admin/records/retention", { days: Number(days.control.value) });
			saved.ok(`Connector records are now kept for ${kept.days} days.`);
		} catch (error) {
			problem.replaceChildren(problemMessage(explained(error, "a tenant admin"), showFieldErrors(error.errors, new Map([["days", days]]))));
		}
	} }, days, h("button", { type: "submit", class: "write" }, "Save retention"), saved, problem);
}
