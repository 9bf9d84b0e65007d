package dev.switchboard.plugins.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Configuration checks with their messages, declared permissions, the actions and their effects. */
class FormsConnectorSetupTest {

	@RegisterExtension
	static WireMockExtension receiver = FormsFake.server();

	private static final String FIELDS = """
			{"type": "object", "required": ["topic"], "properties": {"topic": {"type": "string"}}}""";

	private final FormsActionConnectorFactory factory = new FormsActionConnectorFactory(FormsFake.CLOCK);

	@Test
	void should_mark_the_signing_secret_secret_and_require_forms() {
		assertThat(factory.configSchema().secretNames()).containsExactly("signingSecret");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> create(Map.of()));

		assertThat(error.problems()).containsOnlyKeys("forms");
	}

	@Test
	void should_require_the_signing_secret_when_a_form_goes_to_a_webhook() {
		Map<String, String> settings = FormsFake.settings(form("feedback", FIELDS, "https://hooks.example.com/f"));
		settings.remove("signingSecret");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> create(settings));

		assertThat(error.problems()).containsOnlyKeys("signingSecret");
		assertThat(error.problems().get("signingSecret")).isEqualTo("is required when a form goes to a webhook");
	}

	@Test
	void should_refuse_a_short_signing_secret_without_echoing_it() {
		Map<String, String> settings = FormsFake.settings(form("feedback", FIELDS, "https://hooks.example.com/f"));
		settings.put("signingSecret", "hunter2-is-short");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> create(settings));

		assertThat(error.problems()).containsOnlyKeys("signingSecret");
		assertThat(error.getMessage()).contains("at least 32 characters").doesNotContain("hunter2");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			not JSON            | [{"name": }                                                  | is not valid JSON
			not an array        | {"name": "feedback"}                                          | must be a JSON array with at least one form
			empty array         | []                                                            | must be a JSON array with at least one form
			not an object       | ["feedback"]                                                  | form 1: is not a JSON object
			missing keys        | [{"name": "feedback"}]                                        | form 1 (feedback): title is required
			unknown key         | [{"name": "a", "title": "A", "description": "d", "webhook": "https://h.example/a", "fields": %s, "webhok": "x"}] | form 1 (a): has an unknown key 'webhok'
			""")
	void should_refuse_a_malformed_forms_setting(String why, String forms, String message) {
		assertRefused(forms.replace("%s", FIELDS), message);
	}

	@Test
	void should_refuse_duplicate_form_names() {
		String forms = "[" + object("feedback", FIELDS, "https://hooks.example.com/a") + ","
				+ object("feedback", FIELDS, "https://hooks.example.com/b") + "]";

		assertRefused(forms, "form 2 (feedback): has the same name as an earlier form");
	}

	@ParameterizedTest
	@CsvSource({"Feedback", "2fast", "with-dash", "a_name_that_is_far_too_long_for_an_action_name"})
	void should_refuse_a_name_that_cannot_become_an_action_name(String name) {
		assertRefused(form(name, FIELDS, "https://hooks.example.com/f"), "name must be 1 to 35 characters");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			keyword of the wrong type  | {"type": "object", "properties": {"topic": {"type": "string", "minLength": "ten"}}} | fields is not a valid JSON Schema
			unknown type               | {"type": "object", "properties": {"topic": {"type": "text"}}}                       | fields is not a valid JSON Schema
			not an object schema       | {"type": "string"}                                                                   | must be an object schema
			no fields                  | {"type": "object", "properties": {}}                                                 | must declare at least one field
			field without a type       | {"type": "object", "properties": {"topic": {"description": "What about"}}}          | field 'topic' must be a schema with a "type"
			required field not defined | {"type": "object", "required": ["topc"], "properties": {"topic": {"type": "string"}}} | fields.required names 'topc', which is not in fields.properties
			broken pattern             | {"type": "object", "properties": {"topic": {"type": "string", "pattern": "^(ORD"}}}  | is not a valid regular expression
			remote reference           | {"type": "object", "properties": {"topic": {"$ref": "https://schemas.example/t.json", "type": "string"}}} | only local references
			other dialect              | {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": {"topic": {"type": "string"}}} | must be https://json-schema.org/draft/2020-12/schema or left out
			""")
	void should_refuse_an_invalid_field_schema(String why, String fields, String message) {
		assertRefused(form("feedback", fields, "https://hooks.example.com/f"), "form 1 (feedback): ");
		assertRefused(form("feedback", fields, "https://hooks.example.com/f"), message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
			plain http            | http://hooks.example.com/f            | must use https://
			relative              | /hooks/f                              | must be an absolute https:// URL
			another scheme        | ftp://hooks.example.com/f             | must be an absolute https:// URL
			credentials in it     | https://bot:pw@hooks.example.com/f    | must not carry credentials
			""")
	void should_refuse_a_webhook_that_is_not_plain_https(String why, String webhook, String message) {
		Map<String, String> settings = FormsFake.settings(form("feedback", FIELDS, webhook));
		settings.remove("allowHttpWebhooks");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class, () -> create(settings));

		assertThat(error.problems().get("forms")).contains(message.strip()).doesNotContain("pw@");
	}

	@Test
	void should_accept_an_http_webhook_when_the_override_is_on() {
		ActionConnector connector = create(FormsFake.settings(form("feedback", FIELDS, "http://receiver.internal/f")));

		assertThat(connector.actions()).extracting(ActionSpec::name).contains("forms_submit_feedback");
	}

	@Test
	void should_report_every_problem_of_every_form_at_once() {
		String forms = "[" + object("Bad", FIELDS, "https://hooks.example.com/a") + ","
				+ object("ok", "{\"type\": \"object\", \"properties\": {}}", "ftp://x/") + "]";

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> create(FormsFake.settings(forms)));

		assertThat(error.problems().get("forms")).contains("form 1 (Bad): name must be")
				.contains("form 2 (ok): webhook must be").contains("form 2 (ok): fields.properties must declare");
	}

	@Test
	void should_declare_the_webhook_hosts_and_no_end_user_identity() {
		String forms = "[" + object("a", FIELDS, "https://hooks.example.com/a") + ","
				+ object("b", FIELDS, "https://hooks.example.com/b") + ","
				+ object("c", FIELDS, "https://intake.example.org:8443/c") + "]";

		ConnectorPermissions permissions = factory.permissions(new InstanceConfig("t", "i", FormsFake.settings(forms)));

		assertThat(permissions.hosts()).containsExactlyInAnyOrder("hooks.example.com", "intake.example.org:8443");
		assertThat(permissions.receivesEndUserIdentity()).isFalse();
	}

	@Test
	void should_offer_a_read_only_list_and_one_write_per_form() {
		ActionConnector connector = FormsFake.connector(receiver);

		Map<String, Effect> effects = connector.actions().stream()
				.collect(Collectors.toMap(ActionSpec::name, ActionSpec::effect));

		assertThat(effects).containsExactlyInAnyOrderEntriesOf(Map.of(
				"forms_list", Effect.READ_ONLY,
				"forms_submit_refund_request", Effect.WRITE,
				"forms_submit_demo_booking", Effect.WRITE));
		assertThat(connector.actions()).allSatisfy(spec -> assertThat(spec.requiresConfirmation())
				.isEqualTo(spec.effect() != Effect.READ_ONLY));
	}

	@Test
	void should_use_the_forms_schema_closed_as_input_and_tell_the_model_to_ask_for_missing_fields() {
		ActionSpec refund = FormsFake.connector(receiver).actions().stream()
				.filter(spec -> spec.name().equals("forms_submit_refund_request")).findFirst().orElseThrow();

		JsonNode input = JsonMapper.builder().build().readTree(refund.inputSchema());
		assertThat(input.at("/properties/order_id/pattern").asString()).isEqualTo("^ORD-[0-9]{6,10}$");
		assertThat(input.get("additionalProperties").asBoolean(true)).isFalse();
		assertThat(refund.title()).isEqualTo("Refund request");
		assertThat(refund.description()).startsWith("Ask for a refund of an order")
				.contains("the required fields are order_id, amount, reason")
				.contains("ask the user for it instead of guessing");
	}

	@Test
	void should_keep_a_schema_that_decides_on_extra_fields_itself() {
		String open = "{\"type\": \"object\", \"additionalProperties\": true, \"properties\": {\"topic\": {\"type\": \"string\"}}}";
		ActionConnector connector = create(FormsFake.settings(form("feedback", open, "https://hooks.example.com/f")));

		assertThat(connector.actions().get(1).inputSchema()).contains("\"additionalProperties\":true");
	}

	@Test
	void should_accept_the_shipped_examples_as_they_are() {
		Map<String, String> settings = FormsFake.settings(FormsFake.examples());
		settings.remove("allowHttpWebhooks");

		assertThat(create(settings).actions()).extracting(ActionSpec::name)
				.containsExactly("forms_list", "forms_submit_refund_request", "forms_submit_demo_booking");
	}

	private ActionConnector create(Map<String, String> settings) {
		return factory.create(new InstanceConfig("t", "i", settings), TestHostServices.allowing("127.0.0.1"));
	}

	private void assertRefused(String forms, String message) {
		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> create(FormsFake.settings(forms)));

		assertThat(error).as("refusal of %s", forms).isNotNull();
		assertThat(error.problems()).containsOnlyKeys("forms");
		assertThat(error.problems().get("forms")).contains(message.strip());
		assertThat(error.getMessage()).doesNotContain(FormsFake.SIGNING_SECRET);
	}

	private static String form(String name, String fields, String webhook) {
		return "[" + object(name, fields, webhook) + "]";
	}

	private static String object(String name, String fields, String webhook) {
		return """
				{"name": "%s", "title": "Feedback", "description": "Send product feedback.", "webhook": "%s", "fields": %s}
				""".formatted(name, webhook, fields);
	}
}
