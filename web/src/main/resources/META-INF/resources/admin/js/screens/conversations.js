import { get, path } from "../api.js";
import { badge, formatMoney, formatTime, h, table } from "../dom.js";

const PAGE_SIZE = 20;

/** The tenant's conversations, and for one: its messages and how each answer was routed and what it cost. */
export async function render(container, id, current) {
	if (id) return detail(container, id, current);
	let page = 0;
	const list = h("div");
	const previous = h("button", { type: "button", class: "secondary", onclick: () => load(page - 1) }, "Previous page");
	const next = h("button", { type: "button", class: "secondary", onclick: () => load(page + 1) }, "Next page");
	const load = async (wanted) => {
		const conversations = await get(`/api/v1/conversations?page=${wanted}&size=${PAGE_SIZE}`);
		if (!current()) return;
		page = wanted;
		previous.disabled = page === 0;
		next.disabled = conversations.length < PAGE_SIZE;
		list.replaceChildren(table(`Conversations, most recently active first (page ${page + 1})`, ["Title", "Started", "Last active"],
			conversations.map((c) => h("tr", {},
				h("th", { scope: "row" }, h("a", { href: `#/conversations/${encodeURIComponent(c.id)}` }, c.title || "Untitled"), h("div", { class: "sub" }, c.id)),
				h("td", {}, formatTime(c.createdAt)), h("td", {}, formatTime(c.updatedAt))))));
	};
	container.replaceChildren(list, h("div", { class: "buttons" }, previous, next));
	await load(0);
}

async function detail(container, id, current) {
	const [conversation, trace] = await Promise.all([get(path`/api/v1/conversations/${id}`), get(path`/api/v1/conversations/${id}/trace`)]);
	if (!current()) return;
	const traces = new Map(trace.answers.map((a) => [a.messageId, a]));
	container.replaceChildren(
		h("p", {}, h("a", { href: "#/conversations" }, "All conversations")),
		h("h2", {}, conversation.title || "Untitled"),
		h("p", { class: "sub" }, `${conversation.id} · started ${formatTime(conversation.createdAt)} · `,
			`${trace.inputTokens.toLocaleString()} tokens in, ${trace.outputTokens.toLocaleString()} out · cost ${formatMoney(trace.cost)}`),
		h("ol", { class: "transcript" }, conversation.messages.map((m) => h("li", { class: `turn ${m.role}` },
			h("p", { class: "who" }, m.role === "user" ? "User" : `Assistant${m.backend ? ` · ${m.backend}` : ""}${m.model ? ` (${m.model})` : ""}`,
				" ", h("span", { class: "sub" }, formatTime(m.createdAt)), m.status !== "complete" ? [" ", badge(m.status, "bad")] : null),
			m.parts.map(part),
			m.role === "assistant" ? answerTrace(traces.get(m.id)) : null))));
}

function part(p) {
	if (p.type === "text") return h("p", { class: "text" }, p.text);
	if (p.type === "image") return h("p", { class: "sub" }, `Image (${p.mediaType})`);
	return h("details", { class: "tool" }, h("summary", {}, `Tool call ${p.name}`), h("pre", {}, p.arguments));
}

function answerTrace(answer) {
	const t = answer?.trace;
	if (!t) return h("p", { class: "sub" }, "No routing trace (answered before routing was recorded).");
	return h("details", { class: "trace" },
		h("summary", {}, `Routing trace: ${t.route ?? "no choice"}${t.action ? ` · ${t.action}` : ""} · confidence ${t.confidence.toFixed(2)}`),
		h("dl", { class: "facts" },
			h("dt", {}, "Route"), h("dd", {}, t.route ?? "none", t.lowConfidence ? [" ", badge("low confidence", "warn")] : null),
			h("dt", {}, "Answered by"), h("dd", {}, t.backend ? `${t.backend} (${t.model})` : "no backend"),
			h("dt", {}, "Fallbacks"), h("dd", {}, (t.fallbacks || []).map((f) => `${f.backend}: ${f.code}`).join(", ") || "none"),
			h("dt", {}, "Routing time"), h("dd", {}, `${(t.routingMicros / 1000).toFixed(1)} ms`),
			h("dt", {}, "Tokens"), h("dd", {}, `${t.inputTokens} in, ${t.outputTokens} out`),
			h("dt", {}, "Cost"), h("dd", {}, formatMoney(t.cost))),
		h("h4", {}, "Reasons"), h("ul", {}, (t.reasons || []).map((r) => h("li", {}, r))),
		Object.keys(t.scores || {}).length ? h("p", { class: "sub" }, "Scores: ",
			Object.entries(t.scores).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(", ")) : null,
		table("Model calls of this answer", ["Purpose", "Backend", "Model", "Tokens in", "Tokens out", "Cost"],
			(t.calls || []).map((c) => h("tr", {}, h("th", { scope: "row" }, c.purpose), h("td", {}, c.backend), h("td", {}, c.model),
				h("td", {}, c.inputTokens), h("td", {}, c.outputTokens), h("td", {}, formatMoney(c.cost))))));
}
