package dev.switchboard.core.routing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the router sees of one user turn: its text, the types of its attachments ({@code image}, or a MIME type such
 * as {@code image/png}) and the attributes tenant rules match on (for example {@code userTier}).
 */
public record Turn(String text, List<String> attachmentTypes, Map<String, String> attributes) {

	public Turn {
		text = text == null ? "" : text;
		attachmentTypes = attachmentTypes == null ? List.of() : List.copyOf(attachmentTypes);
		attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
	}

	public static Turn text(String text) {
		return new Turn(text, List.of(), Map.of());
	}

	public static Turn withImage(String text) {
		return new Turn(text, List.of("image"), Map.of());
	}

	/** Whether any attachment is an image. */
	public boolean hasImage() {
		return attachmentTypes.stream().filter(t -> t != null).map(t -> t.trim().toLowerCase(Locale.ROOT))
				.anyMatch(t -> t.equals("image") || t.startsWith("image/"));
	}
}
