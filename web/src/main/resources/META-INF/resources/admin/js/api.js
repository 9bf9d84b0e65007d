/** The admin API: the signed-in credential and the chosen tenant travel with every call; errors are RFC 9457 problems. */

const CREDENTIAL = "switchboard.admin.credential";
const TENANT = "switchboard.admin.tenant";

export class ProblemError extends Error {
	constructor(status, problem) {
		super(problem.detail || problem.title || `The server answered ${status}.`);
		this.status = status;
		this.code = problem.code || `http_${status}`;
		/** Field problems by JSON path, when the server listed them. */
		this.errors = problem.errors || {};
	}
}

export const session = {
	/** {kind: "key"|"oidc", token} in sessionStorage: gone when the tab closes. */
	get credential() {
		const stored = sessionStorage.getItem(CREDENTIAL);
		return stored ? JSON.parse(stored) : null;
	},
	set credential(value) {
		if (value) sessionStorage.setItem(CREDENTIAL, JSON.stringify(value));
		else sessionStorage.removeItem(CREDENTIAL);
	},
	get tenant() {
		return sessionStorage.getItem(TENANT) || "";
	},
	set tenant(value) {
		if (value) sessionStorage.setItem(TENANT, value);
		else sessionStorage.removeItem(TENANT);
	},
	/** Whether the credential may list tenants, i.e. acts as a platform admin; set on sign-in. */
	platformAdmin: false,
	/** Whether the credential only reads the tenant (a tenant viewer); set on sign-in. */
	viewer: false,
};

/** A refusal (403) told as who may do it, with the server's own words; any other error as it is. */
export function explained(error, whoMay) {
	return error.status === 403 ? new ProblemError(403, { code: error.code, detail: `Refused: only ${whoMay} may do this. The server said: ${error.message}` }) : error;
}

/** Listeners for a rejected credential (401): the shell signs out. */
export const onUnauthorized = new Set();

export async function api(method, path, body, { anonymous = false } = {}) {
	const headers = { Accept: "application/json" };
	if (body !== undefined) headers["Content-Type"] = "application/json";
	const credential = session.credential;
	if (!anonymous && credential) headers.Authorization = `Bearer ${credential.token}`;
	if (!anonymous && session.tenant) headers["X-Switchboard-Tenant"] = session.tenant;
	let response;
	try {
		response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	} catch {
		throw new ProblemError(0, { code: "network_error", detail: "The server could not be reached." });
	}
	if (response.status === 204) return null;
	const payload = await response.json().catch(() => ({}));
	if (!response.ok) {
		const error = new ProblemError(response.status, payload);
		if (response.status === 401 && !anonymous) onUnauthorized.forEach((listener) => listener(error));
		throw error;
	}
	return payload;
}

export const get = (path) => api("GET", path);
export const put = (path, body) => api("PUT", path, body);
export const post = (path, body) => api("POST", path, body);
export const del = (path) => api("DELETE", path);

/** Encodes each path segment. */
export const path = (strings, ...values) => strings.reduce((out, s, i) => out + s + (i < values.length ? encodeURIComponent(values[i]) : ""), "");
