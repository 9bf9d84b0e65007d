package dev.switchboard.plugins.zendesk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.plugins.zendesk.internal.client.ZendeskErrors;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.http.JsonHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Zendesk Support connectors, one per tenant's Zendesk account. Stateless.
 *
 * <p>Settings: {@code subdomain} (the name before {@code .zendesk.com}), {@code email} of the agent the connector acts
 * as and {@code apiToken} (secret). {@code baseUrl} exists only for tests and self-hosted proxies: when set it replaces
 * {@code https://<subdomain>.zendesk.com} and its host is added to the allowed hosts.
 */
@Extension
public final class ZendeskActionConnectorFactory implements ActionConnectorFactory {

	static final String ZENDESK_HOSTS = "*.zendesk.com";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			ConfigProperty.string("subdomain", "Subdomain", "Your Zendesk subdomain: acme for https://acme.zendesk.com.",
					true),
			ConfigProperty.string("email", "Agent email",
					"Email of the agent or admin the connector acts as; tickets and comments appear as theirs.", true),
			ConfigProperty.secret("apiToken", "API token",
					"From Zendesk: Admin Center > Apps and integrations > APIs > API tokens (turn on Allow API token "
							+ "access under API configuration first); the token is shown once.",
					true),
			ConfigProperty.url("baseUrl", "Base URL override (tests and proxies only)",
					"Leave empty. When set, it replaces https://<subdomain>.zendesk.com, e.g. to point at a test fake.",
					false, null));

	@Override
	public String id() {
		return "zendesk";
	}

	@Override
	public String title() {
		return "Zendesk Support";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		Set<String> hosts = new LinkedHashSet<>();
		hosts.add(ZENDESK_HOSTS);
		config.get("baseUrl").map(url -> URI.create(url).getHost()).ifPresent(hosts::add);
		return new ConnectorPermissions(hosts, false);
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		Map<String, String> values = SCHEMA.validate(config.values());
		String subdomain = subdomain(values.get("subdomain"));
		if (!subdomain.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			throw new InvalidConfigException(Map.of("subdomain", "must be the name before .zendesk.com, e.g. acme"));
		}
		String baseUrl = values.getOrDefault("baseUrl", "https://" + subdomain + ".zendesk.com");
		// Zendesk's API-token form of basic auth: "{email}/token:{api_token}".
		String basic = Base64.getEncoder().encodeToString((values.get("email").trim() + "/token:" + values.get("apiToken"))
				.getBytes(StandardCharsets.UTF_8));
		return new ZendeskActionConnector(new JsonHttp<>(host.http(), baseUrl, "Zendesk",
				Map.of("Authorization", "Basic " + basic), JSON::readTree, ZendeskErrors::toException));
	}

	// Admins paste the account in many forms: acme, acme.zendesk.com, https://acme.zendesk.com/.
	private static String subdomain(String value) {
		String name = value.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
		name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
		return name.endsWith(".zendesk.com") ? name.substring(0, name.length() - ".zendesk.com".length()) : name;
	}
}
