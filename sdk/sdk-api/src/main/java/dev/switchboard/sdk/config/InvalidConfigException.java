package dev.switchboard.sdk.config;

import java.util.Map;

/**
 * A configuration was refused. Carries one message per offending property name and never a property's value, so it
 * is safe to return to an admin and to log.
 */
public class InvalidConfigException extends IllegalArgumentException {

	private final Map<String, String> problems;

	public InvalidConfigException(Map<String, String> problems) {
		super("invalid configuration: " + problems);
		this.problems = Map.copyOf(problems);
	}

	/** Problem per property name, e.g. {@code apiKey -> is required}. */
	public Map<String, String> problems() {
		return problems;
	}
}
