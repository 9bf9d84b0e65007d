package dev.switchboard.plugins.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sdk.error.InvalidRequestException;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Builds the HTTP request for an operation from an action's input, serialising parameters the way OpenAPI's default
 * styles say: path {@code simple}, query {@code form} (exploded unless told otherwise, {@code deepObject} supported),
 * header {@code simple}. Stateless.
 */
public final class HttpRequests {

	static final String ACCEPT = "application/json, */*;q=0.8";

	private HttpRequests() {
	}

	/**
	 * The request for one call, before credentials are added.
	 *
	 * @param extraQuery query parameters the credentials add (an API key in the query), already encoded pairs
	 * @throws InvalidRequestException when a required path parameter is missing or a header value is unsafe
	 */
	public static HttpRequest.Builder build(URI base, OperationBinding binding, ObjectNode input, List<String> extraQuery,
			Duration timeout) {
		String path = binding.path();
		List<String> query = new ArrayList<>();
		Map<String, String> headers = new LinkedHashMap<>();
		for (Parameter parameter : binding.parameters()) {
			JsonNode value = input.get(parameter.getName());
			if (value == null || value.isNull()) {
				if ("path".equals(parameter.getIn())) {
					throw new InvalidRequestException("missing path parameter " + parameter.getName());
				}
				continue;
			}
			switch (parameter.getIn()) {
				case "path" -> path = path.replace("{" + parameter.getName() + "}", encodePath(simple(value)));
				case "query" -> query.addAll(queryPairs(parameter, value));
				case "header" -> headers.put(parameter.getName(), headerValue(parameter.getName(), simple(value)));
				default -> {
					// Cookies are not sent; ApiDocument drops operations that require one.
				}
			}
		}
		query.addAll(extraQuery);
		String baseText = base.toString().replaceAll("/+$", "");
		URI uri = URI.create(baseText + path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", ACCEPT);
		headers.forEach(request::header);
		JsonNode body = binding.bodyMediaType() == null ? null : input.get(binding.bodyKey());
		if (body != null && !body.isMissingNode()) {
			request.header("Content-Type", binding.bodyMediaType())
					.method(binding.method(), HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
		} else {
			request.method(binding.method(), HttpRequest.BodyPublishers.noBody());
		}
		return request;
	}

	private static List<String> queryPairs(Parameter parameter, JsonNode value) {
		String name = parameter.getName();
		boolean explode = parameter.getExplode() == null || parameter.getExplode();
		boolean deepObject = parameter.getStyle() == Parameter.StyleEnum.DEEPOBJECT;
		List<String> pairs = new ArrayList<>();
		if (value.isArray()) {
			if (explode) {
				value.forEach(item -> pairs.add(pair(name, simple(item))));
			} else {
				pairs.add(pair(name, simple(value)));
			}
		} else if (value.isObject()) {
			if (deepObject) {
				value.properties().forEach(field -> pairs.add(pair(name + "[" + field.getKey() + "]", simple(field.getValue()))));
			} else if (explode) {
				value.properties().forEach(field -> pairs.add(pair(field.getKey(), simple(field.getValue()))));
			} else {
				pairs.add(pair(name, value.properties().stream()
						.map(field -> field.getKey() + "," + simple(field.getValue())).collect(Collectors.joining(","))));
			}
		} else {
			pairs.add(pair(name, simple(value)));
		}
		return pairs;
	}

	/** OpenAPI's simple style: scalars as text, arrays comma-joined. */
	private static String simple(JsonNode value) {
		if (value.isArray()) {
			return StreamSupport.stream(value.spliterator(), false).map(HttpRequests::simple)
					.collect(Collectors.joining(","));
		}
		return value.isValueNode() ? value.asText() : value.toString();
	}

	private static String pair(String name, String value) {
		return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String encodePath(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String headerValue(String name, String value) {
		if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
			throw new InvalidRequestException("header parameter " + name + " must be one line");
		}
		return value;
	}
}
