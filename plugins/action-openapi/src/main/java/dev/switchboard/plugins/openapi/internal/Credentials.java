package dev.switchboard.plugins.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.plugins.openapi.internal.OpenApiSettings.AuthMode;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.http.EgressHttp;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Adds the configured credentials to requests: the Authorization header by {@link AuthMode}, and an API key when one
 * is set. OAuth2 client-credentials tokens are fetched through the egress and cached until shortly before they
 * expire. Thread-safe.
 */
public final class Credentials {

	/** A token this close to expiry is renewed rather than sent. */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);
	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private final OpenApiSettings settings;
	private final String apiKeyName;
	private final boolean apiKeyInQuery;
	private final URI tokenUrl;
	private final EgressHttp egress;
	private final Clock clock;
	private String token;
	private Instant tokenExpiry = Instant.MIN;

	/**
	 * @param document for the API key's name and location and the token URL, where the settings leave them out
	 */
	public Credentials(OpenApiSettings settings, ApiDocument document, EgressHttp egress, Clock clock) {
		this.settings = settings;
		this.egress = egress;
		this.clock = clock;
		SecurityScheme scheme = document.apiKeyScheme().orElse(null);
		this.apiKeyName = settings.apiKeyName() != null ? settings.apiKeyName()
				: scheme != null ? scheme.getName() : "X-API-Key";
		this.apiKeyInQuery = settings.apiKeyIn() != null ? settings.apiKeyIn().equals("query")
				: scheme != null && scheme.getIn() == SecurityScheme.In.QUERY;
		this.tokenUrl = settings.tokenUrl() != null ? settings.tokenUrl() : document.tokenUrl().orElse(null);
	}

	/** Query pairs to add, already encoded: the API key when it travels in the query. */
	public List<String> queryPairs() {
		if (settings.apiKey() == null || !apiKeyInQuery) {
			return List.of();
		}
		return List.of(URLEncoder.encode(apiKeyName, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(settings.apiKey(), StandardCharsets.UTF_8));
	}

	/**
	 * Adds headers to a request.
	 *
	 * @throws AuthenticationException when the end user's token is to be forwarded but none came, or no OAuth2 token
	 *                                 could be had
	 */
	public void apply(HttpRequest.Builder request, ActionContext context) {
		if (settings.apiKey() != null && !apiKeyInQuery) {
			request.header(apiKeyName, settings.apiKey());
		}
		switch (settings.authMode()) {
			case NONE -> {
			}
			case BEARER -> request.header("Authorization", "Bearer " + settings.bearerToken());
			case OAUTH2_CLIENT_CREDENTIALS -> request.header("Authorization", "Bearer " + oauth2Token(context));
			case END_USER_TOKEN -> request.header("Authorization", "Bearer " + context.forwardedToken().orElseThrow(
					() -> new AuthenticationException("this API needs the end user's token, and none was forwarded")));
		}
	}

	/** Forgets the cached OAuth2 token, e.g. after the API refused it. */
	public synchronized void renewToken() {
		token = null;
	}

	/** Whether a refused request may be retried once with a fresh token. */
	public boolean canRenew() {
		return settings.authMode() == AuthMode.OAUTH2_CLIENT_CREDENTIALS;
	}

	private synchronized String oauth2Token(ActionContext context) {
		if (token != null && clock.instant().isBefore(tokenExpiry)) {
			return token;
		}
		if (tokenUrl == null) {
			throw new AuthenticationException("no OAuth2 token URL: set tokenUrl or describe a clientCredentials flow");
		}
		StringBuilder form = new StringBuilder("grant_type=client_credentials");
		if (settings.scopes() != null) {
			form.append("&scope=").append(URLEncoder.encode(settings.scopes(), StandardCharsets.UTF_8));
		}
		String basic = URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
				+ URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(context.timeout())
				.header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build();
		HttpResponse<String> response = egress.send(request);
		JsonNode body = readJson(response.body());
		// A token endpoint answers 400 (invalid_client, invalid_scope) or 401 for bad credentials (RFC 6749 5.2).
		if (response.statusCode() == 400 || response.statusCode() == 401) {
			throw new AuthenticationException("the OAuth2 token endpoint refused the client credentials: "
					+ Responses.errorSummary(response.body()));
		}
		if (response.statusCode() >= 400) {
			throw Responses.failure(response);
		}
		String accessToken = body.path("access_token").asText("");
		if (accessToken.isEmpty()) {
			throw new AuthenticationException("the OAuth2 token endpoint answered without an access_token");
		}
		Duration lifetime = body.path("expires_in").canConvertToLong()
				? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_LIFETIME;
		token = accessToken;
		tokenExpiry = clock.instant().plus(lifetime).minus(EXPIRY_MARGIN);
		return token;
	}

	private static JsonNode readJson(String text) {
		try {
			return new ObjectMapper().readTree(text == null || text.isBlank() ? "{}" : text);
		} catch (Exception notJson) {
			return new ObjectMapper().createObjectNode();
		}
	}
}
