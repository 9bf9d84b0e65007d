import { api, get, onUnauthorized, ProblemError, session } from "./api.js";
import { field, h, status } from "./dom.js";
import { finishSignIn, startSignIn } from "./oidc.js";
import * as keys from "./screens/keys.js";
import * as audit from "./screens/audit.js";
import * as connectors from "./screens/connectors.js";
import * as conversations from "./screens/conversations.js";
import * as limits from "./screens/limits.js";
import * as marketplace from "./screens/marketplace.js";
import * as models from "./screens/models.js";
import * as playground from "./screens/playground.js";
import * as usage from "./screens/usage.js";
import * as widget from "./screens/widget.js";

/** Each screen: a title and render(container, argument) that fills the container from the API. */
const SCREENS = {
	models: { title: "Models", module: models },
	playground: { title: "Routing playground", module: playground },
	connectors: { title: "Connectors & actions", module: connectors },
	marketplace: { title: "Marketplace", module: marketplace },
	conversations: { title: "Conversations", module: conversations },
	audit: { title: "Audit log", module: audit },
	usage: { title: "Usage & cost", module: usage },
	widget: { title: "Widget", module: widget },
	keys: { title: "API keys", module: keys },
	limits: { title: "Limits", module: limits },
};

const main = document.getElementById("main");
const nav = document.getElementById("sections");
const sessionBar = document.getElementById("session");
/** Bumped on every navigation, so a slow screen never paints over the one the user moved on to. */
let generation = 0;
let signedInNow = false;

function route() {
	const [name, argument] = location.hash.replace(/^#\/?/, "").split("/");
	return { name: SCREENS[name] ? name : "models", argument: argument ? decodeURIComponent(argument) : undefined };
}

async function show({ focus = true } = {}) {
	const current = route();
	const screen = SCREENS[current.name];
	const mine = ++generation;
	for (const link of nav.querySelectorAll("a")) {
		if (link.getAttribute("href") === `#/${current.name}`) link.setAttribute("aria-current", "page");
		else link.removeAttribute("aria-current");
	}
	const heading = h("h1", { tabindex: "-1" }, screen.title);
	const body = h("div", { class: "screen", "aria-busy": "true" });
	main.replaceChildren(heading, body);
	document.title = `${screen.title} · Switchboard admin`;
	if (focus) heading.focus();
	try {
		await screen.module.render(body, current.argument, () => mine === generation);
	} catch (error) {
		if (mine === generation) body.replaceChildren(h("p", { class: "status failed", role: "alert" }, error.message));
	} finally {
		body.setAttribute("aria-busy", "false");
	}
}

async function signedIn() {
	let tenants = null;
	try {
		tenants = await get("/api/v1/admin/tenants");
	} catch (error) {
		// A tenant admin or viewer may not list tenants; any other answer means the credential is no good.
		if (!(error instanceof ProblemError) || error.status !== 403) throw error;
	}
	if (tenants && !tenants.some((t) => t.id === session.tenant)) session.tenant = tenants[0]?.id || "";
	session.platformAdmin = tenants !== null;
	// The console hides what a viewer may not do (marked "write"); the server refuses it all the same.
	session.viewer = !session.platformAdmin && !(await get("/api/v1/admin/console/me")).roles.includes("tenant-admin");
	document.body.classList.toggle("viewer", session.viewer);
	sessionBar.replaceChildren(...sessionControls(tenants));
	sessionBar.hidden = false;
	nav.hidden = false;
	signedInNow = true;
	await show({ focus: false });
}

function sessionControls(tenants) {
	const controls = [];
	if (tenants) {
		const select = h("select", { id: "tenant", onchange: () => {
			session.tenant = select.value;
			show();
		} }, tenants.map((t) => h("option", { value: t.id, selected: t.id === session.tenant }, `${t.name} (${t.id})`)));
		controls.push(h("label", { for: "tenant" }, "Tenant"), select);
	}
	controls.push(h("button", { type: "button", class: "secondary", onclick: signOut }, "Sign out"));
	return controls;
}

function signOut() {
	session.credential = null;
	session.tenant = "";
	location.reload();
}

async function signInScreen(message) {
	signedInNow = false;
	nav.hidden = true;
	sessionBar.hidden = true;
	const key = h("input", { type: "password", name: "key", autocomplete: "off", required: true, spellcheck: false });
	const outcome = status();
	if (message) outcome.fail(new Error(message));
	const form = h("form", { class: "card narrow", onsubmit: async (event) => {
		event.preventDefault();
		session.credential = { kind: "key", token: key.value.trim() };
		outcome.clear();
		try {
			await signedIn();
		} catch (error) {
			session.credential = null;
			outcome.fail(error.status === 401 ? new Error("This key was not accepted.") : error);
			key.focus();
		}
	} },
	field("Admin API key", key, "The bootstrap key (SWITCHBOARD_ADMIN_API_KEY) or a tenant admin's key. It stays in this tab only."),
	h("button", { type: "submit" }, "Sign in"), outcome);
	main.replaceChildren(h("h1", { tabindex: "-1" }, "Sign in"), form);
	const settings = await api("GET", "/api/v1/admin/console/sign-in", undefined, { anonymous: true }).catch(() => ({}));
	if (settings.oidcIssuer) {
		form.append(h("p", { class: "or" }, "or"), h("button", { type: "button", class: "secondary", onclick: () =>
			startSignIn(settings).catch((error) => outcome.fail(error)) }, "Sign in with Keycloak"));
	}
	key.focus();
}

window.addEventListener("hashchange", () => signedInNow && show());
onUnauthorized.add(() => {
	if (!signedInNow) return; // a key being tried on the sign-in form reports there
	session.credential = null;
	signInScreen("Your sign-in expired or was revoked. Sign in again.");
});

async function start() {
	try {
		const returned = await finishSignIn();
		if (returned) session.credential = returned;
	} catch (error) {
		return signInScreen(error.message);
	}
	if (!session.credential) return signInScreen();
	try {
		await signedIn();
	} catch (error) {
		session.credential = null;
		signInScreen(error.message);
	}
}

start();
