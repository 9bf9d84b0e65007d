package dev.switchboard.plugins.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.text.ForeignText;
import java.net.http.HttpResponse;
import java.util.List;

/** Turns API answers into bounded action results or the SDK's exceptions. Stateless. */
public final class Responses {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final int MAX_ERROR = 200;
	private static final List<String> ERROR_FIELDS = List.of("detail", "message", "error_description", "title", "error");

	private Responses() {
	}

	/**
	 * The result of a successful answer: {@code {"status": 200, "body": ...}} with the body as JSON when it is JSON,
	 * else as text; a body over the cap becomes capped text with {@code "truncated": true}.
	 */
	public static ActionResult success(OperationBinding binding, HttpResponse<String> response, int maxChars) {
		String body = response.body() == null ? "" : response.body();
		ObjectNode output = JSON.createObjectNode().put("status", response.statusCode());
		JsonNode json = body.length() <= maxChars ? parse(body) : null;
		if (json != null) {
			output.set("body", json);
		} else if (!body.isEmpty()) {
			output.put("body", ForeignText.cap(body, maxChars));
			if (body.length() > maxChars) {
				output.put("truncated", true);
			}
		}
		return ActionResult.done(output.toString(),
				binding.method() + " " + binding.path() + " answered " + response.statusCode());
	}

	/** The SDK exception for an error answer, with the API's reason in short. */
	public static PluginException failure(HttpResponse<String> response) {
		return HttpErrors.fromStatus(response.statusCode(), errorSummary(response.body()),
				response.headers().firstValue("Retry-After").orElse(null));
	}

	/** A short, one-line reason from an error body: a problem+json or common error field, else the text itself. */
	static String errorSummary(String body) {
		if (body == null || body.isBlank()) {
			return "";
		}
		JsonNode json = parse(body);
		if (json != null && json.isObject()) {
			for (String field : ERROR_FIELDS) {
				JsonNode value = json.get(field);
				if (value != null && value.isTextual() && !value.asText().isBlank()) {
					return ForeignText.summarise(value.asText(), MAX_ERROR);
				}
				if (value != null && value.isObject() && value.path("message").isTextual()) {
					return ForeignText.summarise(value.path("message").asText(), MAX_ERROR);
				}
			}
		}
		return ForeignText.summarise(body, MAX_ERROR);
	}

	private static JsonNode parse(String body) {
		if (body.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(body);
		} catch (Exception notJson) {
			return null;
		}
	}
}
