package dev.switchboard.plugins.zendesk.internal.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.EgressHttp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Zendesk Support API v2 over the host's {@link EgressHttp}, authenticated with an API token (HTTP basic as
 * {@code {email}/token:{api_token}}). Sends every request through the egress client (never another transport) and
 * turns error answers into SDK exceptions. Thread-safe and stateless apart from its settings.
 */
public final class ZendeskClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final EgressHttp http;
	private final String baseUrl;
	private final String authorization;

	/**
	 * @param baseUrl  the account root, e.g. {@code https://acme.zendesk.com}
	 * @param email    the email of the agent the connector acts as
	 * @param apiToken an API token of the account
	 */
	public ZendeskClient(EgressHttp http, String baseUrl, String email, String apiToken) {
		this.http = Objects.requireNonNull(http, "http");
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.authorization = "Basic " + Base64.getEncoder()
				.encodeToString((email + "/token:" + apiToken).getBytes(StandardCharsets.UTF_8));
	}

	/** GETs {@code pathAndQuery}; {@code subject} names what it addresses for a 404 message. */
	public JsonNode get(String pathAndQuery, Duration timeout, String subject) {
		return exchange(request(pathAndQuery, timeout).GET().build(), subject);
	}

	/**
	 * POSTs a JSON body.
	 *
	 * @param idempotencyKey sent as Zendesk's documented {@code Idempotency-Key} header, so a retried create never makes
	 *                       a second record
	 */
	public JsonNode post(String path, JsonNode body, String idempotencyKey, Duration timeout, String subject) {
		return exchange(request(path, timeout).POST(json(body)).header("Content-Type", "application/json")
				.header("Idempotency-Key", idempotencyKey).build(), subject);
	}

	/** PUTs a JSON body. */
	public JsonNode put(String path, JsonNode body, Duration timeout, String subject) {
		return exchange(request(path, timeout).PUT(json(body)).header("Content-Type", "application/json").build(),
				subject);
	}

	/** The account root this client calls, e.g. for links to the agent workspace. */
	public String baseUrl() {
		return baseUrl;
	}

	private HttpRequest.Builder request(String path, Duration timeout) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path))
				.timeout(timeout)
				.header("Authorization", authorization)
				.header("Accept", "application/json");
	}

	private JsonNode exchange(HttpRequest request, String subject) {
		HttpResponse<String> response = http.send(request);
		int status = response.statusCode();
		if (status >= 400) {
			throw ZendeskErrors.toException(status, response.body(),
					response.headers().firstValue("Retry-After").orElse(null), subject);
		}
		String body = response.body();
		if (body == null || body.isBlank()) {
			return JSON.createObjectNode();
		}
		try {
			return JSON.readTree(body);
		} catch (IOException notJson) {
			throw new UpstreamUnavailableException("Zendesk answered " + status + " with a body that is not JSON");
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
