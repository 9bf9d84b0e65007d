// Switchboard chat widget. Plain JavaScript, concatenated after DOMPurify and marked into one function scope by the
// web module's build (see web/pom.xml), so `DOMPurify` and `marked` here are private copies, never the host page's.

const LOADER = document.currentScript;
// The API lives where this script was served from, whatever page embeds it.
const SCRIPT_ORIGIN = LOADER && LOADER.src ? new URL(LOADER.src).origin : location.origin;
const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024; // the server's default switchboard.chat.max-image-bytes
const MAX_IMAGES = 4; // the server's default switchboard.chat.max-images
const MAX_RECONNECTS = 6;
const TERMINAL_EVENTS = new Set(["RUN_FINISHED", "RUN_ERROR"]);
const HOOKS = { message: new Set(), toolCall: new Set(), error: new Set() };
// Tools the host page registered (Switchboard.registerTools): declared with every run, run here when the model calls them.
const CLIENT_TOOLS = new Map();
const TOOL_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;
// Switchboard.identify() before a widget is on the page (the loader mounts it once the body exists) applies to it then.
let pageIdentityToken = null;

const markdown = new marked.Marked({ gfm: true, breaks: true, async: false });
// Model output is untrusted: only the tags Markdown produces survive, no images (a prompt-injected image URL would
// leak data to its server), no styles, no event handlers, no javascript: links.
const MARKDOWN_TAGS = ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "h1", "h2",
	"h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td"];
DOMPurify.addHook("afterSanitizeAttributes", (node) => {
	if (node.tagName === "A") {
		node.setAttribute("target", "_blank");
		node.setAttribute("rel", "noopener noreferrer nofollow");
	}
});

function renderMarkdown(text) {
	return DOMPurify.sanitize(markdown.parse(text), {
		ALLOWED_TAGS: MARKDOWN_TAGS, ALLOWED_ATTR: ["href", "title", "start", "align"], RETURN_DOM_FRAGMENT: true,
	});
}

function emit(hook, detail) {
	for (const listener of HOOKS[hook]) {
		try {
			listener(detail);
		} catch (error) {
			console.error("Switchboard hook failed", error);
		}
	}
}

/** A request body with the page's tool declarations, when it registered any. */
function withTools(body) {
	if (CLIENT_TOOLS.size) body.tools = [...CLIENT_TOOLS.values()].map(({ name, description, parameters }) => ({ name, description, parameters }));
	return body;
}

/** Runs a page tool the model called; its return value (or its failure) becomes the tool's result, as text. */
async function runClientTool(call) {
	const tool = CLIENT_TOOLS.get(call.toolCallName);
	try {
		if (!tool) throw new Error(`This page has no tool named ${call.toolCallName}.`);
		const result = await tool.handler(call.arguments);
		return typeof result === "string" ? result : JSON.stringify(result ?? null);
	} catch (error) {
		return JSON.stringify({ status: "error", message: String(error?.message || error) });
	}
}

function element(tag, attributes = {}, ...children) {
	const node = document.createElement(tag);
	for (const [name, value] of Object.entries(attributes)) {
		if (value === true) node.setAttribute(name, "");
		else if (value !== false && value != null) node.setAttribute(name, value);
	}
	node.append(...children);
	return node;
}

const ICONS = {
	chat: "M4 4h16v11H8l-4 4z",
	close: "M6 6l12 12M18 6L6 18",
	send: "M4 12l16-8-6 16-2-6z",
	attach: "M16 7l-7 7a2 2 0 0 0 3 3l7-7a4 4 0 0 0-6-6l-7 7a6 6 0 0 0 8 8l6-6",
	history: "M12 7v5l3 3M4 12a8 8 0 1 0 2.3-5.7M4 4v4h4",
	plus: "M12 5v14M5 12h14",
};

function icon(name) {
	const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
	svg.setAttribute("viewBox", "0 0 24 24");
	svg.setAttribute("aria-hidden", "true");
	const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
	path.setAttribute("d", ICONS[name]);
	svg.append(path);
	return svg;
}

/** "projectKey" and "due_date" read as "Project key" and "Due date" on a confirmation card. */
function humanize(key) {
	const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim().toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}

class ApiError extends Error {
	constructor(status, code, message) {
		super(message);
		this.status = status;
		this.code = code;
	}
}

/** Reads a server-sent event stream as {id, data} events; a half-received event at the end is never emitted. */
class SseParser {
	constructor(onEvent) {
		this.onEvent = onEvent;
		this.buffer = "";
		this.data = [];
		this.id = null;
	}

	push(text) {
		this.buffer += text;
		let end;
		while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
			const line = this.buffer.slice(0, end);
			this.buffer = this.buffer.slice(end + (this.buffer.startsWith("\r\n", end) ? 2 : 1));
			this.line(line);
		}
	}

	line(line) {
		if (line === "") {
			if (this.data.length) this.onEvent({ id: this.id, data: this.data.join("\n") });
			this.data = [];
			this.id = null;
			return;
		}
		if (line.startsWith(":")) return;
		const colon = line.indexOf(":");
		const field = colon < 0 ? line : line.slice(0, colon);
		const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
		if (field === "data") this.data.push(value);
		else if (field === "id") this.id = value;
	}
}

/** The chat API as a widget session sees it: one end user, from this page's origin. */
class Api {
	constructor(base, widgetId) {
		this.base = base;
		this.widgetId = widgetId;
		this.identityToken = null;
		this.session = null;
		this.storageKey = `switchboard:${widgetId}`;
	}

	/** Anonymous visitors keep their session across page loads in this tab; verified users re-identify instead. */
	restore() {
		try {
			const saved = JSON.parse(sessionStorage.getItem(this.storageKey) || "null");
			if (saved && Date.parse(saved.expiresAt) > Date.now() + 60_000) this.session = saved;
		} catch {
			// storage can be unavailable (sandboxed frames, privacy modes): a fresh session works as well
		}
		return this.session;
	}

	remember(extra = {}) {
		if (!this.session || this.session.endUser.verified) return;
		Object.assign(this.session, extra);
		try {
			sessionStorage.setItem(this.storageKey, JSON.stringify(this.session));
		} catch {
			// see restore()
		}
	}

	forget() {
		this.session = null;
		try {
			sessionStorage.removeItem(this.storageKey);
		} catch {
			// see restore()
		}
	}

	async open() {
		const identityToken = this.identityToken;
		const response = await fetch(`${this.base}/api/v1/widget/sessions`, {
			method: "POST", headers: { "Content-Type": "application/json" }, credentials: "omit",
			body: JSON.stringify({ widgetId: this.widgetId, identityToken: identityToken || undefined }),
		});
		const session = await Api.read(response);
		if (identityToken !== this.identityToken) return this.open(); // identify() or logout() came meanwhile
		this.session = session;
		this.remember();
		return session;
	}

	/** The live session; concurrent callers share one opening, so they all act as the same end user. */
	ensureSession() {
		if (this.session && Date.parse(this.session.expiresAt) > Date.now()) return Promise.resolve(this.session);
		this.opening ||= this.open().finally(() => (this.opening = null));
		return this.opening;
	}

	async request(method, path, body, retry = true) {
		const response = await this.send(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
		if (response.status === 401 && retry) {
			this.forget();
			return this.request(method, path, body, false);
		}
		return Api.read(response);
	}

	async send(path, init, headers = {}) {
		const session = await this.ensureSession();
		return fetch(`${this.base}${path}`, {
			...init, credentials: "omit",
			headers: { Authorization: `Bearer ${session.token}`, "Content-Type": "application/json", ...headers },
		});
	}

	events(runId, lastEventId, signal) {
		const headers = { Accept: "text/event-stream" };
		if (lastEventId > 0) headers["Last-Event-ID"] = String(lastEventId);
		return this.send(`/api/v1/runs/${runId}/events`, { method: "GET", signal }, headers);
	}

	async attachmentUrl(path) {
		const response = await this.send(path, { method: "GET" });
		if (!response.ok) throw new ApiError(response.status, "attachment_unavailable", "The image could not be loaded.");
		return URL.createObjectURL(await response.blob());
	}

	static async read(response) {
		if (response.status === 204) return null;
		const body = await response.json().catch(() => ({}));
		if (!response.ok) {
			throw new ApiError(response.status, body.code || `http_${response.status}`,
				body.detail || body.title || `The server answered ${response.status}.`);
		}
		return body;
	}
}

const STYLES = `
:host { all: initial; display: block; }
:host([launcher]) { position: fixed; bottom: 20px; right: 20px; z-index: var(--sb-z-index, 2147483000); }
:host([launcher][placement="bottom-left"]) { right: auto; left: 20px; }
* { box-sizing: border-box; }
.root {
	--accent: var(--sb-accent, #4338ca); --accent-fg: var(--sb-accent-contrast, #fff);
	--bg: var(--sb-background, #fff); --fg: var(--sb-foreground, #1f2937); --muted: var(--sb-muted, #5b6472);
	--border: var(--sb-border, #d9dde3); --bubble: var(--sb-assistant-background, #f1f3f6);
	--radius: var(--sb-radius, 14px);
	font: 15px/1.45 var(--sb-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif); color: var(--fg);
	height: 100%;
}
.launcher {
	width: var(--sb-launcher-size, 56px); height: var(--sb-launcher-size, 56px); border-radius: 50%; border: 0;
	background: var(--accent); color: var(--accent-fg); cursor: pointer; box-shadow: 0 4px 16px rgb(0 0 0 / 25%);
	display: grid; place-items: center;
}
:host(:not([launcher])) .launcher { display: none; }
svg { width: 22px; height: 22px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.panel {
	display: flex; flex-direction: column; background: var(--bg); border: 1px solid var(--border);
	border-radius: var(--radius); overflow: hidden; height: 100%; min-height: 320px;
}
:host([launcher]) .panel {
	position: absolute; bottom: calc(var(--sb-launcher-size, 56px) + 12px); right: 0;
	width: var(--sb-width, 380px); height: min(var(--sb-height, 620px), calc(100vh - 120px));
	box-shadow: 0 12px 40px rgb(0 0 0 / 22%);
}
:host([launcher][placement="bottom-left"]) .panel { right: auto; left: 0; }
.panel[hidden], .history[hidden], .typing[hidden] { display: none; }
header { display: flex; align-items: center; gap: 4px; padding: 10px 10px 10px 16px; background: var(--accent); color: var(--accent-fg); }
header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }
.icon-button { border: 0; background: transparent; color: inherit; padding: 6px; border-radius: 8px; cursor: pointer; display: grid; place-items: center; }
.icon-button:hover { background: rgb(127 127 127 / 18%); }
:focus-visible { outline: 3px solid var(--sb-focus, #f59e0b); outline-offset: 2px; }
.history { border-bottom: 1px solid var(--border); max-height: 40%; overflow: auto; }
.history ul { list-style: none; margin: 0; padding: 4px; }
.history button { width: 100%; text-align: left; border: 0; background: none; padding: 8px 12px; border-radius: 8px; color: inherit; font: inherit; cursor: pointer; }
.history button:hover { background: var(--bubble); }
.history time { display: block; font-size: 12px; color: var(--muted); }
.log { flex: 1; overflow-y: auto; padding: 16px; display: flex; flex-direction: column; gap: 12px; }
.message { max-width: 88%; padding: 10px 14px; border-radius: var(--radius); overflow-wrap: anywhere; }
.message.user { align-self: flex-end; background: var(--accent); color: var(--accent-fg); white-space: pre-wrap; }
.message.assistant { align-self: flex-start; background: var(--bubble); }
.message .markdown > :first-child { margin-top: 0; } .message .markdown > :last-child { margin-bottom: 0; }
.message pre { overflow-x: auto; background: rgb(0 0 0 / 6%); padding: 8px; border-radius: 8px; }
.message a { color: inherit; }
.message img { max-width: 160px; max-height: 160px; border-radius: 8px; display: block; margin-top: 6px; }
.message table { border-collapse: collapse; } .message th, .message td { border: 1px solid var(--border); padding: 2px 6px; }
.error { color: #b42318; }
.typing span { display: inline-block; width: 6px; height: 6px; margin: 0 2px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite; }
.typing span:nth-child(2) { animation-delay: .2s; } .typing span:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .typing span { animation: none; } }
.tool { font-size: 13px; color: var(--muted); margin-top: 6px; }
.tool summary { cursor: pointer; }
.tool pre { white-space: pre-wrap; margin: 4px 0 0; }
.job { font-size: 13px; color: var(--muted); margin-top: 6px; display: flex; flex-direction: column; gap: 4px; }
.job progress { width: 100%; accent-color: var(--accent); }
.card { border: 1px solid var(--border); border-radius: var(--radius); padding: 12px 14px; background: var(--bg); align-self: stretch; }
.card h3 { margin: 0 0 4px; font-size: 15px; }
.card p { margin: 4px 0; }
.card .effect { font-size: 13px; font-weight: 600; color: #9a3412; }
.card dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0; }
.card dt { color: var(--muted); } .card dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.card dd dl { margin: 0; }
.actions { display: flex; gap: 8px; margin-top: 8px; }
.actions button { flex: 1; padding: 8px; border-radius: 8px; font: inherit; cursor: pointer; border: 1px solid var(--border); background: var(--bg); color: var(--fg); }
.actions .approve { background: var(--accent); color: var(--accent-fg); border-color: var(--accent); }
.actions button:disabled { opacity: .5; cursor: default; }
.status { min-height: 0; padding: 0 16px; font-size: 13px; color: var(--muted); }
form { border-top: 1px solid var(--border); padding: 8px; display: flex; flex-wrap: wrap; align-items: flex-end; gap: 6px; }
.pending { display: flex; gap: 6px; width: 100%; flex-wrap: wrap; }
.pending:empty { display: none; }
.pending figure { position: relative; margin: 0; }
.pending img { width: 56px; height: 56px; object-fit: cover; border-radius: 8px; display: block; }
.pending button { position: absolute; top: -6px; right: -6px; width: 22px; height: 22px; padding: 0; border-radius: 50%; border: 0; background: var(--fg); color: var(--bg); cursor: pointer; }
.pending svg { width: 12px; height: 12px; }
textarea { flex: 1; resize: none; min-height: 40px; max-height: 140px; padding: 9px 10px; border: 1px solid var(--border); border-radius: 10px; font: inherit; color: var(--fg); background: var(--bg); }
form .icon-button { color: var(--muted); height: 40px; width: 40px; }
form .send { color: var(--accent); }
form .send:disabled { opacity: .4; cursor: default; }
.panel.dropping { outline: 3px dashed var(--accent); outline-offset: -6px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media (max-width: 480px) {
	:host([launcher]) .panel { position: fixed; inset: 0; width: 100vw; height: 100dvh; border-radius: 0; border: 0; }
	:host([launcher]) { bottom: 12px; right: 12px; } :host([launcher][placement="bottom-left"]) { left: 12px; }
}
`;

let sharedSheet;
function adoptStyles(root) {
	// A constructed sheet is shared by every widget and is not an inline style a strict host CSP would refuse.
	if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
		sharedSheet ||= new CSSStyleSheet();
		if (!sharedSheet.cssRules.length) sharedSheet.replaceSync(STYLES);
		root.adoptedStyleSheets = [sharedSheet];
	} else {
		root.append(element("style", {}, STYLES));
	}
}

let nextId = 0;

/**
 * <switchboard-chat widget-id="wgt_…"> — the chat, inline by default (full page or inside an element); with the
 * `launcher` attribute a floating bubble at `placement` (bottom-right or bottom-left) opens it. Other attributes:
 * `user-token` (an identity token), `chat-title`, `api-base` (defaults to where this script was served from).
 */
class SwitchboardChat extends HTMLElement {
	static observedAttributes = ["user-token"];

	constructor() {
		super();
		this.uid = `sb${++nextId}`;
		this.conversationId = null;
		this.busy = false;
		this.pendingImages = [];
		this.built = false;
		// An approved action's result arrives in a later run than the call it answers: keep the names across runs.
		this.toolNames = new Map();
		// Page tools answered here: their results are shown already when the continuation echoes them.
		this.answeredHere = new Set();
		// Jobs of long-running actions this widget shows progress for, by job id, until they finish.
		this.jobs = new Map();
		this.jobSeq = 0;
	}

	connectedCallback() {
		if (this.built) return;
		this.built = true;
		this.api = new Api(this.getAttribute("api-base") || SCRIPT_ORIGIN, this.getAttribute("widget-id"));
		this.api.identityToken = this.getAttribute("user-token") || pageIdentityToken;
		if (!this.api.identityToken && this.api.restore()) this.conversationId = this.api.session.conversationId || null;
		this.build();
		if (!this.hasAttribute("launcher")) this.start();
	}

	attributeChangedCallback(name, previous, value) {
		if (this.built && name === "user-token" && previous !== value) {
			if (value) this.identify(value);
			else this.logout();
		}
	}

	get isOpen() {
		return !this.panel.hidden;
	}

	build() {
		const root = this.attachShadow({ mode: "open" });
		adoptStyles(root);
		const title = this.getAttribute("chat-title") || "Chat";
		const id = (name) => `${this.uid}-${name}`;

		this.launcher = element("button", {
			class: "launcher", type: "button", part: "launcher", "aria-label": "Open chat",
			"aria-expanded": "false", "aria-controls": id("panel"),
		}, icon("chat"));
		this.historyButton = element("button", {
			class: "icon-button", type: "button", "aria-label": "Your conversations", "aria-expanded": "false",
			"aria-controls": id("history"),
		}, icon("history"));
		const newButton = element("button", { class: "icon-button", type: "button", "aria-label": "New conversation" }, icon("plus"));
		const closeButton = element("button", { class: "icon-button close", type: "button", "aria-label": "Close chat" }, icon("close"));
		if (!this.hasAttribute("launcher")) closeButton.hidden = true;
		this.historyList = element("ul");
		this.history = element("nav", { class: "history", id: id("history"), "aria-label": "Your conversations", hidden: true }, this.historyList);
		this.log = element("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Messages", tabindex: "0" });
		this.status = element("div", { class: "status", role: "status", "aria-live": "polite" });
		this.pending = element("div", { class: "pending", "aria-label": "Images to send", role: "group" });
		this.input = element("textarea", {
			id: id("input"), rows: "1", placeholder: "Write a message…", "aria-describedby": id("hint"), enterkeyhint: "send",
		});
		this.fileInput = element("input", { type: "file", accept: IMAGE_TYPES.join(","), multiple: true, hidden: true, "aria-label": "Image files" });
		const attachButton = element("button", { class: "icon-button attach", type: "button", "aria-label": "Attach image" }, icon("attach"));
		this.sendButton = element("button", { class: "icon-button send", type: "submit", "aria-label": "Send" }, icon("send"));
		this.form = element("form", {},
			this.pending,
			element("label", { class: "sr-only", for: id("input") }, "Message"),
			element("span", { class: "sr-only", id: id("hint") }, "Enter sends, Shift+Enter starts a new line. Paste or drop an image to attach it."),
			this.input, this.fileInput, attachButton, this.sendButton);
		this.panel = element("section", {
			class: "panel", id: id("panel"), role: this.hasAttribute("launcher") ? "dialog" : "region",
			"aria-labelledby": id("title"), hidden: this.hasAttribute("launcher"),
		},
		element("header", {}, element("h2", { id: id("title") }, title), this.historyButton, newButton, closeButton),
		this.history, this.log, this.status, this.form);
		root.append(element("div", { class: "root" }, this.panel, this.launcher));

		this.launcher.addEventListener("click", () => (this.isOpen ? this.close() : this.open()));
		closeButton.addEventListener("click", () => this.close());
		newButton.addEventListener("click", () => this.newConversation());
		this.historyButton.addEventListener("click", () => this.toggleHistory());
		attachButton.addEventListener("click", () => this.fileInput.click());
		this.fileInput.addEventListener("change", () => {
			this.addImages(this.fileInput.files);
			this.fileInput.value = "";
		});
		this.form.addEventListener("submit", (event) => {
			event.preventDefault();
			this.submit();
		});
		this.input.addEventListener("keydown", (event) => {
			if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
				event.preventDefault();
				this.submit();
			}
		});
		this.input.addEventListener("input", () => this.fitInput());
		this.panel.addEventListener("keydown", (event) => {
			if (event.key === "Escape" && this.hasAttribute("launcher")) {
				event.stopPropagation();
				this.close();
			}
		});
		this.input.addEventListener("paste", (event) => {
			const images = [...(event.clipboardData?.files || [])].filter((file) => file.type.startsWith("image/"));
			if (images.length) {
				event.preventDefault();
				this.addImages(images);
			}
		});
		this.panel.addEventListener("dragover", (event) => {
			if (event.dataTransfer?.types.includes("Files")) {
				event.preventDefault();
				this.panel.classList.add("dropping");
			}
		});
		this.panel.addEventListener("dragleave", () => this.panel.classList.remove("dropping"));
		this.panel.addEventListener("drop", (event) => {
			this.panel.classList.remove("dropping");
			if (event.dataTransfer?.files.length) {
				event.preventDefault();
				this.addImages(event.dataTransfer.files);
			}
		});
	}

	/** The first time the chat is shown: a session, and the conversation this tab had open. */
	start() {
		this.started ||= (async () => {
			try {
				await this.api.ensureSession();
				if (this.conversationId) await this.showConversation(this.conversationId);
			} catch (error) {
				this.fail(error);
			}
		})();
		return this.started;
	}

	open() {
		this.panel.hidden = false;
		this.launcher.setAttribute("aria-expanded", "true");
		this.launcher.setAttribute("aria-label", "Minimize chat");
		this.input.focus();
		return this.start();
	}

	close() {
		if (!this.hasAttribute("launcher")) return;
		this.panel.hidden = true;
		this.launcher.setAttribute("aria-expanded", "false");
		this.launcher.setAttribute("aria-label", "Open chat");
		this.launcher.focus();
	}

	async identify(token) {
		this.api.identityToken = token;
		this.api.forget();
		this.reset();
		try {
			await this.api.ensureSession();
			if (!this.history.hidden) await this.loadHistory();
		} catch (error) {
			this.fail(error);
			throw error;
		}
	}

	logout() {
		this.api.identityToken = null;
		this.api.forget();
		this.started = null;
		this.reset();
		this.history.hidden = true;
		this.historyButton.setAttribute("aria-expanded", "false");
		if (this.isOpen) this.start();
	}

	reset() {
		this.jobs.clear();
		this.jobSeq = 0;
		this.conversationId = null;
		this.log.replaceChildren();
		this.historyList.replaceChildren();
		this.announce("");
	}

	newConversation() {
		this.reset();
		this.api.remember({ conversationId: null });
		this.input.focus();
	}

	async toggleHistory() {
		const show = this.history.hidden;
		this.history.hidden = !show;
		this.historyButton.setAttribute("aria-expanded", String(show));
		if (show) await this.loadHistory();
	}

	async loadHistory() {
		try {
			const conversations = await this.api.request("GET", "/api/v1/conversations?size=50");
			this.historyList.replaceChildren(...conversations.map((conversation) => {
				const button = element("button", { type: "button" }, conversation.title || "Untitled conversation",
					element("time", { datetime: conversation.updatedAt }, new Date(conversation.updatedAt).toLocaleString()));
				if (conversation.id === this.conversationId) button.setAttribute("aria-current", "true");
				button.addEventListener("click", async () => {
					await this.showConversation(conversation.id);
					this.history.hidden = true;
					this.historyButton.setAttribute("aria-expanded", "false");
					this.input.focus();
				});
				return element("li", {}, button);
			}));
			if (!conversations.length) this.historyList.append(element("li", { class: "status" }, "No conversations yet."));
		} catch (error) {
			this.fail(error);
		}
	}

	async showConversation(id) {
		const conversation = await this.api.request("GET", `/api/v1/conversations/${id}`);
		this.conversationId = id;
		this.jobs.clear();
		this.jobSeq = 0;
		this.api.remember({ conversationId: id });
		this.log.replaceChildren();
		for (const message of conversation.messages) {
			const bubble = this.bubble(message.role);
			bubble.node.dataset.messageId = message.id;
			for (const part of message.parts) {
				if (part.type === "text") {
					if (message.role === "user") bubble.body.append(part.text);
					else bubble.body.append(renderMarkdown(part.text));
				} else if (part.type === "image") {
					const image = element("img", { alt: "Sent image" });
					bubble.node.append(image);
					this.api.attachmentUrl(part.url).then((url) => (image.src = url), () => (image.alt = "Image unavailable"));
				} else if (part.type === "tool_call") {
					bubble.node.append(element("div", { class: "tool" }, `Used ${part.name}`));
				}
			}
			if (message.status === "failed") bubble.node.append(element("p", { class: "error" }, `This answer failed (${message.errorCode}).`));
		}
		this.scrollToEnd(true);
		this.watchJobs(true); // a job started before this page was loaded shows its progress again
	}

	async addImages(files) {
		for (const file of files) {
			if (this.pendingImages.length >= MAX_IMAGES) {
				this.announce(`At most ${MAX_IMAGES} images per message.`);
				break;
			}
			if (!IMAGE_TYPES.includes(file.type)) {
				this.announce(`${file.name || "This file"} is not a PNG, JPEG, WebP or GIF image.`);
				continue;
			}
			if (file.size > MAX_IMAGE_BYTES) {
				this.announce(`${file.name || "This image"} is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
				continue;
			}
			const dataUrl = await new Promise((resolve, reject) => {
				const reader = new FileReader();
				reader.onload = () => resolve(reader.result);
				reader.onerror = () => reject(reader.error);
				reader.readAsDataURL(file);
			});
			const image = { mediaType: file.type, data: dataUrl.slice(dataUrl.indexOf(",") + 1), url: dataUrl, name: file.name || "pasted image" };
			this.pendingImages.push(image);
			const remove = element("button", { type: "button", "aria-label": `Remove ${image.name}` }, icon("close"));
			const figure = element("figure", {}, element("img", { src: image.url, alt: image.name }), remove);
			remove.addEventListener("click", () => {
				this.pendingImages = this.pendingImages.filter((other) => other !== image);
				figure.remove();
				this.input.focus();
			});
			this.pending.append(figure);
			this.announce(`${image.name} attached.`);
		}
	}

	fitInput() {
		this.input.style.height = "auto";
		this.input.style.height = `${this.input.scrollHeight}px`;
	}

	async submit() {
		const text = this.input.value.trim();
		const images = this.pendingImages;
		if (this.busy) {
			this.announce("Wait for the answer before sending the next message.");
			return;
		}
		if (!text && !images.length) return;
		this.setBusy(true);
		const parts = [];
		if (text) parts.push({ type: "text", text });
		for (const image of images) parts.push({ type: "image", mediaType: image.mediaType, data: image.data });
		const bubble = this.bubble("user");
		bubble.body.append(text);
		for (const image of images) bubble.node.append(element("img", { src: image.url, alt: image.name }));
		this.input.value = "";
		this.fitInput();
		this.pendingImages = [];
		this.pending.replaceChildren();
		this.scrollToEnd(true);
		try {
			if (!this.conversationId) {
				const conversation = await this.api.request("POST", "/api/v1/conversations", { title: (text || "Image").slice(0, 80) });
				this.conversationId = conversation.id;
				this.api.remember({ conversationId: conversation.id });
			}
			emit("message", { role: "user", text, images: images.length, conversationId: this.conversationId });
			const accepted = await this.api.request("POST", `/api/v1/conversations/${this.conversationId}/messages`, withTools({ parts }));
			await this.followRun(accepted.runId);
		} catch (error) {
			this.fail(error);
		} finally {
			this.setBusy(false);
		}
	}

	setBusy(busy) {
		this.busy = busy;
		this.sendButton.disabled = busy;
	}

	bubble(role) {
		const body = element("div", { class: role === "user" ? "body" : "body markdown" });
		const node = element("div", { class: `message ${role}` }, element("span", { class: "sr-only" }, role === "user" ? "You: " : "Assistant: "), body);
		this.log.append(node);
		return { node, body };
	}

	/**
	 * Streams a run's events into a new assistant bubble. A dropped stream is resumed from the last whole event
	 * received (Last-Event-ID), so no text is lost or shown twice.
	 */
	async followRun(runId) {
		const { node, body } = this.bubble("assistant");
		node.setAttribute("aria-busy", "true"); // screen readers announce the answer once, when it is complete
		const typing = element("div", { class: "typing", "aria-hidden": "true" }, element("span"), element("span"), element("span"));
		node.append(typing);
		const run = { runId, node, body, typing, text: "", tools: new Map(), done: false, renderQueued: false };
		this.announce("The assistant is typing…");
		let lastSeq = 0;
		let reconnects = 0;
		while (!run.done) {
			try {
				const response = await this.api.events(runId, lastSeq);
				if (!response.ok) await Api.read(response);
				const parser = new SseParser((event) => {
					const seq = Number(event.id);
					if (seq && seq <= lastSeq) return;
					if (seq) lastSeq = seq;
					reconnects = 0;
					this.handle(run, JSON.parse(event.data));
				});
				const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
				for (;;) {
					const { value, done } = await reader.read();
					if (done || run.done) break;
					parser.push(value);
				}
				reader.cancel().catch(() => {});
			} catch (error) {
				if (error instanceof ApiError && error.status === 401 && !run.reauthenticated) {
					run.reauthenticated = true; // the session expired during the run: open a new one and resume
					this.api.forget();
					continue;
				}
				if (error instanceof ApiError && error.status < 500 && error.status !== 429) {
					this.finishRun(run);
					throw error;
				}
			}
			if (run.done) break;
			if (++reconnects > MAX_RECONNECTS) {
				this.finishRun(run);
				throw new ApiError(0, "connection_lost", "The connection to the chat server was lost.");
			}
			this.announce("Connection lost, reconnecting…");
			await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 250 * 2 ** reconnects)));
		}
		for (const call of run.awaitingTools || []) await this.answerTool(run, call);
		if ([...this.jobs.values()].some((job) => !job.done)) this.watchJobs();
	}

	/** Shows a job an action started (its tool result said "accepted") with its progress, until it finishes. */
	trackJob(run, name, content) {
		let result;
		try {
			result = JSON.parse(content);
		} catch {
			return;
		}
		if (result?.status !== "accepted" || !result.jobId || this.jobs.has(result.jobId)) return;
		run.node.append(this.jobNode(result.jobId, name));
	}

	jobNode(jobId, name) {
		const label = element("span", {}, `${name}: started`);
		const bar = element("progress", { max: "1", "aria-label": `${name} progress` });
		const node = element("div", { class: "job", role: "status" }, label, bar);
		this.jobs.set(jobId, { name, label, bar, node, done: false });
		return node;
	}

	/**
	 * Follows the conversation's job events (progress, then the result) after the run that started the jobs closed,
	 * resuming with Last-Event-ID; one watcher at a time, until every job shown has finished. Discovering, it first
	 * replays the conversation's job events to find the jobs still running (the server ends the stream when none is).
	 */
	async watchJobs(discover = false) {
		if (this.watchingJobs) return;
		this.watchingJobs = true;
		const conversationId = this.conversationId;
		let reconnects = 0;
		try {
			while (conversationId === this.conversationId && (discover || [...this.jobs.values()].some((job) => !job.done))) {
				discover = false;
				try {
					const headers = { Accept: "text/event-stream" };
					if (this.jobSeq > 0) headers["Last-Event-ID"] = String(this.jobSeq);
					const response = await this.api.send(`/api/v1/conversations/${conversationId}/events`, { method: "GET" }, headers);
					if (!response.ok) await Api.read(response);
					const parser = new SseParser((event) => {
						this.jobSeq = Math.max(this.jobSeq, Number(event.id) || 0);
						reconnects = 0;
						this.jobEvent(JSON.parse(event.data));
					});
					const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
					for (;;) {
						const { value, done } = await reader.read();
						if (done || conversationId !== this.conversationId) break;
						parser.push(value);
					}
					reader.cancel().catch(() => {});
					if (![...this.jobs.values()].some((job) => !job.done)) break;
				} catch (error) {
					if (error instanceof ApiError && error.status < 500 && error.status !== 429) throw error;
				}
				if (++reconnects > MAX_RECONNECTS) throw new ApiError(0, "connection_lost", "Lost the connection while a job was running.");
				await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 250 * 2 ** reconnects)));
			}
		} catch (error) {
			this.fail(error);
		} finally {
			this.watchingJobs = false;
		}
	}

	jobEvent(event) {
		const value = event.value || {};
		if (event.name === "job_started" && !this.jobs.has(value.jobId)) {
			this.log.append(this.jobNode(value.jobId, value.action));
		}
		const job = this.jobs.get(value.jobId);
		if (event.type !== "CUSTOM" || !job || job.done) return;
		if (event.name === "job_progress") {
			job.label.textContent = `${job.name}: ${value.progress || "running"}`;
			if (typeof value.fraction === "number") job.bar.value = value.fraction;
		} else if (event.name === "job_finished") {
			job.done = true;
			job.label.textContent = `${job.name}: ${value.status === "succeeded" ? "finished" : value.status?.replace("_", " ")}`;
			job.bar.remove();
			if (this.log.querySelector(`[data-message-id="${CSS.escape(value.messageId || "")}"]`)) {
				job.node.remove(); // it ended before this page looked: its result is in the history already
				return;
			}
			const bubble = this.bubble("assistant");
			bubble.node.dataset.messageId = value.messageId;
			bubble.body.append(renderMarkdown(value.text || ""));
			this.announce(value.text || "");
			this.scrollToEnd(true);
			emit("message", { role: "assistant", text: value.text, messageId: value.messageId, conversationId: this.conversationId });
		}
	}

	/** Runs a page tool the run ended waiting for, sends its result, and follows the model's continuation. */
	async answerTool(run, call) {
		const tool = run.tools.get(call.toolCallId);
		if (tool) tool.summary.textContent = `Running ${call.toolCallName}…`;
		this.announce(`Running ${call.toolCallName}…`);
		const content = await runClientTool(call);
		if (tool) {
			tool.summary.textContent = `${call.toolCallName} done`;
			tool.node.append(element("pre", { "aria-label": "Result" }, content));
		}
		this.answeredHere.add(call.toolCallId);
		emit("toolCall", { toolCallId: call.toolCallId, name: call.toolCallName, arguments: call.arguments, result: content, conversationId: this.conversationId });
		const accepted = await this.api.request("POST", `/api/v1/conversations/${this.conversationId}/tool-results`,
			withTools({ toolCallId: call.toolCallId, content }));
		// No run yet while other calls of the same reply wait (an approval, another tool): the last outcome starts it.
		if (accepted.runId) await this.followRun(accepted.runId);
	}

	handle(run, event) {
		switch (event.type) {
			case "TEXT_MESSAGE_START":
				run.messageId = event.messageId;
				break;
			case "TEXT_MESSAGE_CONTENT":
				run.text += event.delta;
				run.typing.hidden = true;
				this.queueRender(run);
				break;
			case "TEXT_MESSAGE_END":
				this.render(run);
				emit("message", { role: "assistant", text: run.text, messageId: event.messageId, conversationId: this.conversationId });
				break;
			case "TOOL_CALL_START": {
				const summary = element("summary", {}, `Using ${event.toolCallName}…`);
				const tool = { name: event.toolCallName, args: "", summary, node: element("details", { class: "tool" }, summary) };
				run.tools.set(event.toolCallId, tool);
				this.toolNames.set(event.toolCallId, event.toolCallName);
				run.node.append(tool.node);
				this.announce(`Using ${event.toolCallName}…`);
				break;
			}
			case "TOOL_CALL_ARGS":
				run.tools.get(event.toolCallId).args += event.delta;
				break;
			case "TOOL_CALL_END": {
				const tool = run.tools.get(event.toolCallId);
				tool.summary.textContent = `Called ${tool.name}`;
				tool.node.append(element("pre", {}, tool.args));
				emit("toolCall", { toolCallId: event.toolCallId, name: tool.name, arguments: tool.args, conversationId: this.conversationId });
				break;
			}
			case "TOOL_CALL_RESULT":
				if (!this.answeredHere.has(event.toolCallId)) this.toolResult(run, event);
				break;
			case "CUSTOM":
				if (event.name === "confirmation_required") run.node.after(this.confirmationCard(event.value));
				break;
			case "RUN_FINISHED":
				run.awaitingTools = event.result?.awaitingToolResults;
				this.finishRun(run);
				this.announce("");
				break;
			case "RUN_ERROR":
				run.node.append(element("p", { class: "error", role: "alert" }, event.message || "The answer failed."));
				this.finishRun(run);
				this.announce("");
				emit("error", { code: event.code, message: event.message, conversationId: this.conversationId });
				break;
			default:
				break;
		}
	}

	toolResult(run, event) {
		let tool = run.tools.get(event.toolCallId);
		if (!tool) {
			const summary = element("summary");
			tool = { name: this.toolNames.get(event.toolCallId) || "tool", summary, node: element("details", { class: "tool" }, summary) };
			run.tools.set(event.toolCallId, tool);
			run.node.append(tool.node);
		}
		tool.summary.textContent = `${tool.name} done`;
		tool.node.append(element("pre", { "aria-label": "Result" }, typeof event.content === "string" ? event.content : JSON.stringify(event.content, null, 2)));
		this.trackJob(run, tool.name, event.content);
		emit("toolCall", { toolCallId: event.toolCallId, name: tool.name, result: event.content, conversationId: this.conversationId });
	}

	finishRun(run) {
		run.done = true;
		run.typing.remove();
		this.render(run);
		if (!run.text && !run.node.querySelector(".tool, .error")) run.node.remove();
		run.node.setAttribute("aria-busy", "false");
	}

	queueRender(run) {
		if (run.renderQueued) return;
		run.renderQueued = true;
		requestAnimationFrame(() => this.render(run));
	}

	render(run) {
		run.renderQueued = false;
		const follow = this.isNearEnd();
		if (run.text) run.body.replaceChildren(renderMarkdown(run.text));
		this.scrollToEnd(follow);
	}

	isNearEnd() {
		return this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight < 48;
	}

	scrollToEnd(force) {
		if (force) this.log.scrollTop = this.log.scrollHeight;
	}

	/** The card for an action that needs the user's approval; its arguments are shown for review, as text only. */
	confirmationCard(request) {
		const titleId = `${this.uid}-confirm-${request.invocationId}`;
		const approve = element("button", { type: "button", class: "approve" }, "Approve");
		const reject = element("button", { type: "button", class: "reject" }, "Reject");
		const outcome = element("p", { role: "status" });
		const expiresAt = request.expiresAt ? new Date(request.expiresAt) : null;
		const card = element("div", { class: "card", role: "group", "aria-labelledby": titleId },
			element("h3", { id: titleId }, request.title || humanize(request.action || "action")),
			request.summary ? element("p", {}, request.summary) : "",
			element("p", { class: "effect" }, request.effect === "DESTRUCTIVE" ? "This cannot be undone." : "This will change data."),
			this.argumentList(request.arguments || {}),
			expiresAt ? element("p", { class: "expires" }, "Expires at ", element("time", { datetime: request.expiresAt }, expiresAt.toLocaleTimeString())) : "",
			element("div", { class: "actions" }, approve, reject), outcome);
		const expire = () => {
			approve.disabled = reject.disabled = true;
			outcome.textContent = "This request expired.";
		};
		if (expiresAt) {
			const left = expiresAt.getTime() - Date.now();
			if (left <= 0) expire();
			else setTimeout(() => approve.disabled || expire(), Math.min(left, 2 ** 31 - 1));
		}
		const decide = async (decision) => {
			approve.disabled = reject.disabled = true;
			outcome.textContent = decision === "approve" ? "Approving…" : "Rejecting…";
			this.setBusy(true);
			try {
				const accepted = await this.api.request("POST",
					`/api/v1/conversations/${this.conversationId}/approvals/${encodeURIComponent(request.invocationId)}`,
					withTools({ decision, token: request.approvalToken }));
				outcome.textContent = decision === "approve" ? "Approved." : "Rejected.";
				if (accepted.runId) await this.followRun(accepted.runId);
				else outcome.textContent += " The assistant carries on once the rest of its request is answered.";
			} catch (error) {
				outcome.textContent = error.message;
				this.fail(error, false);
			} finally {
				this.setBusy(false);
			}
		};
		approve.addEventListener("click", () => decide("approve"));
		reject.addEventListener("click", () => decide("reject"));
		return card;
	}

	argumentList(values) {
		const list = element("dl");
		for (const [key, value] of Object.entries(values)) {
			let shown;
			if (value !== null && typeof value === "object" && !Array.isArray(value)) shown = this.argumentList(value);
			else if (Array.isArray(value)) shown = value.map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item))).join(", ");
			else shown = String(value);
			list.append(element("dt", {}, humanize(key)), element("dd", {}, shown));
		}
		return list;
	}

	announce(text) {
		this.status.textContent = text;
	}

	fail(error, show = true) {
		const code = error.code || "network_error";
		const message = error instanceof ApiError ? error.message : "The chat server could not be reached.";
		if (show) this.log.append(element("p", { class: "error", role: "alert" }, message));
		emit("error", { code, message, conversationId: this.conversationId });
	}
}

if (!customElements.get("switchboard-chat")) customElements.define("switchboard-chat", SwitchboardChat);

function widgets() {
	return [...document.querySelectorAll("switchboard-chat")];
}

/** The host page's API. Calls apply to every widget on the page. */
const Switchboard = {
	/** Signs a user in with an identity token (HS256 JWT) minted by the host's backend. */
	identify(token) {
		pageIdentityToken = token;
		return Promise.all(widgets().map((widget) => widget.identify(token)));
	},
	logout() {
		pageIdentityToken = null;
		widgets().forEach((widget) => widget.logout());
	},
	open: () => Promise.all(widgets().map((widget) => widget.open())),
	close: () => widgets().forEach((widget) => widget.close()),
	/**
	 * Registers tools the model may call in this page: [{name, description, parameters (JSON Schema of an object),
	 * handler(arguments) → result or a promise of it}]. Returns a function that unregisters them.
	 */
	registerTools(tools) {
		for (const tool of tools) {
			if (!TOOL_NAME.test(tool?.name || "")) throw new Error(`A tool name must match ${TOOL_NAME}.`);
			if (typeof tool.handler !== "function") throw new Error(`Tool '${tool.name}' needs a handler function.`);
		}
		for (const tool of tools) CLIENT_TOOLS.set(tool.name, tool);
		return () => tools.forEach((tool) => CLIENT_TOOLS.get(tool.name) === tool && CLIENT_TOOLS.delete(tool.name));
	},
	/** Listens for 'message', 'toolCall' or 'error'; returns a function that stops listening. */
	on(hook, listener) {
		if (!HOOKS[hook]) throw new Error(`Unknown Switchboard event '${hook}'; use ${Object.keys(HOOKS).join(", ")}.`);
		HOOKS[hook].add(listener);
		return () => HOOKS[hook].delete(listener);
	},
};
window.Switchboard ||= Switchboard;

// <script src=".../widget/switchboard.js" data-widget-id="wgt_…"> mounts a launcher on the page.
if (LOADER && LOADER.dataset.widgetId) {
	const mount = () => {
		const chat = element("switchboard-chat", {
			"widget-id": LOADER.dataset.widgetId, "api-base": SCRIPT_ORIGIN, launcher: true,
			placement: LOADER.dataset.placement || "bottom-right", "chat-title": LOADER.dataset.title,
			"user-token": LOADER.dataset.userToken,
		});
		document.body.append(chat);
	};
	if (document.body) mount();
	else document.addEventListener("DOMContentLoaded", mount, { once: true });
}
