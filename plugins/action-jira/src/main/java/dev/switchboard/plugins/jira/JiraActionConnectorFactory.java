package dev.switchboard.plugins.jira;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.plugins.jira.internal.client.JiraErrors;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Jira Cloud connectors, one per tenant's site and project. Stateless.
 *
 * <p>Settings: {@code site} (the name before {@code .atlassian.net}), {@code email} and {@code apiToken} (secret) of
 * the Atlassian account the connector acts as, {@code projectKey} where issues are created and the only project it
 * touches, and {@code issueType} for new issues. {@code baseUrl} exists only for tests and self-hosted proxies: when
 * set it replaces {@code https://<site>.atlassian.net} and its host is added to the allowed hosts.
 */
@Extension
public final class JiraActionConnectorFactory implements ActionConnectorFactory {

	static final String ATLASSIAN_HOSTS = "*.atlassian.net";

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			ConfigProperty.string("site", "Site",
					"Your Jira Cloud site name: acme for https://acme.atlassian.net.", true),
			ConfigProperty.string("email", "Account email",
					"Email of the Atlassian account the connector acts as; it needs Browse, Create, Comment and "
							+ "Transition permissions in the project.",
					true),
			ConfigProperty.secret("apiToken", "API token",
					"An API token of that account, created at https://id.atlassian.com/manage-profile/security/api-tokens.",
					true),
			ConfigProperty.string("projectKey", "Project key",
					"Key of the project issues are created in, e.g. SUP; the connector touches no other project.", true),
			ConfigProperty.string("issueType", "Issue type", "Type of the issues it creates, e.g. Task or Bug.", false)
					.withDefault("Task"),
			ConfigProperty.url("baseUrl", "Base URL override (tests and proxies only)",
					"Leave empty. When set, it replaces https://<site>.atlassian.net, e.g. to point at a test fake.",
					false, null));

	@Override
	public String id() {
		return "jira";
	}

	@Override
	public String title() {
		return "Jira Cloud";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		Set<String> hosts = new LinkedHashSet<>();
		hosts.add(ATLASSIAN_HOSTS);
		config.get("baseUrl").map(url -> URI.create(url).getHost()).ifPresent(hosts::add);
		return new ConnectorPermissions(hosts, false);
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		Map<String, String> values = SCHEMA.validate(config.values());
		Map<String, String> problems = new LinkedHashMap<>();
		String site = siteName(values.get("site"));
		if (!site.matches("[a-z0-9][a-z0-9-]{0,62}")) {
			problems.put("site", "must be the site name before .atlassian.net, e.g. acme");
		}
		String projectKey = values.get("projectKey").trim();
		if (!projectKey.matches("[A-Z][A-Z0-9_]{1,9}")) {
			problems.put("projectKey", "must be a Jira project key: 2 to 10 capital letters, digits or _, e.g. SUP");
		}
		if (!problems.isEmpty()) {
			throw new InvalidConfigException(problems);
		}
		String baseUrl = values.getOrDefault("baseUrl", "https://" + site + ".atlassian.net");
		String basic = Base64.getEncoder().encodeToString((values.get("email").trim() + ":" + values.get("apiToken"))
				.getBytes(StandardCharsets.UTF_8));
		JsonHttp<JsonNode> client = new JsonHttp<>(host.http(), baseUrl, "Jira", Map.of("Authorization", "Basic " + basic),
				JSON::readTree, JiraErrors::toException);
		return new JiraActionConnector(client, projectKey, values.get("issueType"));
	}

	// Admins paste the site in many forms: acme, acme.atlassian.net, https://acme.atlassian.net/.
	private static String siteName(String value) {
		String site = value.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
		site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
		return site.endsWith(".atlassian.net") ? site.substring(0, site.length() - ".atlassian.net".length()) : site;
	}
}
