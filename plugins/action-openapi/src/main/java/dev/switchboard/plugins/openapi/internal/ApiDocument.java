package dev.switchboard.plugins.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.sdk.action.ActionNames;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.text.ForeignText;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A parsed OpenAPI 3.0 or 3.1 document and what a connector takes from it: operations, servers, security schemes.
 * Immutable once parsed.
 *
 * <p>Parsed with {@code resolve=false}, so the parser itself never fetches a remote {@code $ref} (all network goes
 * through the host's egress); internal references are resolved here, schemas into each input schema's {@code $defs}.
 */
public final class ApiDocument {

	private static final Logger LOG = LoggerFactory.getLogger(ApiDocument.class);
	private static final int MAX_DESCRIPTION = 2_000;

	private final OpenAPI api;
	private final URI documentUri;
	private final InputSchemas schemas;

	private ApiDocument(OpenAPI api, URI documentUri) {
		this.api = api;
		this.documentUri = documentUri;
		ObjectMapper mapper = api.getSpecVersion() == SpecVersion.V31 ? Json31.mapper() : Json.mapper();
		this.schemas = new InputSchemas(mapper, componentSchemas(mapper, api), api.getSpecVersion() == SpecVersion.V31);
	}

	/**
	 * Parses a document given as JSON or YAML text.
	 *
	 * @param documentUri where it was fetched from, to resolve relative server URLs; {@code null} for inline text
	 * @throws InvalidConfigException when the text is not an OpenAPI 3 document, with the parser's reasons
	 */
	public static ApiDocument parse(String text, URI documentUri) {
		ParseOptions options = new ParseOptions();
		options.setResolve(false);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
		OpenAPI api = result.getOpenAPI();
		if (api == null || api.getPaths() == null) {
			String reasons = result.getMessages() == null || result.getMessages().isEmpty() ? "no paths found"
					: String.join("; ", result.getMessages());
			throw new InvalidConfigException(Map.of(documentUri == null ? "specText" : "specUrl",
					"is not a usable OpenAPI 3 document: " + ForeignText.summarise(reasons, 300)));
		}
		return new ApiDocument(api, documentUri);
	}

	/**
	 * The API's base URI: the override, else the first server with its variables at their defaults, resolved against
	 * the document's own URI when relative.
	 *
	 * @throws InvalidConfigException when neither gives an absolute http(s) URI
	 */
	public URI baseUri(URI override) {
		if (override != null) {
			return override;
		}
		List<Server> servers = api.getServers();
		String url = servers == null || servers.isEmpty() ? "/" : servers.getFirst().getUrl();
		if (servers != null && !servers.isEmpty() && servers.getFirst().getVariables() != null) {
			for (var variable : servers.getFirst().getVariables().entrySet()) {
				url = url.replace("{" + variable.getKey() + "}", variable.getValue().getDefault());
			}
		}
		URI uri = documentUri == null ? URI.create(url) : documentUri.resolve(url);
		if (!uri.isAbsolute() || uri.getHost() == null) {
			throw new InvalidConfigException(
					Map.of("baseUrl", "is required: the document names no absolute server URL (" + url + ")"));
		}
		return uri;
	}

	/** The token URL of the document's first OAuth2 client-credentials flow. */
	public Optional<URI> tokenUrl() {
		return securitySchemes().stream().filter(scheme -> scheme.getType() == SecurityScheme.Type.OAUTH2)
				.map(SecurityScheme::getFlows).filter(flows -> flows != null && flows.getClientCredentials() != null)
				.map(flows -> flows.getClientCredentials()).map(OAuthFlow::getTokenUrl).filter(url -> url != null)
				.map(URI::create).findFirst();
	}

	/** The document's first API key scheme that a connector can send (header or query). */
	public Optional<SecurityScheme> apiKeyScheme() {
		return securitySchemes().stream().filter(scheme -> scheme.getType() == SecurityScheme.Type.APIKEY)
				.filter(scheme -> scheme.getIn() == SecurityScheme.In.HEADER || scheme.getIn() == SecurityScheme.In.QUERY)
				.findFirst();
	}

	/**
	 * One binding per operation the settings offer, in document order. Operations that need what a connector cannot
	 * send (a required cookie, a body only in a non-JSON media type such as a form or a file upload) are left out.
	 */
	public List<OperationBinding> operations(OpenApiSettings settings) {
		ActionNames names = new ActionNames("op_");
		List<OperationBinding> bindings = new ArrayList<>();
		api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
			List<Parameter> parameters = parameters(item, operation);
			RequestBody requestBody = operation.getRequestBody() == null ? null : resolve(operation.getRequestBody());
			Optional<Map.Entry<String, MediaType>> body = jsonBody(requestBody);
			boolean bodyRequired = requestBody != null && Boolean.TRUE.equals(requestBody.getRequired());
			boolean bodyNotJson = requestBody != null && requestBody.getContent() != null && body.isEmpty();
			if (bodyNotJson || parameters.stream()
					.anyMatch(p -> "cookie".equals(p.getIn()) && Boolean.TRUE.equals(p.getRequired()))) {
				LOG.info("OpenAPI operation {} {} left out: it needs a cookie or a body that is not JSON", method, path);
				return;
			}
			String name = names.claim(operation.getOperationId() != null ? operation.getOperationId()
					: method.name().toLowerCase(Locale.ROOT) + "_" + path);
			if (!settings.offers(name, operation.getOperationId())) {
				return;
			}
			Effect effect = effect(settings, name, operation.getOperationId(), method);
			List<Parameter> sendable = parameters.stream().filter(p -> !"cookie".equals(p.getIn())).toList();
			String bodyKey = sendable.stream().anyMatch(p -> p.getName().equals("body")) ? "requestBody" : "body";
			ObjectNode inputSchema = schemas.input(sendable, body.map(Map.Entry::getValue).orElse(null), bodyKey,
					bodyRequired, requestBody == null ? null : requestBody.getDescription());
			ActionSpec spec = ActionSpec.of(name, title(operation, method, path),
					description(operation, method, path), inputSchema.toString(), null, effect);
			bindings.add(new OperationBinding(spec, method.name(), path, sendable,
					body.map(Map.Entry::getKey).orElse(null), bodyKey, bodyRequired));
		}));
		return bindings;
	}

	private static Effect effect(OpenApiSettings settings, String name, String operationId, PathItem.HttpMethod method) {
		Effect override = settings.effects().get(name);
		if (override == null && operationId != null) {
			override = settings.effects().get(operationId);
		}
		if (override != null) {
			return override;
		}
		return switch (method) {
			case GET, HEAD, OPTIONS, TRACE -> Effect.READ_ONLY;
			case PUT -> Effect.IDEMPOTENT_WRITE;
			case POST, PATCH -> Effect.WRITE;
			case DELETE -> Effect.DESTRUCTIVE;
		};
	}

	// Path-level parameters apply unless the operation redefines the same name and location.
	private List<Parameter> parameters(PathItem item, Operation operation) {
		Map<String, Parameter> merged = new LinkedHashMap<>();
		for (List<Parameter> level : List.of(nullSafe(item.getParameters()), nullSafe(operation.getParameters()))) {
			for (Parameter parameter : level) {
				Parameter resolved = resolve(parameter);
				if (resolved.getName() != null && resolved.getIn() != null && !isReservedHeader(resolved)) {
					merged.put(resolved.getIn() + ":" + resolved.getName(), resolved);
				}
			}
		}
		return List.copyOf(merged.values());
	}

	// OpenAPI says Accept, Content-Type and Authorization header parameters are ignored: the connector sets them.
	private static boolean isReservedHeader(Parameter parameter) {
		return "header".equals(parameter.getIn()) && List.of("accept", "content-type", "authorization")
				.contains(parameter.getName().toLowerCase(Locale.ROOT));
	}

	private static Optional<Map.Entry<String, MediaType>> jsonBody(RequestBody requestBody) {
		if (requestBody == null || requestBody.getContent() == null) {
			return Optional.empty();
		}
		// application/json itself first, then any other JSON type (application/merge-patch+json, ...).
		return requestBody.getContent().entrySet().stream().filter(entry -> isJson(entry.getKey()))
				.sorted(Comparator.comparing(entry -> !entry.getKey().equals("application/json"))).findFirst();
	}

	private static boolean isJson(String mediaType) {
		String type = mediaType.toLowerCase(Locale.ROOT);
		return type.equals("application/json") || type.endsWith("+json") || type.startsWith("application/json;");
	}

	private Parameter resolve(Parameter parameter) {
		String ref = parameter.get$ref();
		if (ref == null) {
			return parameter;
		}
		Parameter target = components(ref, "#/components/parameters/", "parameters");
		return target == null ? parameter : resolve(target);
	}

	private RequestBody resolve(RequestBody body) {
		String ref = body.get$ref();
		if (ref == null) {
			return body;
		}
		RequestBody target = components(ref, "#/components/requestBodies/", "requestBodies");
		return target == null ? body : resolve(target);
	}

	@SuppressWarnings("unchecked")
	private <T> T components(String ref, String prefix, String kind) {
		if (api.getComponents() == null) {
			return null;
		}
		// The parser shortens a local reference to its bare name; accept both forms.
		String name = ref.startsWith(prefix) ? ref.substring(prefix.length()) : ref.contains("/") ? null : ref;
		if (name == null) {
			return null;
		}
		Map<String, ?> map = switch (kind) {
			case "parameters" -> api.getComponents().getParameters();
			default -> api.getComponents().getRequestBodies();
		};
		return map == null ? null : (T) map.get(name);
	}

	private List<SecurityScheme> securitySchemes() {
		if (api.getComponents() == null || api.getComponents().getSecuritySchemes() == null) {
			return List.of();
		}
		return List.copyOf(api.getComponents().getSecuritySchemes().values());
	}

	private static Map<String, JsonNode> componentSchemas(ObjectMapper mapper, OpenAPI api) {
		Map<String, JsonNode> schemas = new LinkedHashMap<>();
		if (api.getComponents() != null && api.getComponents().getSchemas() != null) {
			for (Map.Entry<String, Schema> entry : api.getComponents().getSchemas().entrySet()) {
				schemas.put(entry.getKey(), mapper.valueToTree(entry.getValue()));
			}
		}
		return schemas;
	}

	private static String title(Operation operation, PathItem.HttpMethod method, String path) {
		return operation.getSummary() != null && !operation.getSummary().isBlank() ? ForeignText.summarise(operation.getSummary(), 120)
				: method + " " + path;
	}

	private static String description(Operation operation, PathItem.HttpMethod method, String path) {
		StringBuilder text = new StringBuilder();
		if (operation.getSummary() != null && !operation.getSummary().isBlank()) {
			text.append(operation.getSummary().trim());
		}
		if (operation.getDescription() != null && !operation.getDescription().isBlank()
				&& !operation.getDescription().trim().equals(text.toString())) {
			text.append(text.isEmpty() ? "" : "\n\n").append(operation.getDescription().trim());
		}
		if (text.isEmpty()) {
			text.append(method).append(' ').append(path);
		}
		if (Boolean.TRUE.equals(operation.getDeprecated())) {
			text.append("\n\nDeprecated by the API.");
		}
		return ForeignText.cap(text.toString(), MAX_DESCRIPTION);
	}

	private static <T> List<T> nullSafe(List<T> list) {
		return list == null ? List.of() : list;
	}
}
