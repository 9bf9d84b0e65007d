package dev.switchboard.core.marketplace;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;
import java.net.URI;
import java.util.List;
import org.pf4j.Extension;

/**
 * A tiny connector plugin the marketplace tests package: it asks for the host of its {@code site} setting, and its
 * one read-only action answers with its version. A release that declares secrets also takes an API token. Its factory id and version come from {@code echo.properties} in its
 * own jar; what it may reach is whatever the jar's manifest declares.
 */
@Extension
public class EchoConnectorFactory implements ActionConnectorFactory {

	private final EchoRelease release = EchoRelease.of(getClass());

	@Override
	public String id() {
		return release.factoryId();
	}

	@Override
	public String title() {
		return "Echo connector " + release.version();
	}

	@Override
	public ConfigSchema configSchema() {
		ConfigProperty site = ConfigProperty.url("site", "Site", "The site it talks to.", true, null);
		return release.secrets()
				? ConfigSchema.of(site, ConfigProperty.secret("apiToken", "API token", "The site's API token.", false))
				: ConfigSchema.of(site);
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		return ConnectorPermissions.hosts(URI.create(config.require("site")).getHost());
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		String version = release.version();
		return new ActionConnector() {
			@Override
			public List<ActionSpec> actions() {
				return List.of(ActionSpec.of("echo_version", "Version", "Tells which version of the plugin answers.",
						"{\"type\":\"object\"}", null, Effect.READ_ONLY));
			}

			@Override
			public ActionResult invoke(String action, String input, ActionContext context) {
				return ActionResult.done("{\"version\":\"" + version + "\"}", "echo " + version);
			}

			@Override
			public void verifyConnection() {
				host.http().checkDestination(URI.create(config.require("site")));
			}
		};
	}
}
