import { get } from "../api.js";
import { badge, field, formatTime, h, pager, pretty, table } from "../dom.js";

const STATUSES = ["proposed", "approved", "rejected", "expired", "running", "succeeded", "failed", "outcome_unknown"];
const STATUS_KIND = { succeeded: "ok", failed: "bad", outcome_unknown: "bad", rejected: "warn", expired: "warn" };
const PAGE_SIZE = 50;

/** Every action the tenant's model proposed or ran: who decided, what happened, newest first. */
export async function render(container, _argument, current) {
	const statusFilter = h("select", { name: "status" }, h("option", { value: "" }, "Any"), STATUSES.map((s) => h("option", { value: s }, s)));
	const action = h("input", { name: "action", spellcheck: false });
	const connector = h("input", { name: "connector", spellcheck: false });
	const endUser = h("input", { name: "endUser", spellcheck: false });
	const since = h("input", { name: "since", type: "datetime-local" });
	const until = h("input", { name: "until", type: "datetime-local" });
	const rows = h("div");
	const pages = pager(PAGE_SIZE, async (page) => {
		const query = new URLSearchParams({ page: String(page), size: String(PAGE_SIZE) });
		for (const [name, input] of Object.entries({ status: statusFilter, action, connector, endUser })) if (input.value.trim()) query.set(name, input.value.trim());
		for (const [name, input] of Object.entries({ since, until })) if (input.value) query.set(name, new Date(input.value).toISOString());
		const invocations = await get(`/api/v1/admin/actions/invocations?${query}`);
		if (!current()) return undefined;
		rows.replaceChildren(table(`Action invocations, newest first (page ${page + 1})`, ["When", "Action", "Effect", "Status", "Decided by", "Outcome", "Arguments"],
			invocations.map((i) => h("tr", {},
				h("td", {}, formatTime(i.createdAt)),
				h("th", { scope: "row" }, i.action, h("div", { class: "sub" }, i.connector)),
				h("td", {}, i.effect),
				h("td", {}, badge(i.status, STATUS_KIND[i.status])),
				h("td", {}, i.decidedBy ?? "—", i.decidedAt ? h("div", { class: "sub" }, formatTime(i.decidedAt)) : null),
				h("td", {}, i.errorCode ? `${i.errorCode}: ${i.errorMessage ?? ""}` : i.summary ?? "", i.latencyMs != null ? h("div", { class: "sub" }, `${i.latencyMs} ms`) : null,
					i.conversationId ? h("div", {}, h("a", { href: `#/conversations/${encodeURIComponent(i.conversationId)}` }, "Conversation")) : null),
				h("td", {}, h("details", {}, h("summary", {}, "Show"), h("pre", {}, pretty(i.arguments))))))));
		return invocations.length;
	});
	container.replaceChildren(h("form", { class: "card filters", "aria-label": "Filters", onsubmit: (event) => {
		event.preventDefault();
		pages.first().catch((error) => rows.replaceChildren(h("p", { class: "status failed", role: "alert" }, error.message)));
	} },
	field("Status", statusFilter), field("Action", action), field("Connector", connector), field("End user", endUser),
	field("From", since), field("Until", until), h("button", { type: "submit" }, "Filter")),
	rows, pages.buttons);
	await pages.first();
}
