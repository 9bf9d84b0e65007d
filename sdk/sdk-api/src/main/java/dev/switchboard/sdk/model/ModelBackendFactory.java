package dev.switchboard.sdk.model;

import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import org.pf4j.ExtensionPoint;

/**
 * The entry point of a model plugin, discovered by PF4J ({@code @Extension}). Stateless and long-lived: the host keeps
 * one per loaded plugin and calls it from any thread.
 */
public interface ModelBackendFactory extends ExtensionPoint {

	/** Stable kebab-case id, e.g. {@code openai}; unique among model factories. */
	String id();

	/** Human name for the admin console, e.g. {@code OpenAI-compatible Chat Completions}. */
	String title();

	/** The settings an instance takes. */
	ConfigSchema configSchema();

	/**
	 * Creates a backend from a configuration already validated against {@link #configSchema()}. Must not call the
	 * network; connection problems surface on the first call.
	 */
	ModelBackend create(InstanceConfig config);
}
