package dev.switchboard.sdk.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A request a {@link FakeOpenAiUpstream} received.
 *
 * @param method  the HTTP method
 * @param path    the request path, e.g. {@code /v1/chat/completions}
 * @param headers the first value of each header, by lower-case name
 * @param body    the parsed JSON body; a missing node for a request without one
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body) {

	public RecordedRequest {
		headers = Map.copyOf(headers);
	}

	/** A header's first value, by case-insensitive name. */
	public Optional<String> header(String name) {
		return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
	}

	/** Whether the request asked for a stream ({@code "stream": true}). */
	public boolean streamed() {
		return body.path("stream").asBoolean(false);
	}
}
