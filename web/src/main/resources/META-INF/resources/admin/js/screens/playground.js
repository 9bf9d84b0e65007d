import { get, post } from "../api.js";
import { badge, field, h, pretty, table } from "../dom.js";
import { problemMessage } from "../settings-form.js";

/**
 * Dry-runs the router on a message (and an attached image) under the tenant's live catalog, or an edited copy of it.
 * Any operator of the tenant may: it changes nothing.
 */
export async function render(container, _argument, current) {
	const catalog = await get("/api/v1/admin/console/routing-catalog");
	if (!current()) return;
	const message = h("textarea", { name: "message", rows: 3, required: true });
	const image = h("input", { type: "file", name: "image", accept: "image/*" });
	const preview = h("div", { class: "preview" });
	const attributes = h("input", { name: "attributes", spellcheck: false, placeholder: "userTier=enterprise" });
	const live = pretty(catalog);
	const catalogText = h("textarea", { name: "catalog", rows: 14, class: "code", spellcheck: false }, live);
	const result = h("div", { "aria-live": "polite" });
	image.addEventListener("change", () => {
		const file = image.files[0];
		preview.replaceChildren(file ? h("img", { src: URL.createObjectURL(file), alt: `Attached: ${file.name}` }) : "");
	});
	container.replaceChildren(h("form", { class: "card", "aria-label": "Evaluate a message", onsubmit: async (event) => {
		event.preventDefault();
		const edited = catalogText.value.trim() !== live.trim();
		const request = {};
		try {
			// Unedited, the server routes under the tenant's live settings itself.
			if (edited) request.catalog = JSON.parse(catalogText.value);
		} catch (error) {
			result.replaceChildren(h("p", { class: "status failed", role: "alert" }, `The catalog is not valid JSON: ${error.message}`));
			return;
		}
		const file = image.files[0];
		const turn = { text: message.value };
		if (file) turn.attachments = [{ type: file.type || "image" }];
		const pairs = attributes.value.split(",").map((pair) => pair.split("=").map((s) => s.trim())).filter(([k, v]) => k && v);
		if (pairs.length) turn.attributes = Object.fromEntries(pairs);
		result.replaceChildren(h("p", {}, "Evaluating…"));
		try {
			const { decisions } = await post("/api/v1/router/evaluate", { ...request, messages: [turn] });
			result.replaceChildren(decision(decisions[0], edited ? "the edited catalog" : "the tenant's live settings"));
		} catch (error) {
			result.replaceChildren(problemMessage(error, Object.entries(error.errors).map(([p, m]) => `${p}: ${m}`)));
		}
	} },
	field("Message", message),
	field("Attach an image", image, "Only its type goes to the router: an image routes to the vision role."), preview,
	field("Attributes", attributes, "Optional, for tenant rules: name=value, comma-separated."),
	h("details", {}, h("summary", {}, "Catalog (the tenant's live one; edit to try changes)"), field("Catalog JSON", catalogText)),
	h("button", { type: "submit" }, "Evaluate")), result);
}

function decision(d, under) {
	const scores = Object.entries(d.scores || {}).sort((a, b) => b[1] - a[1]);
	const top = Math.max(0.0001, ...scores.map(([, s]) => Math.abs(s)));
	return h("section", { class: "card decision", "aria-label": "Decision" },
		h("h2", {}, "Decision"), h("p", { class: "sub under" }, `Under ${under}.`),
		h("dl", { class: "facts" },
			h("dt", {}, "Route"), h("dd", { class: "route" }, d.route),
			h("dt", {}, "Action"), h("dd", { class: "action" }, d.action || "none"),
			h("dt", {}, "Confidence"), h("dd", { class: "confidence" }, d.confidence.toFixed(2), d.lowConfidence ? [" ", badge("low confidence", "warn")] : null)),
		h("h3", {}, "Reasons"), h("ol", { class: "reasons" }, (d.reasons || []).map((r) => h("li", {}, r))),
		table("Scores", ["Candidate", "Similarity"], scores.map(([name, score]) => h("tr", {},
			h("th", { scope: "row" }, name),
			h("td", {}, h("span", { class: "bar", style: { "--share": String(Math.max(0, score) / top) } }), score.toFixed(3))))));
}
