package dev.switchboard.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a server-sent event stream as the run events it carries. */
public final class Sse {

	private static final ObjectMapper JSON = new ObjectMapper();

	private Sse() {
	}

	/**
	 * One event.
	 *
	 * @param id   its SSE id, or null
	 * @param data its JSON
	 */
	public record Event(String id, JsonNode data) {
		public String type() {
			return data.path("type").asText();
		}
	}

	public static List<Event> parse(String stream) {
		List<Event> events = new ArrayList<>();
		for (String block : stream.split("\n\n")) {
			String id = null;
			StringBuilder data = new StringBuilder();
			for (String line : block.split("\n")) {
				if (line.startsWith("id:")) {
					id = line.substring(3).trim();
				} else if (line.startsWith("data:")) {
					data.append(line.substring(5).trim());
				}
			}
			if (!data.isEmpty()) {
				try {
					events.add(new Event(id, JSON.readTree(data.toString())));
				} catch (java.io.IOException e) {
					throw new UncheckedIOException(e);
				}
			}
		}
		return events;
	}

	public static List<String> types(List<Event> events) {
		return events.stream().map(Event::type).toList();
	}

	/** The text the TEXT_MESSAGE_CONTENT events carry, joined. */
	public static String text(List<Event> events) {
		StringBuilder text = new StringBuilder();
		events.stream().filter(e -> e.type().equals("TEXT_MESSAGE_CONTENT")).forEach(e -> text.append(e.data().path("delta").asText()));
		return text.toString();
	}
}
