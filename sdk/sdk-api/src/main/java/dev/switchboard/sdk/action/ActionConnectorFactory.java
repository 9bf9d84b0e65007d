package dev.switchboard.sdk.action;

import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
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

	/** Creates a connector from a configuration already validated against {@link #configSchema()}. */
	ActionConnector create(InstanceConfig config);
}
