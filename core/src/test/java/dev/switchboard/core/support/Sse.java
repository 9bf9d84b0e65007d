package dev.switchboard.core.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;

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

	/** A client that watches a conversation's events as they arrive, reading the stream line by line. */
	public record Watcher(Stream<String> lines, Iterator<String> reader) implements AutoCloseable {

		public static Watcher open(String tenant, String conversation) throws IOException, InterruptedException {
			int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
					+ conversation + "/events")).header("Authorization", "Bearer " + Api.ADMIN_KEY)
					.header("X-Switchboard-Tenant", tenant).header("Accept", "text/event-stream")
					.timeout(Duration.ofSeconds(30)).build();
			HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request,
					HttpResponse.BodyHandlers.ofLines());
			if (response.statusCode() != 200) {
				throw new AssertionError("watching answered " + response.statusCode());
			}
			return new Watcher(response.body(), response.body().iterator());
		}

		/** The next event; blocks until the server sends it. */
		public Event next() {
			StringBuilder block = new StringBuilder();
			while (reader.hasNext()) {
				String line = reader.next();
				if (line.isEmpty() && !block.isEmpty()) {
					return parse(block.toString()).get(0);
				}
				block.append(line).append('\n');
			}
			throw new AssertionError("the stream ended before the next event");
		}

		public boolean ended() {
			return !reader.hasNext();
		}

		/** Disconnects, as a client that leaves does. */
		@Override
		public void close() {
			lines.close();
		}
	}
}
