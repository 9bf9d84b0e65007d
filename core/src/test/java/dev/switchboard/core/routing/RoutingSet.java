package dev.switchboard.core.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A labelled routing set (one JSON object a line: text, attachments, route, action) and the catalog beside it. */
record RoutingSet(List<Case> cases) {

	static final ObjectMapper JSON = new ObjectMapper();

	record Case(Turn turn, Route route, String action) {
	}

	static RoutingSet load(String resource) {
		try (InputStream in = RoutingSet.class.getResourceAsStream(resource)) {
			List<Case> cases = new ArrayList<>();
			for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (line.isBlank()) {
					continue;
				}
				JsonNode row = JSON.readTree(line);
				List<String> types = new ArrayList<>();
				row.path("attachments").forEach(a -> types.add(a.path("type").asText()));
				cases.add(new Case(new Turn(row.get("text").asText(), types, Map.of()), Route.ofId(row.get("route").asText()),
						row.hasNonNull("action") ? row.get("action").asText() : null));
			}
			return new RoutingSet(cases);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static RoutingCatalog catalog(String resource) {
		try (InputStream in = RoutingSet.class.getResourceAsStream(resource)) {
			return RoutingCatalog.parse(JSON.readTree(in));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
