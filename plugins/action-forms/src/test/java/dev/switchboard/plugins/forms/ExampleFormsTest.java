package dev.switchboard.plugins.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped examples ({@code examples/forms.json}) checked with a JSON Schema validator directly, not through the
 * plugin: each form's fields are a valid draft 2020-12 schema, a properly filled form validates and a badly filled one
 * does not.
 */
class ExampleFormsTest {

	private static final SchemaRegistry VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
	private static final JsonNode EXAMPLES = JsonMapper.builder().build().readTree(FormsFake.examples());

	@Test
	void should_ship_two_forms_whose_fields_are_valid_json_schemas() {
		Schema metaSchema = VALIDATOR.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

		assertThat(EXAMPLES.valueStream().map(form -> form.get("name").asString()))
				.containsExactly("refund_request", "demo_booking");
		assertThat(EXAMPLES.valueStream()).allSatisfy(form -> assertThat(metaSchema.validate(form.get("fields")))
				.as("meta-schema errors of %s", form.get("name")).isEmpty());
	}

	@Test
	void should_accept_a_filled_refund_request_and_demo_booking() {
		assertThat(errors("refund_request", FormsFake.REFUND)).isEmpty();
		assertThat(errors("demo_booking", FormsFake.DEMO)).isEmpty();
	}

	static Stream<Arguments> badlyFilled() {
		return Stream.of(
				Arguments.of("refund_request", """
						{"order_id": "20481932", "amount": 49.9, "reason": "damaged"}""", "order_id"),
				Arguments.of("refund_request", """
						{"order_id": "ORD-20481932", "amount": 0, "reason": "damaged"}""", "amount"),
				Arguments.of("refund_request", """
						{"order_id": "ORD-20481932", "amount": 49.9, "reason": "bored"}""", "reason"),
				Arguments.of("refund_request", """
						{"order_id": "ORD-20481932", "amount": 49.9, "reason": "other"}""", "details"),
				Arguments.of("refund_request", """
						{"order_id": "ORD-20481932", "reason": "damaged"}""", "amount"),
				Arguments.of("demo_booking", FormsFake.DEMO.replace("ada.lovelace@example.com", "ada at analytical"),
						"work_email"),
				Arguments.of("demo_booking", FormsFake.DEMO.replace("2026-01-15", "15/01/2026"), "preferred_date"),
				Arguments.of("demo_booking", FormsFake.DEMO.replace("11-50", "about 30"), "team_size"),
				Arguments.of("demo_booking", FormsFake.DEMO.replace("\"company\"", "\"employer\""), "company"));
	}

	@ParameterizedTest
	@MethodSource("badlyFilled")
	void should_refuse_a_badly_filled_form(String form, String filled, String field) {
		List<Error> errors = errors(form, filled);

		assertThat(errors).isNotEmpty();
		assertThat(errors).anySatisfy(error -> assertThat(error.toString()).contains(field));
	}

	private static List<Error> errors(String form, String filled) {
		JsonNode fields = EXAMPLES.valueStream().filter(f -> f.get("name").asString().equals(form)).findFirst()
				.orElseThrow().get("fields");
		return VALIDATOR.getSchema(fields).validate(JsonMapper.builder().build().readTree(filled));
	}
}
