package dev.switchboard.plugins.openapi.internal;

/** Keeps foreign text to a size a model and a log line can take. */
final class Text {

	private Text() {
	}

	/** The text cut to at most about {@code max} characters, with a marker saying how much was dropped. */
	static String cap(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		return text.substring(0, max) + "… [truncated " + (text.length() - max) + " characters]";
	}

	/** One line of at most {@code max} characters: whitespace collapsed, then capped. */
	static String summarise(String text, int max) {
		String line = text == null ? "" : text.replaceAll("\\s+", " ").trim();
		return line.length() <= max ? line : line.substring(0, max) + "…";
	}
}
