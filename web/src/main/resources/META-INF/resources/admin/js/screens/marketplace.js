import { del, explained, get, path, post } from "../api.js";
import { badge, field, h, status, table, uid } from "../dom.js";
import { problemMessage } from "../settings-form.js";
import { connectorForm } from "./connectors.js";
import { backendForm } from "./models.js";

const SIGNATURE = { trusted: ["Signed by a trusted publisher", "ok"], "unknown-key": ["Signed by an untrusted key", "bad"], unsigned: ["Unsigned", "warn"] };
const PLATFORM = "a platform admin";

/**
 * The plugin catalog merged from the configured repositories, beside what is installed. Platform admins install,
 * upgrade, downgrade and uninstall; every admin enables an installed plugin for the tenant by configuring a backend or
 * connector from its settings. What a plugin declares it needs is shown before it is installed and before it is enabled.
 */
export async function render(container, _argument, current, notice) {
	const [factories, catalog] = await Promise.all([get("/api/v1/admin/console/factories"),
		get("/api/v1/admin/marketplace").catch((error) => {
			if (error.status === 403) return { refused: error }; // tenant operators: the catalog is the platform's
			throw error;
		})]);
	if (!current()) return;
	const outcome = status();
	if (notice) outcome.ok(notice);
	const reload = (message) => render(container, undefined, current, message);
	if (catalog.refused) return container.replaceChildren(outcome, ...installedOnly(catalog.refused, factories, reload));
	const cards = catalog.plugins.map((plugin) => pluginCard(plugin, catalog, factories, reload));
	const filter = h("input", { type: "search", name: "filter", spellcheck: false, oninput: () => {
		const wanted = filter.value.trim().toLowerCase();
		for (const card of cards) card.hidden = wanted !== "" && !card.dataset.text.includes(wanted);
	} });
	container.replaceChildren(
		h("p", { class: "sub" }, `SDK ${catalog.sdkVersion} · `, catalog.allowUnsigned ? "unsigned plugins allowed" : "only signed plugins install",
			` · trusted publisher keys: ${catalog.trustedKeyIds.join(", ") || "none"}`),
		h("ul", { class: "repositories", "aria-label": "Repositories" }, catalog.repositories.map((r) => h("li", {}, h("code", {}, r.repository), " ",
			r.error ? badge(`unreadable: ${r.error}`, "bad") : badge(`${r.plugins} ${r.plugins === 1 ? "plugin" : "plugins"}`)))),
		h("div", { class: "filters" }, field("Find a plugin", filter)), outcome,
		...(cards.length ? cards : [h("p", { class: "empty" }, "No repository lists a plugin and none is installed.")]));
}

function pluginCard(plugin, catalog, factories, reload) {
	const installed = plugin.installed;
	const heading = uid("plugin");
	const outcome = h("div", { "aria-live": "polite" });
	const review = h("div");
	const editor = h("div");
	const offered = plugin.releases.find((r) => r.compatible) ?? plugin.releases[0];
	const declared = installed ? { version: installed.version, permissions: installed.permissions } : offered;
	const own = installed ? factories.filter((f) => installed.factories.includes(f.id)) : [];
	const startReview = (release, verb) => {
		const confirmButton = h("button", { type: "button", onclick: async () => {
			confirmButton.disabled = true;
			try {
				await post(path`/api/v1/admin/marketplace/${plugin.id}/install`, { version: release.version });
				await reload(`${verb} ${plugin.name} ${release.version}: done, no restart needed.`);
			} catch (error) {
				confirmButton.disabled = false;
				outcome.replaceChildren(problemMessage(explained(error, PLATFORM)));
			}
		} }, `${verb} ${release.version} now`);
		review.replaceChildren(h("div", { class: "review", role: "group", "aria-label": `Review: ${verb} ${release.version}` },
			h("p", {}, h("strong", {}, `${verb} ${plugin.name} ${release.version}?`), " It declares that it needs:"),
			permissions(release.permissions),
			h("p", { class: "sub" }, `${SIGNATURE[release.signature]?.[0] ?? release.signature}${release.keyId ? ` (key ${release.keyId})` : ""}, from ${release.repository}.`,
				plugin.usedBy?.length ? ` ${plugin.usedBy.length} backends and connectors switch to it on their next call.` : ""),
			h("div", { class: "buttons" }, confirmButton, h("button", { type: "button", class: "secondary", onclick: () => review.replaceChildren() }, "Cancel"))));
		confirmButton.focus();
	};
	const uninstall = async (force) => {
		try {
			await del(path`/api/v1/admin/marketplace/${plugin.id}` + (force ? "?force=true" : ""));
			await reload(`Uninstalled ${plugin.name}.`);
		} catch (error) {
			if (error.code !== "plugin_in_use") return outcome.replaceChildren(problemMessage(explained(error, PLATFORM)));
			outcome.replaceChildren(h("div", { class: "status failed", role: "alert" },
				h("p", {}, h("strong", {}, "In use: "), error.message),
				h("ul", {}, Object.entries(error.errors).map(([tenant, what]) => h("li", {}, `Tenant ${tenant}: ${what}`))),
				h("p", {}, "Uninstalling anyway stops them until the plugin is installed again."),
				h("div", { class: "buttons" },
					h("button", { type: "button", class: "danger", onclick: () => uninstall(true) }, "Uninstall anyway"),
					h("button", { type: "button", class: "secondary", onclick: () => outcome.replaceChildren() }, "Keep it"))));
		}
	};
	const card = h("section", { class: "card plugin", "aria-labelledby": heading },
		h("div", { class: "card-head" },
			h("h2", { id: heading }, plugin.name), badge(plugin.kind),
			installed ? badge(`installed ${installed.version}`, "ok") : badge("not installed"),
			plugin.newerVersions?.length ? badge(`update available: ${plugin.newerVersions[0]}`, "warn") : null),
		plugin.description ? h("p", {}, plugin.description) : null,
		h("p", { class: "sub" }, h("code", {}, plugin.id), plugin.provider ? ` · by ${plugin.provider}` : "",
			/^https?:\/\//.test(plugin.homepage ?? "") ? [" · ", h("a", { href: plugin.homepage, rel: "noopener noreferrer", target: "_blank" }, "homepage")] : null,
			installed ? ` · ${installed.source === "marketplace" ? "installed from the marketplace" : "shipped in the server's plugins directory"}` : ""),
		declared ? [h("h3", {}, `It declares (${declared.version})`), permissions(declared.permissions, own)] : null,
		plugin.usedBy?.length ? h("p", { class: "sub used-by" }, "Used by: ", plugin.usedBy.map((u) => `${u.tenant} ${u.kind} ${u.name}`).join(", ")) : null,
		plugin.releases.length ? table(`Releases of ${plugin.name}, newest first`, ["Version", "Published", "SDK", "Signature", "Hosts", ""],
			plugin.releases.map((release) => h("tr", { "data-version": release.version },
				h("th", { scope: "row" }, release.version),
				h("td", {}, release.date ? release.date.slice(0, 10) : ""),
				h("td", {}, badge(release.compatible ? "compatible" : "incompatible", release.compatible ? "ok" : "bad"), h("div", { class: "sub" }, release.requires)),
				h("td", {}, badge(...(SIGNATURE[release.signature] ?? [release.signature]))),
				h("td", {}, hosts(release.permissions)),
				h("td", { class: "row-actions" }, releaseAction(plugin, release, catalog, startReview))))) : null,
		h("div", { class: "buttons" },
			own.map((factory) => h("button", { type: "button", onclick: () => {
				editor.replaceChildren(enableForm(factory, reload, () => editor.replaceChildren()));
				editor.querySelector("input:not([disabled]), select").focus();
			} }, `Enable ${factory.title} for this tenant`)),
			installed?.source === "marketplace" ? h("button", { type: "button", class: "danger", onclick: () => uninstall(false) }, "Uninstall") : null),
		review, editor, outcome);
	card.dataset.text = `${plugin.id} ${plugin.name} ${plugin.description ?? ""} ${plugin.provider ?? ""}`.toLowerCase();
	return card;
}

/** Install, upgrade to or downgrade to a release; or why it cannot be installed here. */
function releaseAction(plugin, release, catalog, startReview) {
	const installed = plugin.installed;
	if (installed?.version === release.version) return badge("serving", "ok");
	const why = !release.compatible ? `needs SDK ${release.requires}`
		: release.signature === "unknown-key" ? "its signer is not trusted here"
			: release.signature === "unsigned" && !catalog.allowUnsigned ? "unsigned plugins are not allowed here" : null;
	const verb = !installed ? "Install" : newer(release.version, installed.version) ? "Upgrade to" : "Downgrade to";
	return [h("button", { type: "button", class: "secondary", disabled: !!why, onclick: () => startReview(release, verb) }, `${verb} ${release.version}`),
		why ? h("div", { class: "sub" }, why) : null];
}

/** What a plugin declares it needs (its signed manifest says it, the host holds it to it); secret names once installed. */
function permissions(declared, factories) {
	declared ??= {};
	const strong = (names) => h("strong", {}, names.join(", "));
	const [fixed, configured] = [declared.hosts ?? [], declared.hostsFromSettings ?? []];
	const secretNames = factories?.flatMap((f) => f.settings.filter((s) => s.secret).map((s) => s.label)) ?? [];
	return h("ul", { class: "permissions" },
		h("li", {}, !fixed.length && !configured.length ? "Calls no network host"
			: !configured.length ? ["Calls ", strong(fixed), " and nothing else"]
				: !fixed.length ? ["Calls only the hosts named in its settings: ", strong(configured)]
					: ["Calls ", strong(fixed), " and the hosts named in its settings: ", strong(configured)]),
		h("li", {}, declared.endUserIdentity ? [badge("receives the end user's identity", "warn"), " its calls may act as the signed-in user"]
			: "Never receives the end user's identity"),
		h("li", {}, declared.secrets ? ["Takes secrets, stored encrypted and write-only", secretNames.length ? [": ", strong(secretNames)] : null] : "Takes no secrets"));
}

/** A backend or connector of this tenant from one factory: the same forms as the Models and Connectors screens. */
function enableForm(factory, reload, close) {
	const form = factory.kind === "action" ? connectorForm(null, [factory], reload, close) : backendForm(null, [factory], reload, close);
	return h("div", { class: "enable" }, h("h3", {}, `Enable ${factory.title} for this tenant`), h("p", {}, "It declares:"),
		permissions(factory.permissions, [factory]), form);
}

/** The hosts column: fixed hosts, and the settings that name more. */
function hosts({ hosts: fixed = [], hostsFromSettings: configured = [] }) {
	return [fixed.join(", "), configured.length ? h("div", { class: "sub" }, `${fixed.length ? "and " : ""}named in settings: ${configured.join(", ")}`) : null,
		!fixed.length && !configured.length ? h("span", { class: "sub" }, "none") : null];
}

/** For tenant operators, who may not browse the platform's catalog: what is installed, to enable for the tenant. */
function installedOnly(refusal, factories, reload) {
	const editor = h("div");
	const byPlugin = Map.groupBy(factories, (f) => f.plugin);
	return [h("div", { class: "status warn", role: "note" }, h("p", {}, explained(refusal, PLATFORM).message),
		h("p", {}, "Installing, upgrading and removing plugins is for platform admins. Installed plugins can be enabled for this tenant here.")),
	editor,
	table("Installed plugins", ["Plugin", "Kind", "It declares", ""], [...byPlugin].flatMap(([plugin, own]) => own.map((factory) => h("tr", {},
		h("th", { scope: "row" }, factory.title, h("div", { class: "sub" }, plugin)),
		h("td", {}, badge(factory.kind)),
		h("td", {}, permissions(factory.permissions, [factory])),
		h("td", {}, h("button", { type: "button", class: "secondary", onclick: () => {
			editor.replaceChildren(enableForm(factory, reload, () => editor.replaceChildren()));
			editor.querySelector("input:not([disabled]), select").focus();
		} }, `Enable ${factory.title}`))))))];
}

/** Whether version a is newer than b, comparing dotted numbers (a pre-release suffix sorts before its release). */
function newer(a, b) {
	const parts = (v) => v.split(/[.-]/).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
	const [x, y] = [parts(a), parts(b)];
	for (let i = 0; i < Math.max(x.length, y.length); i++) {
		if (x[i] === y[i]) continue;
		if (x[i] === undefined) return typeof y[i] !== "number";
		if (y[i] === undefined) return typeof x[i] === "number";
		return typeof x[i] === typeof y[i] ? x[i] > y[i] : typeof x[i] === "number";
	}
	return false;
}
