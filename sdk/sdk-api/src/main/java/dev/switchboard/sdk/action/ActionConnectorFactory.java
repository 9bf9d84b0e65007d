package dev.switchboard.sdk.action;

import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;
import org.pf4j.ExtensionPoint;

/**
 * The entry point of an action plugin, discovered by PF4J ({@code @Extension}). Stateless and long-lived: the host
 * keeps one per loaded plugin and calls it from any thread.
 */
public interface ActionConnectorFactory extends ExtensionPoint {

	/** Stable kebab-case id, e.g. {@code hubspot}; unique among connector factories. */
	String id();

	/** Human name for the admin console. */
	String title();

	/** The settings an instance takes. */
	ConfigSchema configSchema();

	/**
	 * What a connector with this configuration needs: the hosts it calls (which may depend on the configuration, e.g.
	 * a tenant's own Jira site) and whether it receives the end user's identity.
	 */
	ConnectorPermissions permissions(InstanceConfig config);

	/**
	 * Creates a connector from a configuration already validated against {@link #configSchema()}.
	 *
	 * @param host what the host lends the connector, bound to this tenant and instance: its only way to the network
	 *             ({@link HostServices#http()}, limited to {@link #permissions(InstanceConfig)}) and its record store
	 */
	ActionConnector create(InstanceConfig config, HostServices host);
}
