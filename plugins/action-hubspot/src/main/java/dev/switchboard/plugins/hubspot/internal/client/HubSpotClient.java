package dev.switchboard.plugins.hubspot.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.EgressHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * HubSpot's CRM v3 API over the host's {@link EgressHttp}, authenticated with a private app's access token. Sends
 * every request through the egress client (never another transport) and turns error answers into SDK exceptions.
 * Thread-safe and stateless apart from its settings.
 */
public final class HubSpotClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final EgressHttp http;
	private final String baseUrl;
	private final String accessToken;

	/**
	 * @param baseUrl     the API root, {@code https://api.hubapi.com} unless overridden
	 * @param accessToken the private app's access token, sent as a bearer token
	 */
	public HubSpotClient(EgressHttp http, String baseUrl, String accessToken) {
		this.http = Objects.requireNonNull(http, "http");
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
	}

	/** GETs {@code pathAndQuery}; {@code subject} names what it addresses for a 404 message. */
	public JsonNode get(String pathAndQuery, Duration timeout, String subject) {
		return exchange(request(pathAndQuery, timeout).GET().build(), subject);
	}

	/** POSTs a JSON body. */
	public JsonNode post(String path, JsonNode body, Duration timeout, String subject) {
		return exchange(request(path, timeout).POST(json(body)).header("Content-Type", "application/json").build(),
				subject);
	}

	/** PATCHes a JSON body. */
	public JsonNode patch(String path, JsonNode body, Duration timeout, String subject) {
		return exchange(request(path, timeout).method("PATCH", json(body)).header("Content-Type", "application/json")
				.build(), subject);
	}

	private HttpRequest.Builder request(String path, Duration timeout) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(timeout)
				.header("Authorization", "Bearer " + accessToken)
				.header("Accept", "application/json");
	}

	private JsonNode exchange(HttpRequest request, String subject) {
		HttpResponse<String> response = http.send(request);
		int status = response.statusCode();
		if (status >= 400) {
			throw HubSpotErrors.toException(status, response.body(),
					response.headers().firstValue("Retry-After").orElse(null), subject);
		}
		String body = response.body();
		if (body == null || body.isBlank()) {
			return JSON.createObjectNode();
		}
		try {
			return JSON.readTree(body);
		} catch (IOException notJson) {
			throw new UpstreamUnavailableException("HubSpot answered " + status + " with a body that is not JSON");
		}
	}

	private static HttpRequest.BodyPublisher json(JsonNode body) {
		try {
			return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
		} catch (IOException e) {
			throw new IllegalStateException("cannot write a JSON tree", e);
		}
	}
}
