package dev.switchboard.plugins.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.store.StoredRecord;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Forms whose destination is "stored": kept in the host's record store, never sent anywhere. */
class FormsStoredSubmissionTest {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final FormsActionConnectorFactory factory = new FormsActionConnectorFactory(FormsFake.CLOCK);
	private final TestEgressHttp egress = TestEgressHttp.allowing("127.0.0.1", "hooks.example.com");
	private final TestHostServices host = TestHostServices.with(egress);

	@Test
	void should_store_the_approved_submission_as_a_record_of_its_form_and_send_nothing() {
		ActionConnector connector = connector(storedExamples());

		ActionResult result = connector.invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());

		StoredRecord record = host.records().records().getFirst();
		assertThat(host.records().records()).hasSize(1);
		assertThat(record.kind()).isEqualTo("refund_request");
		assertThat(record.key()).startsWith("sub_");
		assertThat(record.endUserId()).isEqualTo("user-1");
		JsonNode stored = JSON.readTree(record.json());
		assertThat(stored.path("type").asString()).isEqualTo("form.submitted");
		assertThat(stored.path("id").asString()).isEqualTo(record.key());
		assertThat(stored.path("form_title").asString()).isEqualTo("Refund request");
		assertThat(stored.path("data")).isEqualTo(JSON.readTree(FormsFake.REFUND));
		JsonNode output = JSON.readTree(result.output());
		assertThat(output.path("status").asString()).isEqualTo("stored");
		assertThat(output.path("record_id").asString()).isEqualTo(record.id());
		assertThat(output.path("submission_id").asString()).isEqualTo(record.key());
		assertThat(result.summary()).isEqualTo("Stored Refund request (submission " + record.key() + ")");
		assertThat(egress.sent()).isEmpty();
	}

	@Test
	void should_store_a_retried_invocation_once() {
		ActionConnector connector = connector(storedExamples());

		ActionResult first = connector.invoke("forms_submit_demo_booking", FormsFake.DEMO, FormsFake.context());
		ActionResult retry = connector.invoke("forms_submit_demo_booking", FormsFake.DEMO, FormsFake.context());

		assertThat(host.records().records()).hasSize(1);
		assertThat(retry.output()).isEqualTo(first.output());
	}

	@Test
	void should_store_nothing_for_a_form_its_schema_refuses() {
		ActionConnector connector = connector(storedExamples());

		catchThrowableOfType(InvalidRequestException.class, () -> connector.invoke("forms_submit_refund_request",
				"{\"order_id\": \"nope\", \"amount\": 1, \"reason\": \"damaged\"}", FormsFake.context()));

		assertThat(host.records().records()).isEmpty();
	}

	@Test
	void should_need_no_signing_secret_no_hosts_and_no_receiver_check_when_every_form_is_stored() {
		Map<String, String> settings = new HashMap<>(Map.of("forms", storedExamples()));
		InstanceConfig config = new InstanceConfig("tenant-a", "forms-main", settings);

		ActionConnector connector = factory.create(config, host);
		connector.verifyConnection();

		assertThat(factory.permissions(config).hosts()).isEmpty();
		assertThat(egress.sent()).isEmpty();
	}

	@Test
	void should_mix_stored_and_webhook_forms_and_only_reach_the_webhooks() {
		String forms = FormsFake.examples().replaceFirst("\"webhook\": \"[^\"]+\"", "\"destination\": \"stored\"");

		assertThat(factory.permissions(new InstanceConfig("t", "i", FormsFake.settings(forms))).hosts())
				.containsExactly("hooks.example.com");
		connector(forms).invoke("forms_submit_refund_request", FormsFake.REFUND, FormsFake.context());
		assertThat(host.records().records()).extracting(StoredRecord::kind).containsExactly("refund_request");
	}

	@Test
	void should_refuse_a_stored_form_with_a_webhook_and_an_unknown_destination() {
		String both = storedExamples().replaceFirst("\"destination\": \"stored\"",
				"\"destination\": \"stored\", \"webhook\": \"https://hooks.example.com/x\"");
		String unknown = storedExamples().replaceFirst("\"destination\": \"stored\"", "\"destination\": \"email\"");

		assertThat(refusal(both)).contains("form 1 (refund_request): a stored form has no webhook");
		assertThat(refusal(unknown)).contains("form 1 (refund_request): destination must be \"webhook\" or \"stored\"");
	}

	private String refusal(String forms) {
		return catchThrowableOfType(InvalidConfigException.class, () -> connector(forms)).problems().get("forms");
	}

	private ActionConnector connector(String forms) {
		return factory.create(new InstanceConfig("tenant-a", "forms-main", FormsFake.settings(forms)), host);
	}

	/** The shipped examples with every webhook replaced by the stored destination. */
	private static String storedExamples() {
		return FormsFake.examples().replaceAll("\"webhook\": \"[^\"]+\"", "\"destination\": \"stored\"");
	}
}
