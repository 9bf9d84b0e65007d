package dev.switchboard.plugins.forms.internal.client;

import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.text.ForeignText;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a webhook receiver's answers that are not 2xx to the SDK's exceptions. Receivers are the tenant's own code, so
 * there is no one error format: a JSON body's usual fields ({@code error}, {@code message}, {@code detail},
 * {@code title}, {@code errors[].message}) are summarised into one short line; any other body is never echoed, since it
 * may be an HTML error page or hold anything at all. Stateless.
 */
public final class WebhookErrors {

	private static final ObjectMapper JSON = JsonMapper.builder().build();
	private static final int MAX_SUMMARY = 200;

	private WebhookErrors() {
	}

	/**
	 * The exception for an answer that is not 2xx.
	 *
	 * @param status     the HTTP status
	 * @param body       the answer's body, JSON or not
	 * @param retryAfter the raw Retry-After header, or {@code null}
	 * @param receiver   who answered, for the message, e.g. {@code the receiver of form refund_request at
	 *                   hooks.example.com}; never the full URL, whose path or query may hold a capability token
	 */
	public static PluginException toException(int status, String body, String retryAfter, String receiver) {
		String summary = summary(body);
		String reason = summary.isEmpty() ? "" : " (" + summary + ")";
		if (status < 400) {
			// The host does not follow redirects, so a moved receiver must be configured at its final URL.
			return new InvalidRequestException(receiver + " answered " + status + " (a redirect, which is not "
					+ "followed): set the form's webhook to the final URL");
		}
		return switch (status) {
			case 401, 403 -> new AuthenticationException(receiver + " refused the signed request ("
					+ status + "): check that it verifies Switchboard-Signature with the same signing secret, and that its "
					+ "clock is within the tolerance window" + reason);
			case 404, 410 -> new NotFoundException(receiver + " answered " + status + ", no such endpoint: check the "
					+ "form's webhook URL" + reason);
			default -> HttpErrors.fromStatus(status, summary.isEmpty() ? receiver : receiver + ": " + summary,
					retryAfter);
		};
	}

	private static String summary(String body) {
		JsonNode node = parse(body);
		List<String> parts = new ArrayList<>();
		JsonNode error = node.path("error");
		if (error.isObject()) {
			parts.add(error.path("message").asString(""));
			parts.add(error.path("code").asString(""));
		} else {
			parts.add(error.asString(""));
		}
		parts.add(node.path("title").asString(""));
		parts.add(node.path("message").asString(""));
		parts.add(node.path("detail").asString(""));
		for (JsonNode item : node.path("errors")) {
			parts.add(item.isString() ? item.asString() : item.path("message").asString(""));
		}
		List<String> distinct = parts.stream().map(String::strip).filter(p -> !p.isEmpty()).distinct().toList();
		return ForeignText.summarise(String.join("; ", distinct), MAX_SUMMARY);
	}

	private static JsonNode parse(String body) {
		try {
			JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
			return node != null && node.isObject() ? node : JSON.missingNode();
		} catch (JacksonException notJson) {
			return JSON.missingNode();
		}
	}
}
