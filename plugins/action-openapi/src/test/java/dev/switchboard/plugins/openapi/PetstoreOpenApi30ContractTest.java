package dev.switchboard.plugins.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the real Swagger Petstore (OpenAPI 3.0) from {@code @readme/oas-examples}, mocked by Prism, which
 * checks every request against the document. Authenticated with a bearer token and the document's {@code api_key}
 * header. The contract runs the operations Prism answers with a success; the rest are driven below.
 */
class PetstoreOpenApi30ContractTest extends AbstractActionConnectorContract {

	static final OpenApiActionConnectorFactory FACTORY = new OpenApiActionConnectorFactory();
	static final ObjectMapper JSON = new ObjectMapper();
	static Prism prism;

	RecordingEgress egress;

	@BeforeAll
	static void startPrism() {
		prism = Prism.mock(Prism.example("3.0/json/petstore.json"));
	}

	@AfterAll
	static void stopPrism() throws InterruptedException {
		prism.close();
	}

	@AfterEach
	void everyRequestWasValid() {
		egress.assertPrismAcceptedAll();
	}

	@Override
	protected ActionConnector createConnector() {
		return connector(Map.of("operations", "findPetsByStatus,getPetById,getInventory,placeOrder,getOrderById,"
				+ "createUser,loginUser,logoutUser,getUserByName"));
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of("find_pets_by_status", "{\"status\":[\"available\",\"sold\"]}",
				"get_pet_by_id", "{\"petId\":1}",
				"get_inventory", "{}",
				"place_order", "{\"body\":{\"id\":1,\"petId\":1,\"quantity\":2,\"shipDate\":\"2024-02-01T09:00:00Z\","
						+ "\"status\":\"placed\",\"complete\":false}}",
				"get_order_by_id", "{\"orderId\":3}",
				"create_user", "{\"body\":{\"id\":7,\"username\":\"ada\",\"firstName\":\"Ada\",\"email\":\"ada@example.com\"}}",
				"login_user", "{\"username\":\"ada\",\"password\":\"secret\"}",
				"logout_user", "{}",
				"get_user_by_name", "{\"username\":\"ada\"}");
	}

	ActionConnector connector(Map<String, String> settings) {
		egress = new RecordingEgress();
		Map<String, String> values = new HashMap<>(Map.of("specText", Prism.exampleText("3.0/json/petstore.json"),
				"baseUrl", prism.baseUrl(), "authMode", "bearer", "bearerToken", "test-token", "apiKey", "test-key"));
		values.putAll(settings);
		return FACTORY.create(new InstanceConfig("tenant", "petstore", FACTORY.configSchema().validate(values)), TestHostServices.with(egress));
	}

	@Test
	void should_map_a_request_prism_rejects_to_invalid_request() {
		Throwable error = catchThrowable(
				() -> connector().invoke("find_pets_by_status", "{\"status\":[\"lost\"]}", context()));

		assertThat(error).isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("upstream answered 400");
		assertThat(RecordingEgress.prismAccepted(egress.last())).isFalse();
		egress = new RecordingEgress();
	}

	@Test
	void should_send_valid_requests_to_operations_that_only_answer_errors() throws Exception {
		// The Petstore documents only error answers for these, so Prism answers one; the request itself must be valid.
		Map<String, String> inputs = new LinkedHashMap<>();
		inputs.put("add_pet", "{\"body\":{\"name\":\"doggie\",\"photoUrls\":[\"https://example.com/d.png\"],"
				+ "\"category\":{\"id\":1,\"name\":\"dogs\"},\"tags\":[{\"id\":1,\"name\":\"good\"}],\"status\":\"available\"}}");
		inputs.put("update_pet", "{\"body\":{\"id\":1,\"name\":\"doggie\",\"photoUrls\":[]}}");
		inputs.put("delete_pet", "{\"petId\":1,\"api_key\":\"owner-key\"}");
		inputs.put("delete_order", "{\"orderId\":2}");
		inputs.put("update_user", "{\"username\":\"ada\",\"body\":{\"username\":\"ada\",\"phone\":\"+44\"}}");
		inputs.put("delete_user", "{\"username\":\"ada\"}");
		try (ActionConnector all = connector(Map.of())) {
			for (Map.Entry<String, String> call : inputs.entrySet()) {
				Throwable error = catchThrowable(() -> all.invoke(call.getKey(), call.getValue(), context()));

				HttpResponse<String> answer = egress.last();
				assertThat(answer.statusCode()).as(call.getKey()).isIn(400, 404, 405);
				assertThat(error).as(call.getKey()).isInstanceOfAny(InvalidRequestException.class, NotFoundException.class);
			}
		}
	}

	@Test
	void should_infer_effects_from_methods_unless_overridden() throws Exception {
		try (ActionConnector all = connector(Map.of("effects", "{\"placeOrder\":\"IDEMPOTENT_WRITE\"}"))) {
			Map<String, Effect> effects = all.actions().stream()
					.collect(Collectors.toMap(ActionSpec::name, ActionSpec::effect));

			assertThat(effects).containsEntry("get_pet_by_id", Effect.READ_ONLY)
					.containsEntry("update_pet", Effect.IDEMPOTENT_WRITE).containsEntry("add_pet", Effect.WRITE)
					.containsEntry("delete_pet", Effect.DESTRUCTIVE).containsEntry("place_order", Effect.IDEMPOTENT_WRITE);
			// A form post and a file upload: no JSON body to send, so not offered.
			assertThat(effects).doesNotContainKeys("update_pet_with_form", "upload_file");
		}
	}

	@Test
	void should_resolve_referenced_schemas_into_defs() throws Exception {
		try (ActionConnector all = connector(Map.of())) {
			Map<String, ActionSpec> specs = all.actions().stream()
					.collect(Collectors.toMap(ActionSpec::name, Function.identity()));
			JsonNode schema = JSON.readTree(specs.get("add_pet").inputSchema());

			assertThat(schema.at("/properties/body/$ref").asText()).isEqualTo("#/$defs/Pet");
			assertThat(schema.at("/$defs/Pet/properties/category/$ref").asText()).isEqualTo("#/$defs/Category");
			assertThat(schema.at("/$defs").fieldNames()).toIterable().containsExactlyInAnyOrder("Pet", "Category", "Tag");
			assertThat(JSON.readTree(specs.get("get_pet_by_id").inputSchema()).at("/required/0").asText())
					.isEqualTo("petId");
		}
	}

	@Test
	void should_send_the_idempotency_key_on_writes_only() {
		ActionContext write = context();
		connector().invoke("place_order", exampleInputs().get("place_order"), write);
		HttpResponse<String> placed = egress.last();
		connector().invoke("get_inventory", "{}", context());
		HttpResponse<String> read = egress.last();

		assertThat(placed.request().headers().firstValue("Idempotency-Key")).contains(write.idempotencyKey());
		assertThat(read.request().headers().firstValue("Idempotency-Key")).isEmpty();
		assertThat(read.request().headers().firstValue("api_key")).contains("test-key");
		assertThat(placed.request().headers().firstValue("Authorization")).contains("Bearer test-token");
	}

	@Test
	void should_cap_a_large_response_with_a_marker() throws Exception {
		try (ActionConnector capped = connector(Map.of("maxResponseChars", "40"))) {
			JsonNode output = JSON.readTree(capped.invoke("get_pet_by_id", "{\"petId\":1}", context()).output());

			assertThat(output.path("status").asInt()).isEqualTo(200);
			assertThat(output.path("truncated").asBoolean()).isTrue();
			assertThat(output.path("body").asText()).contains("… [truncated ");
		}
	}

	@Test
	void should_explain_a_wrong_base_url_when_verifying() throws Exception {
		try (ActionConnector wrong = connector(Map.of("baseUrl", prism.baseUrl() + "/v9"))) {
			assertThatThrownBy(wrong::verifyConnection).isInstanceOf(NotFoundException.class)
					.hasMessageContaining("is the base URL");
		}
		// Prism answers an unknown path 404 without judging the request; nothing here was invalid.
	}
}
