package dev.switchboard.plugins.hubspot.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.text.ForeignText;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps HubSpot's error answers to the SDK's exceptions. HubSpot's error body is
 * {@code {"status":"error","message":…,"correlationId":…,"category":…,"errors":[{"message":…,"context":{…}}]}}; only
 * {@code message}, {@code category} and, for missing scopes, the required scope names are used, so no raw body ever
 * reaches a user. Stateless.
 */
public final class HubSpotErrors {

	private static final int MAX_SUMMARY = 200;

	private HubSpotErrors() {
	}

	/**
	 * The exception for an error answer.
	 *
	 * @param status     the HTTP status, 400 or above
	 * @param body       the answer's body as JSON, or {@code null} when it is not JSON
	 * @param retryAfter the raw Retry-After header, or {@code null}
	 * @param subject    what the request addressed, e.g. {@code contact 512}, for a 404's message
	 */
	public static PluginException toException(int status, JsonNode body, String retryAfter, String subject) {
		JsonNode error = body == null ? MissingNode.getInstance() : body;
		String message = ForeignText.summarise(error.path("message").asText(""), MAX_SUMMARY);
		String category = error.path("category").asText("");
		if (status == 403 && "MISSING_SCOPES".equals(category)) {
			List<String> scopes = requiredScopes(error);
			return new AuthenticationException("HubSpot refused the call: the private app lacks the scope"
					+ (scopes.size() == 1 ? " " : "s ") + (scopes.isEmpty() ? "this call needs" : String.join(", ", scopes))
					+ "; add " + (scopes.size() == 1 ? "it" : "them") + " to the private app in HubSpot and update the token");
		}
		if (status == 401) {
			return new AuthenticationException("HubSpot refused the access token (401): check that it is the current "
					+ "token of a private app in the right HubSpot account" + (message.isEmpty() ? "" : " (" + message + ")"));
		}
		if (status == 404) {
			return new NotFoundException("HubSpot has no " + subject + (message.isEmpty() ? "" : ": " + message));
		}
		return HttpErrors.fromStatus(status, message.isEmpty() ? null : "HubSpot: " + message, retryAfter);
	}

	private static List<String> requiredScopes(JsonNode error) {
		List<String> scopes = new ArrayList<>();
		for (JsonNode detail : error.path("errors")) {
			for (JsonNode scope : detail.path("context").path("requiredGranularScopes")) {
				if (!scopes.contains(scope.asText())) {
					scopes.add(scope.asText());
				}
			}
		}
		return scopes;
	}

}
