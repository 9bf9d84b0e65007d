package dev.switchboard.core.widget;

import dev.switchboard.core.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * Verifies the identity tokens a SaaS backend mints for its signed-in users: a JWT signed with HS256 and the
 * tenant's identity secret, with {@code sub} and {@code exp} (at most 24 hours ahead) required and {@code email},
 * {@code name} optional. Only HS256 is accepted, whatever the header claims, so {@code alg: none} and algorithm
 * confusion fail. Each refusal names its reason.
 */
final class IdentityTokens {

	static final Duration MAX_LIFETIME = Duration.ofHours(24);
	private static final Duration SKEW = Duration.ofSeconds(60);

	private IdentityTokens() {
	}

	/** The most attributes a token may carry for routing rules. */
	static final int MAX_ATTRIBUTES = 20;

	/**
	 * A verified end user.
	 *
	 * @param attributes the {@code attributes} claim: string values tenant routing rules match on, e.g. {@code userTier}
	 */
	record EndUser(String subject, String email, String name, Instant expiresAt, Map<String, String> attributes) {
	}

	private static Map<String, String> attributes(JwtClaims claims) {
		Object value = claims.getClaimValue("attributes");
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map) || map.size() > MAX_ATTRIBUTES) {
			throw refused("identity_token_attributes", "The identity token's 'attributes' claim must be an object of at "
					+ "most " + MAX_ATTRIBUTES + " string values.");
		}
		Map<String, String> attributes = new java.util.TreeMap<>();
		map.forEach((k, v) -> {
			if (!(v instanceof String) && !(v instanceof Number) && !(v instanceof Boolean)) {
				throw refused("identity_token_attributes", "The identity token's attribute '" + k + "' must be a string.");
			}
			attributes.put(String.valueOf(k), String.valueOf(v));
		});
		return attributes;
	}

	/**
	 * @param secrets the tenant's current identity secret, then the previous one while its overlap window lasts
	 */
	static EndUser verify(String token, List<String> secrets) {
		JsonWebSignature jws = new JsonWebSignature();
		try {
			jws.setCompactSerialization(token);
		} catch (JoseException e) {
			throw refused("identity_token_malformed", "The identity token is not a compact JWS.");
		}
		if (!AlgorithmIdentifiers.HMAC_SHA256.equals(jws.getAlgorithmHeaderValue())) {
			throw refused("identity_token_algorithm", "The identity token must be signed with HS256, not '"
					+ jws.getAlgorithmHeaderValue() + "'.");
		}
		jws.setAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
				AlgorithmIdentifiers.HMAC_SHA256));
		if (!signedByAny(jws, secrets)) {
			throw refused("identity_token_signature",
					"The identity token's signature does not match this widget's identity secret.");
		}
		try {
			JwtClaims claims = JwtClaims.parse(jws.getUnverifiedPayload());
			Instant now = Instant.now();
			if (claims.getSubject() == null || claims.getSubject().isBlank()) {
				throw refused("identity_token_subject", "The identity token has no 'sub' claim naming the user.");
			}
			if (claims.getExpirationTime() == null) {
				throw refused("identity_token_expiry", "The identity token has no 'exp' claim.");
			}
			Instant expires = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
			if (!expires.isAfter(now.minus(SKEW))) {
				throw refused("identity_token_expired", "The identity token expired at " + expires + ".");
			}
			if (expires.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) {
				throw refused("identity_token_expiry", "The identity token's 'exp' is more than 24 hours ahead.");
			}
			if (claims.getIssuedAt() != null
					&& Instant.ofEpochSecond(claims.getIssuedAt().getValue()).isAfter(now.plus(SKEW))) {
				throw refused("identity_token_issued_in_future", "The identity token's 'iat' is in the future.");
			}
			return new EndUser(claims.getSubject(), claims.getStringClaimValue("email"),
					claims.getStringClaimValue("name"), expires, attributes(claims));
		} catch (MalformedClaimException | org.jose4j.jwt.consumer.InvalidJwtException e) {
			throw refused("identity_token_malformed", "The identity token's claims are malformed.");
		}
	}

	private static boolean signedByAny(JsonWebSignature jws, List<String> secrets) {
		for (String secret : secrets) {
			try {
				jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
				if (jws.verifySignature()) {
					return true;
				}
			} catch (JoseException e) {
				// not this secret
			}
		}
		return false;
	}

	private static ProblemException refused(String code, String detail) {
		return new ProblemException(401, code, "Identity token refused", detail);
	}
}
