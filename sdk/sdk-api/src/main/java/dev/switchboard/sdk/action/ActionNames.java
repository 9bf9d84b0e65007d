package dev.switchboard.sdk.action;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns foreign names (an MCP tool's {@code get-sum}, an OpenAPI operationId {@code getPetById}, a method and path)
 * into {@link ActionSpec#name() action names} ({@code [a-z][a-z0-9_]{0,47}}), unique within one connector: snake_case,
 * cut to length, numbered when two foreign names meet. Not thread-safe: use one instance per list of actions built.
 */
public final class ActionNames {

	private static final int MAX_LENGTH = 48;

	private final String fallbackPrefix;
	private final Set<String> taken = new HashSet<>();

	/**
	 * @param fallbackPrefix put before a name that would not start with a letter, e.g. {@code tool_}; itself a valid
	 *                       start of an action name
	 */
	public ActionNames(String fallbackPrefix) {
		if (!fallbackPrefix.matches("[a-z][a-z0-9_]{0,15}")) {
			throw new IllegalArgumentException("not a valid start of an action name: " + fallbackPrefix);
		}
		this.fallbackPrefix = fallbackPrefix;
	}

	/** A valid action name for {@code foreign} that this instance has not given out before. */
	public String claim(String foreign) {
		String base = sanitise(foreign);
		String name = base;
		for (int n = 2; !taken.add(name); n++) {
			String suffix = "_" + n;
			name = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())) + suffix;
		}
		return name;
	}

	private String sanitise(String foreign) {
		String snake = foreign.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
			snake = fallbackPrefix + snake;
		}
		return snake.length() > MAX_LENGTH ? snake.substring(0, MAX_LENGTH).replaceAll("_+$", "") : snake;
	}
}
