package dev.switchboard.plugins.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.error.ActionRejectedException;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SDK's action contract, plus this connector's own behaviour, run against the real server-everything; subclasses
 * choose the transport.
 */
abstract class McpEverythingContract extends AbstractActionConnectorContract {

	static final McpActionConnectorFactory FACTORY = new McpActionConnectorFactory();

	/** The settings that pick and reach the transport under test. */
	protected abstract Map<String, String> transportSettings();

	@Override
	protected ActionConnector createConnector() {
		return connector(Map.of("exposedTools", "echo,get-sum,get-structured-content", "readOnlyTools", "echo,get-sum"));
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of("echo", "{\"message\":\"hello\"}", "get_sum", "{\"a\":2,\"b\":3}", "get_structured_content",
				"{\"location\":\"Chicago\"}");
	}

	/** A connector with the transport settings and these. */
	ActionConnector connector(Map<String, String> settings) {
		Map<String, String> values = new HashMap<>(transportSettings());
		values.putAll(settings);
		return FACTORY.create(new InstanceConfig("tenant", "everything", FACTORY.configSchema().validate(values)),
				TestHostServices.allowing("127.0.0.1"));
	}

	@Test
	void should_return_the_echoed_text() {
		ActionResult result = connector().invoke("echo", "{\"message\":\"hello\"}", context());

		assertThat(json(result.output()).path("text").asString()).isEqualTo("Echo: hello");
		assertThat(result.summary()).isEqualTo("Ran echo: Echo: hello");
	}

	@Test
	void should_add_two_numbers() {
		ActionResult result = connector().invoke("get_sum", "{\"a\":2,\"b\":3}", context());

		assertThat(json(result.output()).path("text").asString()).contains("is 5");
	}

	@Test
	void should_return_structured_content_as_json() {
		ActionResult result = connector().invoke("get_structured_content", "{\"location\":\"Chicago\"}", context());

		JsonNode output = json(result.output());
		assertThat(output.has("temperature")).isTrue();
		assertThat(output.path("conditions").isString()).isTrue();
	}

	@Test
	void should_report_a_tool_error_with_the_servers_reason() {
		assertThatThrownBy(() -> connector().invoke("get_sum", "{\"a\":\"two\",\"b\":3}", context()))
				.isInstanceOf(ActionRejectedException.class)
				.hasMessageStartingWith("MCP tool get-sum reported an error: ")
				.hasMessageContaining("a");
	}

	@Test
	void should_make_only_the_tools_the_admin_listed_read_only() {
		Map<String, Effect> effects = new HashMap<>();
		connector().actions().forEach(spec -> effects.put(spec.name(), spec.effect()));

		// get-structured-content claims readOnlyHint=true; a server's hint alone never makes a tool read-only.
		assertThat(effects).containsEntry("echo", Effect.READ_ONLY).containsEntry("get_sum", Effect.READ_ONLY)
				.containsEntry("get_structured_content", Effect.WRITE);
	}

	@Test
	void should_offer_every_tool_of_the_server_with_a_valid_unique_name() throws Exception {
		try (ActionConnector all = connector(Map.of("namePrefix", "everything_"))) {
			List<ActionSpec> specs = all.actions();

			assertThat(specs).hasSizeGreaterThan(3);
			assertThat(specs).extracting(ActionSpec::name).doesNotHaveDuplicates()
					.allSatisfy(name -> assertThat(name).startsWith("everything_"))
					.contains("everything_echo", "everything_get_sum");
			assertThat(specs).allSatisfy(spec -> assertThat(spec.effect()).isIn(Effect.WRITE, Effect.DESTRUCTIVE));
		}
	}

	@Test
	void should_cap_long_output_with_a_marker() throws Exception {
		try (ActionConnector capped = connector(Map.of("exposedTools", "echo", "maxOutputChars", "20"))) {
			ActionResult result = capped.invoke("echo", "{\"message\":\"" + "x".repeat(500) + "\"}", context());

			JsonNode output = json(result.output());
			assertThat(output.path("truncated").asBoolean()).isTrue();
			assertThat(output.path("text").asString()).startsWith("Echo: xxxxxxxxxxxxxx")
					.endsWith("… [truncated 486 characters]");
		}
	}

	static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}
}
