package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.switchboard.sdk.error.ContentFilteredException;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;

/** Maps what openai-java throws to the SDK's exceptions. Stateless. */
public final class OpenAiErrors {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Set<String> CONTENT_FILTER_CODES = Set.of("content_filter", "content_policy_violation");
	private static final int MAX_SUMMARY = 200;

	private OpenAiErrors() {
	}

	/** The SDK exception for a failed call that had {@code timeout} to run. */
	public static PluginException map(RuntimeException error, Duration timeout) {
		if (error instanceof PluginException plugin) {
			return plugin;
		}
		if (error instanceof OpenAIServiceException service) {
			JsonNode vendor = vendorError(service);
			String code = vendor.path("code").asText("");
			String summary = summary(vendor.path("message").asText(""));
			if (CONTENT_FILTER_CODES.contains(code)) {
				return new ContentFilteredException("upstream refused the content: " + summary, service);
			}
			return HttpErrors.fromStatus(service.statusCode(), summary,
					service.headers().values("Retry-After").stream().findFirst().orElse(null));
		}
		if (error instanceof OpenAIIoException io) {
			return timedOut(io) ? new UpstreamTimeoutException("upstream did not answer within " + timeout, io)
					: new UpstreamUnavailableException("upstream could not be reached or dropped the connection", io);
		}
		return new UpstreamUnavailableException("upstream answer could not be read", error);
	}

	private static boolean timedOut(Throwable error) {
		for (Throwable t = error; t != null; t = t.getCause()) {
			if (t instanceof InterruptedIOException) {
				return true;
			}
		}
		return false;
	}

	// OpenAI's {"error":{...}} object; the SDK hands over either the whole body or the inner object.
	private static JsonNode vendorError(OpenAIServiceException service) {
		try {
			JsonNode body = JSON.valueToTree(service.body().convert(Object.class));
			return body.has("error") ? body.path("error") : body;
		} catch (RuntimeException unreadable) {
			return JSON.missingNode();
		}
	}

	// The vendor's own message is short and meant for people; cap it in case a server puts a whole page there.
	private static String summary(String message) {
		return message.length() <= MAX_SUMMARY ? message : message.substring(0, MAX_SUMMARY) + "…";
	}
}
