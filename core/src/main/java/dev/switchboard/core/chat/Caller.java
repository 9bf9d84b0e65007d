package dev.switchboard.core.chat;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Map;

/**
 * What the run knows about who it acts for beyond the scope: the attributes tenant routing rules match on, and the
 * verified end user's identity token (encrypted) for connectors that act as the user.
 *
 * @param attributes        routing attributes, e.g. {@code userTier}
 * @param sealedEndUserToken the widget user's identity token as SecretBox ciphertext, or null
 */
record Caller(Map<String, String> attributes, String sealedEndUserToken) {

	static final Caller NONE = new Caller(Map.of(), null);

	/**
	 * The caller of a request. A widget user's attributes come only from their verified identity token; an API key
	 * may state them for the user it sends for.
	 */
	static Caller of(SecurityIdentity identity, Map<String, String> stated) {
		if (identity.hasRole(Roles.END_USER)) {
			if (stated != null && !stated.isEmpty()) {
				throw ProblemException.badRequest("attributes_not_allowed", "A widget user's attributes come from their "
						+ "verified identity token, not from the message.");
			}
			Map<String, String> traits = identity.getAttribute(Roles.END_USER_TRAITS_ATTRIBUTE);
			String token = identity.getAttribute(Roles.END_USER_TOKEN_ATTRIBUTE);
			return new Caller(traits == null ? Map.of() : traits, token == null || token.isEmpty() ? null : token);
		}
		return new Caller(stated == null ? Map.of() : Map.copyOf(stated), null);
	}
}
