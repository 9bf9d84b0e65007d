package dev.switchboard.plugins.jira.internal.client;

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
 * Jira Cloud's REST v3 API over the host's {@link EgressHttp}, authenticated with an account email and API token
 * (HTTP basic). Sends every request through the egress client (never another transport) and turns error answers into
 * SDK exceptions. Thread-safe and stateless apart from its settings.
 */
public final class JiraClient {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final EgressHttp http;
	private final String baseUrl;
	private final String authorization;

	/**
	 * @param baseUrl  the site root, e.g. {@code https://acme.atlassian.net}
	 * @param email    the Atlassian account's email
	 * @param apiToken the account's API token
	 */
	public JiraClient(EgressHttp http, String baseUrl, String email, String apiToken) {
		this.http = Objects.requireNonNull(http, "http");
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.authorization = "Basic " + Base64.getEncoder()
				.encodeToString((email + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
	}

	/** GETs {@code pathAndQuery}; {@code subject} names what it addresses for a 404 message. */
	public JsonNode get(String pathAndQuery, Duration timeout, String subject) {
		return exchange(request(pathAndQuery, timeout).GET().build(), subject);
	}

	/** POSTs a JSON body; an empty answer (Jira's 204) comes back as an empty object. */
	public JsonNode post(String path, JsonNode body, Duration timeout, String subject) {
		return exchange(request(path, timeout).POST(json(body)).header("Content-Type", "application/json").build(),
				subject);
	}

	/** The site root this client calls, e.g. for browse links. */
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
			throw JiraErrors.toException(status, response.body(),
					response.headers().firstValue("Retry-After").orElse(null), subject);
		}
		String body = response.body();
		if (body == null || body.isBlank()) {
			return JSON.createObjectNode();
		}
		try {
			return JSON.readTree(body);
		} catch (IOException notJson) {
			throw new UpstreamUnavailableException("Jira answered " + status + " with a body that is not JSON");
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
