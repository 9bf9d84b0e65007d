package dev.switchboard.plugins.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.plugins.openapi.internal.ApiDocument;
import dev.switchboard.plugins.openapi.internal.Credentials;
import dev.switchboard.plugins.openapi.internal.HttpRequests;
import dev.switchboard.plugins.openapi.internal.OpenApiSettings;
import dev.switchboard.plugins.openapi.internal.OperationBinding;
import dev.switchboard.plugins.openapi.internal.Responses;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.HttpErrors;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.EgressHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The operations of one OpenAPI-described API as actions. The document is read on first use (fetched through the
 * egress when given by URL) and kept, so the actions stay stable for the life of the instance. Thread-safe.
 */
final class OpenApiActionConnector implements ActionConnector {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final OpenApiSettings settings;
	private final EgressHttp egress;
	private Api api;

	/** What the document yields, once read. */
	private record Api(URI baseUri, Map<String, OperationBinding> operations, Credentials credentials) {
	}

	OpenApiActionConnector(OpenApiSettings settings, EgressHttp egress) {
		this.settings = settings;
		this.egress = egress;
	}

	@Override
	public List<ActionSpec> actions() {
		return api().operations().values().stream().map(OperationBinding::spec).toList();
	}

	@Override
	public ActionResult invoke(String action, String input, ActionContext context) {
		Api api = api();
		OperationBinding binding = Optional.ofNullable(api.operations().get(action))
				.orElseThrow(() -> new UnsupportedFeatureException("this OpenAPI connector has no action " + action));
		ObjectNode arguments = arguments(input);
		HttpResponse<String> response = send(api, binding, arguments, context);
		if (response.statusCode() == 401 && api.credentials().canRenew()) {
			// 401 means the request was not carried out, so one retry with a fresh token cannot act twice.
			api.credentials().renewToken();
			response = send(api, binding, arguments, context);
		}
		if (response.statusCode() >= 400) {
			throw Responses.failure(response);
		}
		return Responses.success(binding, response, settings.maxResponseChars());
	}

	/**
	 * Reads the document, then calls the first GET that needs no input (proving host, base URL and credentials);
	 * without one, a HEAD on the base URL proves at least that the host answers.
	 */
	@Override
	public void verifyConnection() {
		Api api = api();
		// Without an end user there is no token to forward, so only the host can be checked in that mode.
		Optional<OperationBinding> probe = settings.authMode() == OpenApiSettings.AuthMode.END_USER_TOKEN
				? Optional.empty()
				: api.operations().values().stream()
						.filter(binding -> binding.method().equals("GET") && !binding.needsInput()).findFirst();
		ActionContext context = new ActionContext("verify", null, UUID.randomUUID().toString(), null, settings.timeout());
		if (probe.isPresent()) {
			HttpResponse<String> response = send(api, probe.get(), JSON.createObjectNode(), context);
			String call = "GET " + probe.get().path();
			switch (response.statusCode()) {
				case 401, 403 -> throw new AuthenticationException(call + " answered " + response.statusCode()
						+ ": the API refused the credentials");
				case 404 -> throw new NotFoundException(call + " answered 404: is the base URL " + api.baseUri() + " right?");
				default -> {
					if (response.statusCode() >= 500) {
						throw Responses.failure(response);
					}
				}
			}
			return;
		}
		HttpResponse<String> response = egress.send(HttpRequest.newBuilder(api.baseUri()).timeout(settings.timeout())
				.method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
		if (response.statusCode() >= 500) {
			throw new UpstreamUnavailableException("HEAD " + api.baseUri() + " answered " + response.statusCode());
		}
	}

	private HttpResponse<String> send(Api api, OperationBinding binding, ObjectNode arguments, ActionContext context) {
		Duration timeout = context.timeout().compareTo(settings.timeout()) < 0 ? context.timeout() : settings.timeout();
		HttpRequest.Builder request = HttpRequests.build(api.baseUri(), binding, arguments,
				api.credentials().queryPairs(), timeout);
		api.credentials().apply(request, context);
		if (binding.spec().effect().changesData()) {
			request.header("Idempotency-Key", context.idempotencyKey());
		}
		return egress.send(request.build());
	}

	private synchronized Api api() {
		if (api == null) {
			ApiDocument document = readDocument();
			URI baseUri = document.baseUri(settings.baseUrl());
			if (settings.specUrl() != null && settings.baseUrl() == null
					&& !baseUri.getHost().equals(settings.specUrl().getHost())) {
				throw new InvalidRequestException("the document's server " + baseUri + " is on another host than the"
						+ " document; set baseUrl so the host can allow it");
			}
			Map<String, OperationBinding> operations = document.operations(settings).stream()
					.collect(Collectors.toMap(binding -> binding.spec().name(), Function.identity(), (a, b) -> a,
							LinkedHashMap::new));
			api = new Api(baseUri, operations, new Credentials(settings, document, egress, Clock.systemUTC()));
		}
		return api;
	}

	private ApiDocument readDocument() {
		try {
			if (settings.specText() != null) {
				return ApiDocument.parse(settings.specText(), null);
			}
			HttpResponse<String> response = egress.send(HttpRequest.newBuilder(settings.specUrl())
					.timeout(settings.timeout()).header("Accept", "application/json, application/yaml, text/yaml, */*")
					.GET().build());
			if (response.statusCode() >= 400) {
				throw HttpErrors.fromStatus(response.statusCode(), "fetching the OpenAPI document " + settings.specUrl(),
						response.headers().firstValue("Retry-After").orElse(null));
			}
			return ApiDocument.parse(response.body(), settings.specUrl());
		} catch (InvalidConfigException e) {
			throw new InvalidRequestException("the OpenAPI document cannot be used: " + e.problems().values(), e);
		}
	}

	private static ObjectNode arguments(String input) {
		try {
			JsonNode node = JSON.readTree(input);
			if (node instanceof ObjectNode object) {
				return object;
			}
		} catch (Exception notJson) {
			// Reported below, the same as any other non-object.
		}
		throw new InvalidRequestException("action input must be a JSON object");
	}
}
