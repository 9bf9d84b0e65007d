package dev.switchboard.sdk.signer;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;

/** An extension only for its type: the signer reads a plugin's kind from the extension points it implements. */
public class SampleConnectorFactory implements ActionConnectorFactory {

	@Override
	public String id() {
		return "sample";
	}

	@Override
	public String title() {
		return "Sample";
	}

	@Override
	public ConfigSchema configSchema() {
		return ConfigSchema.of();
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		return ConnectorPermissions.hosts("api.example.com");
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		throw new UnsupportedOperationException("never instantiated: the signer only reads the type");
	}
}
