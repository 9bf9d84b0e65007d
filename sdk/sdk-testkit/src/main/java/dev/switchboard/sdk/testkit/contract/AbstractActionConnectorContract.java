package dev.switchboard.sdk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.error.PluginException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every action connector meets, as a JUnit 5 suite. A plugin subclasses it once per connector, supplies
 * the connector under test (pointed at a fake of the product API, e.g. WireMock) and one valid example input per
 * action; the suite checks every {@link ActionSpec} (description, schemas, unique names, compensating actions), runs
 * every example, and checks that an unknown action fails with a {@link PluginException}.
 *
 * <p>Lifecycle: a fresh connector is created before each test with {@link #createConnector()} and closed after it.
 */
public abstract class AbstractActionConnectorContract {

	private static final ObjectMapper JSON = new ObjectMapper();

	private ActionConnector connector;

	/** Creates the connector under test. Called before each test. */
	protected abstract ActionConnector createConnector();

	/**
	 * One valid input (JSON object text) per action name; the suite invokes each, so the fake behind the connector
	 * must answer them.
	 */
	protected abstract Map<String, String> exampleInputs();

	@BeforeEach
	final void createConnectorUnderTest() {
		connector = createConnector();
	}

	@AfterEach
	final void closeConnectorUnderTest() throws Exception {
		connector.close();
	}

	/** The connector of the running test. */
	protected final ActionConnector connector() {
		return connector;
	}

	/** An action context with a fresh idempotency key and a generous time budget. */
	protected static ActionContext context() {
		return new ActionContext("contract-tenant", "contract-user", UUID.randomUUID().toString(), null,
				Duration.ofSeconds(30));
	}

	@Test
	void should_offer_at_least_one_action() {
		assertThat(connector.actions()).isNotEmpty();
	}

	@Test
	void should_give_every_action_a_unique_name() {
		List<String> names = connector.actions().stream().map(ActionSpec::name).toList();

		assertThat(names).doesNotHaveDuplicates();
	}

	@Test
	void should_describe_every_action() {
		assertThat(connector.actions()).allSatisfy(spec -> assertThat(spec.description())
				.as("description of %s", spec.name()).isNotBlank());
	}

	@Test
	void should_declare_every_input_schema_as_a_json_object_schema() {
		assertThat(connector.actions()).allSatisfy(spec -> {
			JsonNode schema = parse(spec.inputSchema(), "input schema of " + spec.name());
			assertThat(schema.isObject()).as("input schema of %s is a JSON object", spec.name()).isTrue();
			assertThat(schema.path("type").asText()).as("input schema type of %s", spec.name()).isEqualTo("object");
		});
	}

	@Test
	void should_declare_parseable_output_schemas() {
		assertThat(connector.actions()).filteredOn(spec -> spec.outputSchema() != null).allSatisfy(spec -> assertThat(
				parse(spec.outputSchema(), "output schema of " + spec.name()).isObject())
				.as("output schema of %s is a JSON object", spec.name()).isTrue());
	}

	@Test
	void should_name_only_existing_compensating_actions() {
		Set<String> names = connector.actions().stream().map(ActionSpec::name).collect(Collectors.toSet());

		assertThat(connector.actions()).filteredOn(spec -> spec.compensatedBy() != null).allSatisfy(
				spec -> assertThat(names).as("compensating action of %s", spec.name()).contains(spec.compensatedBy()));
	}

	@Test
	void should_supply_one_example_input_per_action() {
		Set<String> names = connector.actions().stream().map(ActionSpec::name).collect(Collectors.toSet());

		assertThat(exampleInputs().keySet()).containsExactlyInAnyOrderElementsOf(names);
	}

	@Test
	void should_run_every_action_with_its_example_input() {
		for (ActionSpec spec : connector.actions()) {
			String input = exampleInputs().get(spec.name());
			assertThat(input).as("example input of %s", spec.name()).isNotNull();
			assertThat(parse(input, "example input of " + spec.name()).isObject()).isTrue();

			ActionResult result = connector.invoke(spec.name(), input, context());

			assertThat(result).as("result of %s", spec.name()).isNotNull();
			assertThatCode(() -> JSON.readTree(result.output())).as("output of %s is JSON", spec.name())
					.doesNotThrowAnyException();
		}
	}

	@Test
	void should_verify_the_connection_against_the_fake() {
		assertThatCode(connector::verifyConnection).doesNotThrowAnyException();
	}

	@Test
	void should_reject_an_unknown_action_with_a_plugin_exception() {
		Throwable error = catchThrowable(() -> connector.invoke("no_such_action_in_this_contract", "{}", context()));

		assertThat(error).isInstanceOf(PluginException.class);
	}

	private static JsonNode parse(String json, String what) {
		try {
			return JSON.readTree(json);
		} catch (JsonProcessingException e) {
			throw new AssertionError(what + " is not valid JSON: " + e.getOriginalMessage(), e);
		}
	}
}
