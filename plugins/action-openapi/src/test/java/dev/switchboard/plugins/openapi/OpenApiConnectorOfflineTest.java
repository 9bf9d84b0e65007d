package dev.switchboard.plugins.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Error mapping, document sources and the authentication modes, against a small scripted API on the loopback. The
 * document comes in YAML with a relative server URL, fetched through the egress.
 */
class OpenApiConnectorOfflineTest {

	static final String DOCUMENT = """
			openapi: 3.0.3
			info: {title: Items, version: "1"}
			servers: [{url: /api}]
			components:
			  securitySchemes:
			    key: {type: apiKey, in: query, name: key}
			paths:
			  /items/{id}:
			    get:
			      operationId: getItem
			      parameters:
			        - {name: id, in: path, required: true, schema: {type: integer}}
			        - {name: fields, in: query, schema: {type: array, items: {type: string}}, explode: false}
			        - {name: X-Trace, in: header, schema: {type: string}}
			      responses: {"200": {description: ok}}
			  /items:
			    post:
			      summary: Create an item
			      requestBody:
			        required: true
			        content: {application/json: {schema: {type: object, properties: {name: {type: string, nullable: true}}}}}
			      responses: {"201": {description: created}}
			""";

	final OpenApiActionConnectorFactory factory = new OpenApiActionConnectorFactory();
	final ScriptedApi api = ScriptedApi.serving(DOCUMENT);

	@AfterEach
	void stopApi() {
		api.close();
	}

	@ParameterizedTest
	@CsvSource({ "400, InvalidRequestException", "401, AuthenticationException", "403, AuthenticationException",
			"404, NotFoundException", "409, InvalidRequestException", "422, InvalidRequestException",
			"429, RateLimitException", "500, UpstreamUnavailableException", "503, UpstreamUnavailableException" })
	void should_map_error_statuses_to_sdk_exceptions(int status, String exception) throws Exception {
		api.enqueue(status, "{\"type\":\"about:blank\",\"title\":\"Nope\",\"detail\":\"item 5 is locked\"}",
				Map.of("Content-Type", "application/problem+json", "Retry-After", "7"));
		try (ActionConnector connector = connector(Map.of())) {
			Throwable error = catchThrowable(() -> connector.invoke("get_item", "{\"id\":5}", context(null)));

			assertThat(error).isInstanceOf(PluginException.class);
			assertThat(error.getClass().getSimpleName()).isEqualTo(exception);
			assertThat(error).hasMessage("upstream answered " + status + ": item 5 is locked");
			if (error instanceof RateLimitException limited) {
				assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));
			}
		}
	}

	@Test
	void should_fetch_the_document_through_the_egress_and_call_its_relative_server() throws Exception {
		try (ActionConnector connector = connector(Map.of("apiKey", "k1"))) {
			ActionResult result = connector.invoke("get_item",
					"{\"id\":5,\"fields\":[\"name\",\"size\"],\"X-Trace\":\"t-1\"}", context(null));

			assertThat(api.last().uri().toString()).isEqualTo("/api/items/5?fields=name%2Csize&key=k1");
			assertThat(api.last().headers().getFirst("X-Trace")).isEqualTo("t-1");
			assertThat(result.output()).isEqualTo("{\"status\":200,\"body\":{}}");
			assertThat(result.summary()).isEqualTo("GET /items/{id} answered 200");
		}
	}

	@Test
	void should_name_an_operation_without_id_by_method_and_path_and_convert_nullable() throws Exception {
		try (ActionConnector connector = connector(Map.of())) {
			ActionSpec create = connector.actions().stream().filter(spec -> spec.name().equals("post_items"))
					.findFirst().orElseThrow();

			assertThat(create.description()).isEqualTo("Create an item");
			assertThat(create.inputSchema()).contains("\"type\":[\"string\",\"null\"]").contains("\"required\":[\"body\"]");
			connector.invoke("post_items", "{\"body\":{\"name\":\"lamp\"}}", context(null));
			assertThat(api.last().body()).isEqualTo("{\"name\":\"lamp\"}");
			assertThat(api.last().headers().getFirst("Content-Type")).isEqualTo("application/json");
		}
	}

	@Test
	void should_forward_the_end_user_token_only_when_configured_so() throws Exception {
		Map<String, String> settings = Map.of("authMode", "end-user-token");
		assertThat(factory.permissions(config(settings)).receivesEndUserIdentity()).isTrue();
		try (ActionConnector connector = connector(settings)) {
			connector.invoke("get_item", "{\"id\":1}", context("user-jwt"));

			assertThat(api.last().headers().getFirst("Authorization")).isEqualTo("Bearer user-jwt");
			assertThatThrownBy(() -> connector.invoke("get_item", "{\"id\":1}", context(null)))
					.isInstanceOf(AuthenticationException.class).hasMessageContaining("none was forwarded");
		}
	}

	@Test
	void should_renew_a_refused_oauth2_token_once() throws Exception {
		try (FakeTokenEndpoint tokens = FakeTokenEndpoint.start();
				ActionConnector connector = connector(Map.of("authMode", "oauth2-client-credentials", "tokenUrl",
						tokens.tokenUrl(), "clientId", "id", "clientSecret", "secret"))) {
			api.enqueue(401, "", Map.of());

			connector.invoke("get_item", "{\"id\":1}", context(null));

			assertThat(tokens.issued()).isEqualTo(2);
			assertThat(api.last().headers().getFirst("Authorization")).isEqualTo("Bearer tok-2");
		}
	}

	@Test
	void should_refuse_a_fetched_document_whose_api_is_on_another_host() throws Exception {
		try (ScriptedApi elsewhere = ScriptedApi.serving(DOCUMENT.replace("url: /api", "url: https://api.example.com"));
				ActionConnector connector = factory.create(config(Map.of("specUrl", elsewhere.url("/openapi.yaml"))),
						TestHostServices.allowing("127.0.0.1"))) {
			assertThatThrownBy(connector::verifyConnection).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("set baseUrl");
		}
	}

	@Test
	void should_explain_an_unusable_document() throws Exception {
		InstanceConfig inline = new InstanceConfig("tenant", "items",
				factory.configSchema().validate(Map.of("specText", "just: text")));
		try (ActionConnector connector = factory.create(inline, TestHostServices.allowing("127.0.0.1"))) {
			assertThatThrownBy(connector::verifyConnection).isInstanceOf(InvalidRequestException.class)
					.hasMessageContaining("the OpenAPI document cannot be used");
		}
	}

	@Test
	void should_verify_with_a_head_on_the_base_url_when_no_get_needs_no_input() throws Exception {
		try (ActionConnector connector = connector(Map.of())) {
			connector.verifyConnection();

			assertThat(api.last().method()).isEqualTo("HEAD");
			assertThat(api.last().uri().getPath()).isEqualTo("/api");
		}
		api.enqueue(503, "", Map.of());
		try (ActionConnector connector = connector(Map.of())) {
			assertThatThrownBy(connector::verifyConnection).isInstanceOf(UpstreamUnavailableException.class);
		}
	}

	@Test
	void should_report_a_missing_document_as_not_found() throws Exception {
		try (ActionConnector connector = factory.create(config(Map.of("specUrl", api.url("/missing.yaml"))),
				TestHostServices.allowing("127.0.0.1"))) {
			api.enqueue(404, "", Map.of());
			assertThatThrownBy(connector::actions).isInstanceOf(NotFoundException.class)
					.hasMessageContaining("fetching the OpenAPI document");
		}
	}

	private ActionConnector connector(Map<String, String> settings) {
		return factory.create(config(settings), TestHostServices.allowing("127.0.0.1"));
	}

	private InstanceConfig config(Map<String, String> settings) {
		Map<String, String> values = new HashMap<>(Map.of("specUrl", api.url("/openapi.yaml")));
		values.putAll(settings);
		return new InstanceConfig("tenant", "items", factory.configSchema().validate(values));
	}

	private static ActionContext context(String endUserToken) {
		return new ActionContext("tenant", "user", UUID.randomUUID().toString(), endUserToken, Duration.ofSeconds(10));
	}
}
