/** Operator sign-in with the OIDC provider: authorization code flow with PKCE (S256), for a public client. */

const PENDING = "switchboard.admin.oidc";

const redirectUri = () => `${location.origin}/admin/`;

function base64url(bytes) {
	return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function discover(issuer) {
	const response = await fetch(`${issuer}/.well-known/openid-configuration`);
	if (!response.ok) throw new Error(`The sign-in provider answered ${response.status}.`);
	return response.json();
}

/** Sends the browser to the provider's sign-in page. */
export async function startSignIn({ oidcIssuer, oidcClientId }) {
	const provider = await discover(oidcIssuer);
	const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
	const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
	const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
	sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, tokenEndpoint: provider.token_endpoint, clientId: oidcClientId }));
	const url = new URL(provider.authorization_endpoint);
	url.search = new URLSearchParams({
		response_type: "code", client_id: oidcClientId, redirect_uri: redirectUri(), scope: "openid",
		code_challenge: challenge, code_challenge_method: "S256", state,
	});
	location.assign(url);
}

/** On the way back from the provider: exchanges the code for an access token, or returns null when not returning. */
export async function finishSignIn() {
	const query = new URLSearchParams(location.search);
	if (!query.has("code") && !query.has("error")) return null;
	const pending = JSON.parse(sessionStorage.getItem(PENDING) || "null");
	sessionStorage.removeItem(PENDING);
	history.replaceState(null, "", `${location.pathname}${location.hash}`);
	if (query.has("error")) throw new Error(query.get("error_description") || query.get("error"));
	if (!pending || pending.state !== query.get("state")) throw new Error("The sign-in answer did not match this browser's request.");
	const response = await fetch(pending.tokenEndpoint, {
		method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" },
		body: new URLSearchParams({
			grant_type: "authorization_code", code: query.get("code"), redirect_uri: redirectUri(),
			client_id: pending.clientId, code_verifier: pending.verifier,
		}),
	});
	const tokens = await response.json().catch(() => ({}));
	if (!response.ok || !tokens.access_token) throw new Error(tokens.error_description || "The sign-in provider refused the code.");
	return { kind: "oidc", token: tokens.access_token };
}
