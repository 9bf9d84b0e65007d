package dev.switchboard.core.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The model role a turn goes to. */
public enum Route {
	/** Greetings, thanks, one-line FAQ answers, short rewrites and translations. */
	SMALL,
	/** Multi-step reasoning, analysis, planning, long-form writing, troubleshooting. */
	REASONING,
	/** Any turn that carries an image. */
	VISION,
	/** The turn needs a connector action in a product API. */
	ACTION;

	@JsonValue
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The route of that id ({@code small}, {@code reasoning}, {@code vision}, {@code action}), or null. */
	@JsonCreator
	public static Route ofId(String id) {
		if (id == null) {
			return null;
		}
		for (Route route : values()) {
			if (route.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
				return route;
			}
		}
		return null;
	}
}
