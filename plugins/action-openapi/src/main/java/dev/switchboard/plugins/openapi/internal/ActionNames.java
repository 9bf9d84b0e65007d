package dev.switchboard.plugins.openapi.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns foreign names (operationIds such as {@code getPetById}, or a method and path) into action names the SDK accepts
 * ({@code [a-z][a-z0-9_]{0,47}}), unique within one connector. Not thread-safe: one instance per catalogue build.
 */
final class ActionNames {

	private static final int MAX_LENGTH = 48;

	private final Set<String> taken = new HashSet<>();

	/** A valid, not yet used action name for {@code foreign}. */
	String claim(String foreign) {
		String base = sanitise(foreign);
		String name = base;
		for (int n = 2; !taken.add(name); n++) {
			String suffix = "_" + n;
			name = base.substring(0, Math.min(base.length(), MAX_LENGTH - suffix.length())) + suffix;
		}
		return name;
	}

	static String sanitise(String foreign) {
		String snake = foreign.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
			snake = "op_" + snake;
		}
		return snake.length() > MAX_LENGTH ? snake.substring(0, MAX_LENGTH).replaceAll("_+$", "") : snake;
	}
}
