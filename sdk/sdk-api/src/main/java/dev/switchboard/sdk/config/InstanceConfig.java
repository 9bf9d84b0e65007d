package dev.switchboard.sdk.config;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The validated configuration of one plugin instance (one backend or connector of one tenant), handed to a
 * factory's {@code create}. Values were checked against the factory's {@link ConfigSchema} and have defaults
 * applied; secret values arrive decrypted and must not be logged. Immutable and thread-safe.
 *
 * @param tenantId     the tenant the instance serves
 * @param instanceName the instance's name within the tenant, e.g. {@code openai-main}
 * @param values       the setting values by property name
 */
public record InstanceConfig(String tenantId, String instanceName, Map<String, String> values) {

	public InstanceConfig {
		values = Map.copyOf(values);
	}

	/** The value of a setting, if set. */
	public Optional<String> get(String name) {
		return Optional.ofNullable(values.get(name));
	}

	/** The value of a required setting. */
	public String require(String name) {
		return get(name).orElseThrow(() -> new NoSuchElementException("setting " + name + " is not set"));
	}

	/** An integer setting, or the fallback when unset. */
	public int getInt(String name, int fallback) {
		return get(name).map(Integer::parseInt).orElse(fallback);
	}

	@Override
	public String toString() {
		// Values may hold secrets: never print them.
		return "InstanceConfig[tenantId=" + tenantId + ", instanceName=" + instanceName + ", keys=" + values.keySet() + "]";
	}
}
