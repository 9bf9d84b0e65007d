package dev.switchboard.sdk.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a plugin instance takes. Immutable and thread-safe.
 *
 * @param properties the settings, in the order the admin console shows them
 */
public record ConfigSchema(List<ConfigProperty> properties) {

	public ConfigSchema {
		properties = List.copyOf(properties);
		if (properties.stream().map(ConfigProperty::name).distinct().count() != properties.size()) {
			throw new IllegalArgumentException("duplicate property names in " + properties);
		}
	}

	/** A schema of the given properties. */
	public static ConfigSchema of(ConfigProperty... properties) {
		return new ConfigSchema(List.of(properties));
	}

	/** The property of that name, if declared. */
	public Optional<ConfigProperty> property(String name) {
		return properties.stream().filter(p -> p.name().equals(name)).findFirst();
	}

	/**
	 * Checks raw values against this schema and fills in defaults.
	 *
	 * @return the values to use, defaults applied
	 * @throws InvalidConfigException listing every problem found, by property name; no value is echoed, secrets
	 *                                included
	 */
	public Map<String, String> validate(Map<String, String> raw) {
		Map<String, String> problems = new LinkedHashMap<>();
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : raw.keySet()) {
			if (property(name).isEmpty()) {
				problems.put(name, "is not a setting of this plugin");
			}
		}
		for (ConfigProperty p : properties) {
			String value = raw.get(p.name());
			if (value == null || value.isBlank()) {
				value = p.defaultValue();
			}
			if (value == null) {
				if (p.required()) {
					problems.put(p.name(), "is required");
				}
				continue;
			}
			typeProblem(p, value).ifPresent(problem -> problems.put(p.name(), problem));
			values.put(p.name(), value);
		}
		if (!problems.isEmpty()) {
			throw new InvalidConfigException(problems);
		}
		return values;
	}

	private static Optional<String> typeProblem(ConfigProperty p, String value) {
		return switch (p.type()) {
			case STRING -> Optional.empty();
			case INTEGER -> value.matches("-?\\d{1,18}") ? Optional.empty() : Optional.of("must be a whole number");
			case BOOLEAN -> value.equals("true") || value.equals("false") ? Optional.empty()
					: Optional.of("must be true or false");
			case ENUM -> p.options().contains(value) ? Optional.empty() : Optional.of("must be one of " + p.options());
			case URL -> isHttpUrl(value) ? Optional.empty() : Optional.of("must be an absolute http or https URL");
		};
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
		} catch (Exception e) {
			return false;
		}
	}

	/** Names of the properties only a platform admin may set or change. */
	public List<String> platformAdminOnlyNames() {
		return properties.stream().filter(ConfigProperty::platformAdminOnly).map(ConfigProperty::name).toList();
	}

	/** Names of the secret properties, whose values must never be shown. */
	public List<String> secretNames() {
		List<String> names = new ArrayList<>();
		properties.stream().filter(ConfigProperty::secret).forEach(p -> names.add(p.name()));
		return names;
	}
}
