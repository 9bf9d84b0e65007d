package dev.switchboard.plugins.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract on the Train Travel API (OpenAPI 3.1) from {@code @readme/oas-examples}, mocked by Prism, with
 * OAuth2 client-credentials tokens from a local token endpoint. Every operation runs, and Prism must accept each request.
 */
class TrainTravelOpenApi31ContractTest extends AbstractActionConnectorContract {

	static final OpenApiActionConnectorFactory FACTORY = new OpenApiActionConnectorFactory();
	static final ObjectMapper JSON = new ObjectMapper();
	static final String BOOKING = "1725ff48-ab45-4bb5-9d02-88745177dedb";
	static Prism prism;
	static FakeTokenEndpoint tokens;

	RecordingEgress egress;

	@BeforeAll
	static void startPeers() {
		prism = Prism.mock(Prism.example("3.1/json/train-travel.json"));
		tokens = FakeTokenEndpoint.start();
	}

	@AfterAll
	static void stopPeers() throws InterruptedException {
		prism.close();
		tokens.close();
	}

	@AfterEach
	void everyRequestWasValid() {
		egress.assertPrismAcceptedAll();
	}

	@Override
	protected ActionConnector createConnector() {
		egress = new RecordingEgress();
		Map<String, String> values = Map.of("specText", Prism.exampleText("3.1/json/train-travel.json"), "baseUrl",
				prism.baseUrl(), "authMode", "oauth2-client-credentials", "tokenUrl", tokens.tokenUrl(), "clientId",
				"switchboard", "clientSecret", "s3cret:!", "scopes", "read write");
		return FACTORY.create(new InstanceConfig("tenant", "trains", FACTORY.configSchema().validate(values)), TestHostServices.with(egress));
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of("get_stations", "{}",
				"get_trips", "{\"origin\":\"efdbb9d1-02c2-4bc3-afb7-6788d8782b1e\",\"destination\":"
						+ "\"b2e783e1-c824-4d63-b37a-d8d698862f1d\",\"date\":\"2024-02-01T09:00:00Z\",\"bicycles\":true}",
				"get_bookings", "{}",
				"create_booking", "{\"body\":{\"trip_id\":\"4f4e4e11-c824-4d63-b37a-d8d698862f1d\",\"passenger_name\":"
						+ "\"John Doe\",\"has_bicycle\":true,\"has_dog\":false}}",
				"get_booking", "{\"bookingId\":\"" + BOOKING + "\"}",
				"delete_booking", "{\"bookingId\":\"" + BOOKING + "\"}",
				"create_booking_payment", "{\"bookingId\":\"" + BOOKING + "\",\"body\":{\"amount\":49.99,\"currency\":"
						+ "\"gbp\",\"source\":{\"object\":\"card\",\"name\":\"J. Doe\",\"number\":\"4242424242424242\","
						+ "\"cvc\":123,\"exp_month\":12,\"exp_year\":2025,\"address_country\":\"gb\"}}}");
	}

	@Test
	void should_fetch_one_token_with_basic_client_auth_and_reuse_it() {
		int before = tokens.issued();
		connector().invoke("get_stations", "{}", context());
		connector().invoke("get_bookings", "{}", context());

		assertThat(tokens.issued()).isEqualTo(before + 1);
		assertThat(egress.responses()).filteredOn(response -> !response.uri().getPath().equals("/oauth/token"))
				.hasSize(2).allSatisfy(response -> assertThat(
				response.request().headers().firstValue("Authorization")).contains("Bearer tok-" + tokens.issued()));
		assertThat(tokens.authorizations().getLast()).isEqualTo("Basic "
				+ Base64.getEncoder().encodeToString("switchboard:s3cret%3A%21".getBytes(StandardCharsets.UTF_8)));
		assertThat(tokens.forms().getLast()).isEqualTo("grant_type=client_credentials&scope=read+write");
	}

	@Test
	void should_keep_openapi_31_schemas_as_they_are() throws Exception {
		ActionSpec payment = connector().actions().stream().filter(spec -> spec.name().equals("create_booking_payment"))
				.findFirst().orElseThrow();
		JsonNode schema = JSON.readTree(payment.inputSchema());

		assertThat(schema.at("/properties/body/$ref").asText()).isEqualTo("#/$defs/BookingPayment");
		assertThat(schema.at("/$defs/BookingPayment/properties/amount/exclusiveMinimum").asInt()).isZero();
		assertThat(schema.at("/$defs/BookingPayment/properties/source/anyOf/0/properties/object/const").asText())
				.isEqualTo("card");
		assertThat(schema.at("/required").toString()).isEqualTo("[\"bookingId\"]");
	}

	@Test
	void should_declare_the_api_and_token_hosts() {
		Map<String, String> values = Map.of("specText", Prism.exampleText("3.1/json/train-travel.json"), "authMode",
				"oauth2-client-credentials", "clientId", "id", "clientSecret", "secret");

		assertThat(FACTORY.permissions(new InstanceConfig("t", "i", FACTORY.configSchema().validate(values))).hosts())
				.containsExactlyInAnyOrder("api.example.com");
	}
}
