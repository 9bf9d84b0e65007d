import { get, post, put, session } from "../api.js";
import { copyButton, field, formatTime, h, status } from "../dom.js";
import { problemMessage, showFieldErrors } from "../settings-form.js";

/** Where the widget may be embedded, its identity secret, and the snippet to paste into the product's pages. */
export async function render(container, _argument, current, notice) {
	const widget = await get("/api/v1/admin/widget");
	if (!current()) return;
	const reload = (message) => render(container, undefined, current, message);
	const origins = h("textarea", { name: "allowedOrigins", rows: 4, spellcheck: false, readonly: session.viewer }, widget.allowedOrigins.join("\n"));
	const originsField = field("Allowed origins", origins, "One per line: scheme://host[:port], no path. Pages elsewhere cannot open the widget.");
	const saved = status();
	if (notice) saved.ok(notice);
	const savedProblem = h("div");
	const snippet = `<script src="${location.origin}/widget/switchboard.js" data-widget-id="${widget.publicId}" async></script>`;
	const snippetBox = h("textarea", { readonly: true, rows: 2, class: "code", "aria-label": "Embed snippet" }, snippet);
	const overlap = h("input", { type: "number", name: "overlapHours", min: "0", max: "168", value: "24" });
	const secretOut = h("div", { "aria-live": "polite" });
	container.replaceChildren(
		h("section", { class: "card", "aria-labelledby": "snippet-title" },
			h("h2", { id: "snippet-title" }, "Embed"),
			h("p", {}, "Widget id ", h("code", {}, widget.publicId), ". Paste this before </body> on every page that should show the chat:"),
			snippetBox,
			h("div", { class: "buttons" }, copyButton("Copy snippet", snippet, snippetBox))),
		h("form", { class: "card", "aria-label": "Allowed origins", onsubmit: async (event) => {
			event.preventDefault();
			try {
				await put("/api/v1/admin/widget", { allowedOrigins: origins.value.split("\n").map((s) => s.trim()).filter(Boolean) });
				await reload("Saved the allowed origins.");
			} catch (error) {
				const unclaimed = showFieldErrors(Object.fromEntries(Object.entries(error.errors).map(([p, m]) => [p.startsWith("allowedOrigins") ? "allowedOrigins" : p, `${p}: ${m}`])),
					new Map([["allowedOrigins", originsField]]));
				saved.clear();
				savedProblem.replaceChildren(problemMessage(error, unclaimed));
			}
		} }, h("h2", {}, "Where it may run"), originsField, h("button", { type: "submit", class: "write" }, "Save origins"), saved, savedProblem),
		h("form", { class: "card write", "aria-label": "Identity secret", onsubmit: async (event) => {
			event.preventDefault();
			try {
				const rotated = await post("/api/v1/admin/widget/identity-secret", { overlapHours: Number(overlap.value || 0) });
				const secret = h("input", { readonly: true, value: rotated.secret, class: "code", spellcheck: false });
				secretOut.replaceChildren(h("div", { class: "status ok" },
					field("New identity secret (shown once)", secret, rotated.previousSecretValidUntil
						? `The previous secret works until ${formatTime(rotated.previousSecretValidUntil)}.` : "No previous secret to keep.")));
				secret.focus();
				secret.select();
			} catch (error) {
				secretOut.replaceChildren(problemMessage(error));
			}
		} },
		h("h2", {}, "Signed-in users"),
		h("p", {}, widget.identitySecretSet ? "An identity secret is set: your backend signs HS256 identity tokens with it." : "No identity secret yet: visitors chat anonymously."),
		widget.previousSecretValidUntil ? h("p", { class: "sub" }, `The previous secret is accepted until ${formatTime(widget.previousSecretValidUntil)}.`) : null,
		field("Keep the previous secret valid for (hours)", overlap),
		h("button", { type: "submit" }, widget.identitySecretSet ? "Rotate identity secret" : "Create identity secret"), secretOut));
}
