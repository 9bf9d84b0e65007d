package dev.switchboard.plugins.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.plugins.hubspot.internal.client.HubSpotErrors;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.http.EgressHttp;
import dev.switchboard.sdk.http.JsonHttp;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * HubSpot CRM connectors, one per tenant's private app. Stateless.
 *
 * <p>Settings: {@code accessToken} (secret) is the private app's access token. {@code baseUrl} exists only for tests
 * and for operators who route HubSpot through their own proxy; left at its default, the connector calls
 * {@code api.hubapi.com} and nothing else.
 */
@Extension
public final class HubSpotActionConnectorFactory implements ActionConnectorFactory {

	static final String DEFAULT_BASE_URL = "https://api.hubapi.com";
	static final String HUBSPOT_HOST = "api.hubapi.com";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			ConfigProperty.secret("accessToken", "Private app access token",
					"From HubSpot: Development > Legacy apps > your private app > Auth > Show token (new accounts get "
							+ "service keys instead: Development > Keys > Service keys). It needs the scopes "
							+ "crm.objects.contacts.read, crm.objects.contacts.write, crm.objects.deals.read and "
							+ "crm.objects.deals.write.",
					true),
			ConfigProperty.url("baseUrl", "API base URL (tests and proxies only)",
					"Leave at " + DEFAULT_BASE_URL + ". Change it only to point the connector at a test fake or at your "
							+ "own proxy in front of HubSpot; that host is then added to the connector's allowed hosts.",
					false, DEFAULT_BASE_URL));

	@Override
	public String id() {
		return "hubspot";
	}

	@Override
	public String title() {
		return "HubSpot CRM";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		String host = URI.create(config.get("baseUrl").orElse(DEFAULT_BASE_URL)).getHost();
		return new ConnectorPermissions(new LinkedHashSet<>(List.of(HUBSPOT_HOST, host)), false);
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		return create(config, host.http(), Clock.systemUTC());
	}

	// The clock stamps notes (hs_timestamp); tests fix it.
	ActionConnector create(InstanceConfig config, EgressHttp http, Clock clock) {
		Map<String, String> values = SCHEMA.validate(config.values());
		JsonHttp<JsonNode> client = new JsonHttp<>(http, values.get("baseUrl"), "HubSpot",
				Map.of("Authorization", "Bearer " + values.get("accessToken")), JSON::readTree, HubSpotErrors::toException);
		return new HubSpotActionConnector(client, clock);
	}
}
