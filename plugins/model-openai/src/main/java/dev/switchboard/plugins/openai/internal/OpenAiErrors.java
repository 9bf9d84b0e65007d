package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sdk.error.ContentFilteredException;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;

/** Maps OpenAI error answers and transport failures to the SDK's exceptions. Stateless. */
public final class OpenAiErrors {

	private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "content_policy_violation");
	private static final int MAX_SUMMARY = 200;

	private OpenAiErrors() {
	}

	/** The SDK exception for an error answer; the body is OpenAI's {@code {"error":{...}}} or anything else. */
	public static PluginException fromResponse(int status, HttpHeaders headers, byte[] body) {
		return fromErrorObject(status, headers, vendorError(body));
	}

	/** The SDK exception for OpenAI's error object, from an error answer or sent as a stream event. */
	public static PluginException fromErrorObject(int status, HttpHeaders headers, JsonNode vendor) {
		String code = vendor.path("code").asText("");
		// Some servers send the error as a bare string.
		String summary = summary(vendor.isTextual() ? vendor.asText() : vendor.path("message").asText(""));
		if (CONTENT_FILTER_CODES.contains(code)) {
			return new ContentFilteredException("upstream refused the content: " + summary);
		}
		return HttpErrors.fromStatus(status, summary, headers.firstValue("Retry-After").orElse(null));
	}

	/** The SDK exception for a call that failed in transport and had {@code timeout} to run. */
	public static PluginException fromIo(IOException error, Duration timeout) {
		return error instanceof HttpTimeoutException
				? new UpstreamTimeoutException("upstream did not answer within " + timeout, error)
				: new UpstreamUnavailableException("upstream could not be reached or dropped the connection", error);
	}

	private static JsonNode vendorError(byte[] body) {
		try {
			JsonNode parsed = Json.MAPPER.readTree(body);
			if (parsed == null) {
				return Json.MAPPER.missingNode();
			}
			return parsed.has("error") ? parsed.path("error") : parsed;
		} catch (IOException notJson) {
			return Json.MAPPER.missingNode();
		}
	}

	// The vendor's own message is short and meant for people; cap it in case a server puts a whole page there.
	private static String summary(String message) {
		return message.length() <= MAX_SUMMARY ? message : message.substring(0, MAX_SUMMARY) + "…";
	}
}
