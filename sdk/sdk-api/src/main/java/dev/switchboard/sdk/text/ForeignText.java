package dev.switchboard.sdk.text;

/**
 * Keeps text a plugin did not write (a vendor's error message, a tool's output, an API description) to a size a model,
 * a confirmation card and a log line can take. Stateless and thread-safe.
 */
public final class ForeignText {

	private ForeignText() {
	}

	/**
	 * The text cut to at most {@code max} characters plus a marker saying how much was dropped, so a model knows it
	 * did not see everything.
	 */
	public static String cap(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		return text.substring(0, max) + "… [truncated " + (text.length() - max) + " characters]";
	}

	/** One line of at most {@code max} characters (and an ellipsis when cut): whitespace collapsed; "" for null. */
	public static String summarise(String text, int max) {
		String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
		return line.length() <= max ? line : line.substring(0, max) + "…";
	}
}
