package dev.switchboard.sdk.http;

import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A JSON API client on the host's {@link EgressHttp}: what every connector to a REST product API repeats, once. It
 * sends JSON text to paths under a base URL with the same headers each time (credentials, {@code Accept}), reads
 * answers with the plugin's own JSON library, and turns an error answer into the SDK's exceptions through the
 * plugin's {@link ErrorMapper}, which knows the vendor's error body. The SDK has no JSON library of its own, so
 * requests are JSON text and answers are whatever the plugin's {@link JsonReader} makes of them.
 *
 * <p>Thread-safe and stateless apart from its settings; calls block, like {@link EgressHttp#send}.
 *
 * @param <T> the plugin's JSON tree type, e.g. Jackson's {@code JsonNode}
 */
public final class JsonHttp<T> {

	/**
	 * Parses JSON text with the plugin's JSON library.
	 *
	 * @param <T> the plugin's JSON tree type
	 */
	@FunctionalInterface
	public interface JsonReader<T> {

		/**
		 * @throws Exception when the text is not JSON
		 */
		T read(String json) throws Exception;
	}

	/**
	 * The vendor's part of error handling: which exception an error answer becomes. Most mappers add a hint for
	 * 401, 403 and 404 and hand the rest to {@link dev.switchboard.sdk.error.HttpErrors#fromStatus}.
	 *
	 * @param <T> the plugin's JSON tree type
	 */
	@FunctionalInterface
	public interface ErrorMapper<T> {

		/**
		 * @param status     the HTTP status, 400 or above
		 * @param body       the error body as parsed JSON, or {@code null} when it is empty or not JSON (proxies and
		 *                   gateways answer in HTML: such a body is never shown)
		 * @param retryAfter the raw {@code Retry-After} header, or {@code null}
		 * @param subject    what the request addressed, e.g. {@code ticket 35436}, for a 404's message
		 */
		PluginException toException(int status, T body, String retryAfter, String subject);
	}

	private final EgressHttp http;
	private final String baseUrl;
	private final String vendor;
	private final Map<String, String> headers;
	private final JsonReader<T> reader;
	private final ErrorMapper<T> errors;

	/**
	 * @param baseUrl the API root; a trailing slash is dropped
	 * @param vendor  the product's name for messages, e.g. {@code Zendesk}
	 * @param headers sent with every request, e.g. {@code Authorization}; {@code Accept: application/json} is added
	 */
	public JsonHttp(EgressHttp http, String baseUrl, String vendor, Map<String, String> headers, JsonReader<T> reader,
			ErrorMapper<T> errors) {
		this.http = Objects.requireNonNull(http, "http");
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		this.vendor = Objects.requireNonNull(vendor, "vendor");
		Map<String, String> all = new LinkedHashMap<>(headers);
		all.putIfAbsent("Accept", "application/json");
		this.headers = Map.copyOf(all);
		this.reader = Objects.requireNonNull(reader, "reader");
		this.errors = Objects.requireNonNull(errors, "errors");
	}

	/** The API root requests go to, without a trailing slash, e.g. for links shown to the user. */
	public String baseUrl() {
		return baseUrl;
	}

	/** GETs {@code pathAndQuery}; {@code subject} names what it addresses for a 404 message. */
	public T get(String pathAndQuery, Duration timeout, String subject) {
		return exchange(request(pathAndQuery, timeout, Map.of()).GET().build(), subject);
	}

	/** POSTs a JSON body; an empty answer (a 204) reads as {@code {}}. */
	public T post(String path, String json, Duration timeout, String subject) {
		return send("POST", path, json, Map.of(), timeout, subject);
	}

	/** PUTs a JSON body; an empty answer reads as {@code {}}. */
	public T put(String path, String json, Duration timeout, String subject) {
		return send("PUT", path, json, Map.of(), timeout, subject);
	}

	/** PATCHes a JSON body; an empty answer reads as {@code {}}. */
	public T patch(String path, String json, Duration timeout, String subject) {
		return send("PATCH", path, json, Map.of(), timeout, subject);
	}

	/**
	 * Sends a JSON body; an empty answer (a 204) reads as {@code {}}.
	 *
	 * @param method       e.g. {@code POST}, {@code PUT}, {@code PATCH}
	 * @param json         the body, JSON text
	 * @param extraHeaders sent with this request only, e.g. {@code Idempotency-Key}
	 */
	public T send(String method, String path, String json, Map<String, String> extraHeaders, Duration timeout,
			String subject) {
		return exchange(request(path, timeout, extraHeaders).method(method, HttpRequest.BodyPublishers.ofString(json))
				.header("Content-Type", "application/json").build(), subject);
	}

	private HttpRequest.Builder request(String path, Duration timeout, Map<String, String> extraHeaders) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout);
		headers.forEach(request::header);
		extraHeaders.forEach(request::header);
		return request;
	}

	private T exchange(HttpRequest request, String subject) {
		HttpResponse<String> response = http.send(request);
		int status = response.statusCode();
		String body = response.body() == null || response.body().isBlank() ? null : response.body();
		if (status >= 400) {
			throw errors.toException(status, body == null ? null : readOrNull(body),
					response.headers().firstValue("Retry-After").orElse(null), subject);
		}
		try {
			return reader.read(body == null ? "{}" : body);
		} catch (Exception notJson) {
			throw new UpstreamUnavailableException(vendor + " answered " + status + " with a body that is not JSON");
		}
	}

	private T readOrNull(String body) {
		try {
			return reader.read(body);
		} catch (Exception notJson) {
			return null;
		}
	}
}
