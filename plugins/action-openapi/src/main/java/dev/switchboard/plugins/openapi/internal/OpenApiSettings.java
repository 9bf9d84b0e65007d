package dev.switchboard.plugins.openapi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of one OpenAPI connector, read from its validated configuration.
 *
 * @param specUrl         where to fetch the document, or {@code null} when {@code specText} holds it
 * @param specText        the document itself, or {@code null}
 * @param baseUrl         overrides the document's first server, or {@code null}
 * @param effects         effect overrides by action name or operationId
 * @param operations      the action names or operationIds to offer; empty offers all
 */
public record OpenApiSettings(URI specUrl, String specText, URI baseUrl, AuthMode authMode, String bearerToken,
		String apiKey, String apiKeyName, String apiKeyIn, URI tokenUrl, String clientId, String clientSecret,
		String scopes, Map<String, Effect> effects, Set<String> operations, Duration timeout, int maxResponseChars) {

	/** How the Authorization header is filled. An API key is separate and sent whenever one is set. */
	public enum AuthMode {
		NONE("none"), BEARER("bearer"), OAUTH2_CLIENT_CREDENTIALS("oauth2-client-credentials"),
		END_USER_TOKEN("end-user-token");

		private final String configValue;

		AuthMode(String configValue) {
			this.configValue = configValue;
		}

		/** The value of the {@code authMode} setting. */
		public String configValue() {
			return configValue;
		}

		static AuthMode of(String configValue) {
			return Arrays.stream(values()).filter(mode -> mode.configValue.equals(configValue)).findFirst()
					.orElse(NONE);
		}
	}

	/**
	 * Reads the settings, checking what the schema alone cannot: that exactly one document source is given and that
	 * the chosen authentication has what it needs.
	 *
	 * @throws InvalidConfigException naming the offending settings
	 */
	public static OpenApiSettings from(InstanceConfig config) {
		String specUrl = value(config, "specUrl");
		String specText = value(config, "specText");
		if ((specUrl == null) == (specText == null)) {
			throw new InvalidConfigException(Map.of("specUrl", "set either specUrl or specText, not both or neither"));
		}
		AuthMode authMode = AuthMode.of(config.get("authMode").orElse("none"));
		String bearerToken = value(config, "bearerToken");
		if (authMode == AuthMode.BEARER && bearerToken == null) {
			throw new InvalidConfigException(Map.of("bearerToken", "is required for bearer authentication"));
		}
		String clientId = value(config, "clientId");
		String clientSecret = value(config, "clientSecret");
		if (authMode == AuthMode.OAUTH2_CLIENT_CREDENTIALS && (clientId == null || clientSecret == null)) {
			throw new InvalidConfigException(
					Map.of("clientId", "clientId and clientSecret are required for OAuth2 client credentials"));
		}
		if (authMode == AuthMode.OAUTH2_CLIENT_CREDENTIALS && specUrl != null && value(config, "tokenUrl") == null) {
			// The host must know every host before the document is fetched, so it cannot come from the document.
			throw new InvalidConfigException(Map.of("tokenUrl", "is required when the document is fetched by URL"));
		}
		String apiKeyIn = value(config, "apiKeyIn");
		if (apiKeyIn != null && !Set.of("header", "query").contains(apiKeyIn)) {
			throw new InvalidConfigException(Map.of("apiKeyIn", "must be header or query"));
		}
		return new OpenApiSettings(uri(specUrl), specText, uri(value(config, "baseUrl")), authMode, bearerToken,
				value(config, "apiKey"), value(config, "apiKeyName"), apiKeyIn, uri(value(config, "tokenUrl")), clientId,
				clientSecret, value(config, "scopes"), effects(value(config, "effects")),
				names(config.get("operations").orElse("")), Duration.ofSeconds(config.getInt("timeoutSeconds", 30)),
				config.getInt("maxResponseChars", 16_000));
	}

	/** Whether the admin chose to offer this operation. */
	public boolean offers(String actionName, String operationId) {
		return operations.isEmpty() || operations.contains(actionName)
				|| operationId != null && operations.contains(operationId);
	}

	private static Map<String, Effect> effects(String json) {
		if (json == null) {
			return Map.of();
		}
		try {
			Map<String, String> raw = new ObjectMapper().readValue(json, new TypeReference<Map<String, String>>() {
			});
			return raw.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					entry -> Effect.valueOf(entry.getValue().trim().toUpperCase(Locale.ROOT))));
		} catch (JsonProcessingException | IllegalArgumentException e) {
			throw new InvalidConfigException(Map.of("effects",
					"must be a JSON object of operation name to READ_ONLY, IDEMPOTENT_WRITE, WRITE or DESTRUCTIVE"));
		}
	}

	private static Set<String> names(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty())
				.collect(Collectors.toUnmodifiableSet());
	}

	private static String value(InstanceConfig config, String name) {
		return config.get(name).filter(value -> !value.isBlank()).orElse(null);
	}

	private static URI uri(String value) {
		return value == null ? null : URI.create(value);
	}

	@Override
	public String toString() {
		// Tokens, keys and secrets must never be printed.
		return "OpenApiSettings[specUrl=" + specUrl + ", baseUrl=" + baseUrl + ", authMode=" + authMode + "]";
	}
}
