package dev.switchboard.sdk.config;

import java.util.List;
import java.util.Objects;

/**
 * One typed setting of a plugin instance. The same metadata drives validation when an admin saves a configuration,
 * the admin console's form and the generated plugin docs.
 *
 * @param name         stable key, lower camel case ({@code baseUrl}, {@code apiKey})
 * @param label        short human label
 * @param description  what it is and where to find it
 * @param type         the value's type
 * @param required     whether a configuration without it is refused
 * @param secret       write-only: encrypted at rest, never returned by the API, never logged or shown to a model
 * @param defaultValue the value used when none is given, or {@code null}
 * @param options      the allowed values of an {@link Type#ENUM}, empty otherwise
 * @param platformAdminOnly whether only a platform admin may set or change it: for a setting that reaches beyond the
 *                     tenant, e.g. a program the host starts. The host refuses anyone else who gives another value
 *                     than the stored one (or the default), and keeps the stored value when they leave it blank.
 */
public record ConfigProperty(String name, String label, String description, Type type, boolean required, boolean secret,
		String defaultValue, List<String> options, boolean platformAdminOnly) {

	/** Value types a configuration property can take. Values travel as strings and are checked against the type. */
	public enum Type {
		STRING, INTEGER, BOOLEAN, URL, ENUM
	}

	public ConfigProperty {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(type, "type");
		label = label == null ? name : label;
		description = description == null ? "" : description;
		options = options == null ? List.of() : List.copyOf(options);
		if (type == Type.ENUM && options.isEmpty()) {
			throw new IllegalArgumentException("ENUM property " + name + " needs options");
		}
	}

	/** A property any admin of the tenant may set. */
	public ConfigProperty(String name, String label, String description, Type type, boolean required, boolean secret,
			String defaultValue, List<String> options) {
		this(name, label, description, type, required, secret, defaultValue, options, false);
	}

	/** A plain text property. */
	public static ConfigProperty string(String name, String label, String description, boolean required) {
		return new ConfigProperty(name, label, description, Type.STRING, required, false, null, List.of());
	}

	/** A secret text property: an API key, token or password. */
	public static ConfigProperty secret(String name, String label, String description, boolean required) {
		return new ConfigProperty(name, label, description, Type.STRING, required, true, null, List.of());
	}

	/** An absolute http(s) URL property. */
	public static ConfigProperty url(String name, String label, String description, boolean required, String defaultValue) {
		return new ConfigProperty(name, label, description, Type.URL, required, false, defaultValue, List.of());
	}

	/** An integer property. */
	public static ConfigProperty integer(String name, String label, String description, String defaultValue) {
		return new ConfigProperty(name, label, description, Type.INTEGER, false, false, defaultValue, List.of());
	}

	/** A copy of this property with another default value. */
	public ConfigProperty withDefault(String value) {
		return new ConfigProperty(name, label, description, type, required, secret, value, options, platformAdminOnly);
	}

	/** A copy of this property that only a platform admin may set or change; see {@link #platformAdminOnly()}. */
	public ConfigProperty onlyForPlatformAdmins() {
		return new ConfigProperty(name, label, description, type, required, secret, defaultValue, options, true);
	}
}
