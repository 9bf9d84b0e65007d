package dev.switchboard.plugins.openapi;

import dev.switchboard.plugins.openapi.internal.ApiDocument;
import dev.switchboard.plugins.openapi.internal.OpenApiSettings;
import dev.switchboard.plugins.openapi.internal.OpenApiSettings.AuthMode;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Connectors to any HTTP API described by an OpenAPI 3.0 or 3.1 document: every operation becomes an action. The
 * effect follows the HTTP method (GET/HEAD read-only, PUT idempotent write, POST/PATCH write, DELETE destructive) unless
 * the admin overrides it per operation. Stateless.
 */
@Extension
public final class OpenApiActionConnectorFactory implements ActionConnectorFactory {

	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			ConfigProperty.url("specUrl", "Document URL",
					"Where to fetch the OpenAPI document (JSON or YAML). Set this or the document text.", false, null),
			ConfigProperty.string("specText", "Document text", "The OpenAPI document itself, JSON or YAML.", false),
			ConfigProperty.url("baseUrl", "Base URL",
					"Overrides the document's first server. Required when the document is fetched from another host"
							+ " than the API's.",
					false, null),
			new ConfigProperty("authMode", "Authorization",
					"What goes into the Authorization header: nothing, a fixed bearer token, an OAuth2 client-credentials"
							+ " token, or the end user's own token forwarded from the host.",
					ConfigProperty.Type.ENUM, true, false, AuthMode.NONE.configValue(),
					Arrays.stream(AuthMode.values()).map(AuthMode::configValue).toList()),
			ConfigProperty.secret("bearerToken", "Bearer token", "For bearer authorization.", false),
			ConfigProperty.secret("apiKey", "API key",
					"Sent on every request when set, where the document's apiKey security scheme says (or as configured below).",
					false),
			ConfigProperty.string("apiKeyName", "API key name",
					"The header or query parameter that carries the key; defaults to the document's apiKey scheme.", false),
			ConfigProperty.string("apiKeyIn", "API key location", "header or query; defaults to the document's apiKey scheme.",
					false),
			ConfigProperty.url("tokenUrl", "OAuth2 token URL",
					"For client credentials; defaults to the document's clientCredentials flow.", false, null),
			ConfigProperty.string("clientId", "OAuth2 client id", "For client credentials.", false),
			ConfigProperty.secret("clientSecret", "OAuth2 client secret", "For client credentials; sent with HTTP Basic.",
					false),
			ConfigProperty.string("scopes", "OAuth2 scopes", "Space-separated scopes to request, if any.", false),
			ConfigProperty.string("effects", "Effect overrides",
					"JSON object of action name or operationId to READ_ONLY, IDEMPOTENT_WRITE, WRITE or DESTRUCTIVE, e.g."
							+ " {\"searchOrders\": \"READ_ONLY\"} for a POST that only reads.",
					false),
			ConfigProperty.string("operations", "Offered operations",
					"Comma-separated action names or operationIds to offer; empty offers every operation.", false),
			ConfigProperty.integer("timeoutSeconds", "Timeout (seconds)",
					"The longest one call may take; a turn's own budget may be shorter.", "30"),
			ConfigProperty.integer("maxResponseChars", "Response cap (characters)",
					"Longer response bodies are cut with a marker before they reach the model.", "16000"));

	@Override
	public String id() {
		return "openapi";
	}

	@Override
	public String title() {
		return "OpenAPI-described HTTP API";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	/**
	 * The API's host, the document's host when fetched, and the OAuth2 token host. Without a base URL override, a
	 * fetched document's API is assumed on the document's host; {@link #create} checks that against its servers.
	 */
	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		OpenApiSettings settings = OpenApiSettings.from(config);
		Set<String> hosts = new LinkedHashSet<>();
		if (settings.specUrl() != null) {
			hosts.add(settings.specUrl().getHost());
		}
		URI baseUrl = settings.baseUrl() != null ? settings.baseUrl()
				: settings.specText() != null ? ApiDocument.parse(settings.specText(), null).baseUri(null) : null;
		if (baseUrl != null) {
			hosts.add(baseUrl.getHost());
		}
		if (settings.authMode() == AuthMode.OAUTH2_CLIENT_CREDENTIALS) {
			URI tokenUrl = settings.tokenUrl() != null ? settings.tokenUrl()
					: settings.specText() != null ? ApiDocument.parse(settings.specText(), null).tokenUrl().orElse(null)
							: null;
			if (tokenUrl != null) {
				hosts.add(tokenUrl.getHost());
			}
		}
		return new ConnectorPermissions(hosts, settings.authMode() == AuthMode.END_USER_TOKEN);
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		return new OpenApiActionConnector(OpenApiSettings.from(config), host.http());
	}
}
