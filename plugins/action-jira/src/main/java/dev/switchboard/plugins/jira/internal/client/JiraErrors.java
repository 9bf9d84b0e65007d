package dev.switchboard.plugins.jira.internal.client;

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
 * Maps Jira Cloud's error answers to the SDK's exceptions. Jira's error body is
 * {@code {"errorMessages":["…"],"errors":{"field":"…"}}}; its messages are summarised into one short line, and bodies
 * that are not JSON (Atlassian's edge answers some errors in HTML) are never echoed. Stateless.
 */
public final class JiraErrors {

	private static final int MAX_SUMMARY = 200;

	private JiraErrors() {
	}

	/**
	 * The exception for an error answer.
	 *
	 * @param status     the HTTP status, 400 or above
	 * @param body       the answer's body as JSON, or {@code null} when it is not JSON
	 * @param retryAfter the raw Retry-After header, or {@code null}
	 * @param subject    what the request addressed, e.g. {@code issue SUP-12}, for a 404's message
	 */
	public static PluginException toException(int status, JsonNode body, String retryAfter, String subject) {
		String summary = body == null ? "" : summary(body);
		String reason = summary.isEmpty() ? "" : " (" + summary + ")";
		return switch (status) {
			case 401 -> new AuthenticationException("Jira refused the email and API token (401): check the account "
					+ "email and that the API token is current" + reason);
			case 403 -> new AuthenticationException("the Jira account may not do this (403): give it the project "
					+ "permission this action needs" + reason);
			case 404 -> new NotFoundException("Jira has no " + subject + ", or the account cannot see it" + reason);
			default -> HttpErrors.fromStatus(status, summary.isEmpty() ? null : "Jira: " + summary, retryAfter);
		};
	}

	private static String summary(JsonNode error) {
		List<String> messages = new ArrayList<>();
		error.path("errorMessages").forEach(message -> messages.add(message.asText()));
		for (Map.Entry<String, JsonNode> field : error.path("errors").properties()) {
			messages.add(field.getKey() + ": " + field.getValue().asText());
		}
		return ForeignText.summarise(String.join("; ", messages), MAX_SUMMARY);
	}
}
