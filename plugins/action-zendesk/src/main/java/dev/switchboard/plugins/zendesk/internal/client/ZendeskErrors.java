package dev.switchboard.plugins.zendesk.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.text.ForeignText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps Zendesk's error answers to the SDK's exceptions. Zendesk's error body is
 * {@code {"error":"RecordInvalid","description":"Record validation errors","details":{"field":[{"description":"…"}]}}}
 * (some endpoints send {@code "error":{"title":…,"message":…}} instead); it is summarised into one short line, and
 * bodies that are not JSON are never echoed. Stateless.
 */
public final class ZendeskErrors {

	private static final int MAX_SUMMARY = 200;

	private ZendeskErrors() {
	}

	/**
	 * The exception for an error answer.
	 *
	 * @param status     the HTTP status, 400 or above
	 * @param body       the answer's body as JSON, or {@code null} when it is not JSON
	 * @param retryAfter the raw Retry-After header, or {@code null}
	 * @param subject    what the request addressed, e.g. {@code ticket 35436}, for a 404's message
	 */
	public static PluginException toException(int status, JsonNode body, String retryAfter, String subject) {
		String summary = body == null ? "" : summary(body);
		String reason = summary.isEmpty() ? "" : " (" + summary + ")";
		return switch (status) {
			case 401 -> new AuthenticationException("Zendesk refused the email and API token (401): check the agent's "
					+ "email, that the API token is active, and that token access is enabled in the Admin Center" + reason);
			case 403 -> new AuthenticationException("the Zendesk user may not do this (403): it must be an agent or "
					+ "admin with access to the ticket" + reason);
			case 404 -> new NotFoundException("Zendesk has no " + subject + reason);
			default -> HttpErrors.fromStatus(status, summary.isEmpty() ? null : "Zendesk: " + summary, retryAfter);
		};
	}

	private static String summary(JsonNode body) {
		List<String> parts = new ArrayList<>();
		JsonNode error = body.path("error");
		if (error.isObject()) {
			parts.add(error.path("title").asText(""));
			parts.add(error.path("message").asText(""));
		} else {
			parts.add(error.asText(""));
		}
		parts.add(body.path("description").asText(""));
		for (Map.Entry<String, JsonNode> field : body.path("details").properties()) {
			for (JsonNode detail : field.getValue()) {
				parts.add(detail.path("description").asText(field.getKey()));
			}
		}
		parts.removeIf(String::isBlank);
		return ForeignText.summarise(String.join("; ", parts), MAX_SUMMARY);
	}
}
