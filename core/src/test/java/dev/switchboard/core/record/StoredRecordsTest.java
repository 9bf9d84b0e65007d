package dev.switchboard.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.support.ActionTurns;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The forms plugin's "stored" destination end to end, through the chat API: the model fills a form, the user approves
 * it, the forms connector (the real plugin jar) stores it through the host's record store, and the tenant admin lists
 * and reads it in the admin API.
 */
@QuarkusTest
class StoredRecordsTest {

	private static final String TENANT = "records";
	private static final String FORMS = """
			[{"name": "callback", "title": "Call me back", "description": "Ask the support team to call the user back.",
			  "destination": "stored",
			  "fields": {"type": "object", "required": ["phone", "topic"], "properties": {
			    "phone": {"type": "string", "pattern": "^\\\\+[0-9]{6,15}$", "description": "With country code."},
			    "topic": {"type": "string", "enum": ["billing", "technical"]}}}}]
			""";
	private static final ActionTurns TURNS = new ActionTurns(TENANT);
	private static boolean configured;

	private final FakeOpenAiUpstream model = FakeUpstreamResource.upstream();

	@BeforeEach
	void tenantWithAStoredForm() {
		model.reset();
		if (configured) {
			return;
		}
		configured = true;
		ActionTurns.actionTenant(TENANT, model);
		// Only stored forms: no webhook, so no signing secret and no hosts.
		Api.admin(TENANT).body(Map.of("factoryId", "forms", "config", Map.of("forms", FORMS)))
				.put("/api/v1/admin/connectors/intake").then().statusCode(200).body("hosts", hasSize(0));
		Api.admin(TENANT).body(Map.of()).put("/api/v1/admin/connectors/intake/actions/forms_submit_callback").then()
				.statusCode(200);
	}

	@Test
	void should_store_an_approved_form_once_and_list_it_for_the_tenant_admin() {
		String conversation = TURNS.conversation();
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_1", "forms_submit_callback",
				"{\"phone\":\"+4915112345678\",\"topic\":\"billing\"}"))).enqueue(Reply.text("The team will call you."));

		JsonNode confirmation = ActionTurns.custom(TURNS.chat(conversation, "please call me back about my bill, "
				+ "+4915112345678"), "confirmation_required");
		assertThat(confirmation.path("arguments").path("phone").asText()).isEqualTo("+4915112345678");
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records").then().statusCode(200).body("", hasSize(0));

		String run = TURNS.decide(conversation, confirmation, "approve").statusCode(202).extract().path("runId");
		assertThat(Sse.text(TURNS.follow(run))).isEqualTo("The team will call you.");
		assertThat(last(model.requests()).body().path("messages").toString()).contains("\\\"status\\\":\\\"stored\\\"");

		String id = Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records").then().statusCode(200)
				.body("", hasSize(1)).body("[0].kind", equalTo("callback")).body("[0].connector", equalTo("intake"))
				.body("[0].data.type", equalTo("form.submitted")).body("[0].data.data.phone", equalTo("+4915112345678"))
				.body("[0].data.data.topic", equalTo("billing")).extract().path("[0].id");
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records/" + id).then().statusCode(200)
				.body("data.form_title", equalTo("Call me back"));
		Api.admin(TENANT).get("/api/v1/admin/actions/invocations?action=forms_submit_callback").then()
				.body("[0].status", equalTo("succeeded"));

		// A replayed approval runs nothing and stores nothing.
		TURNS.decide(conversation, confirmation, "approve").statusCode(409);
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records").then().body("", hasSize(1));
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records?kind=other").then().body("", hasSize(0));
	}

	@Test
	void should_store_nothing_when_the_user_rejects_the_form() {
		String conversation = TURNS.conversation();
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_r", "forms_submit_callback",
				"{\"phone\":\"+4930123456\",\"topic\":\"technical\"}"))).enqueue(Reply.text("Okay, I did not send it."));

		JsonNode confirmation = ActionTurns.custom(TURNS.chat(conversation, "call me back? +4930123456"),
				"confirmation_required");
		TURNS.follow(TURNS.decide(conversation, confirmation, "reject").statusCode(202).extract().path("runId"));

		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records").then()
				.body("findAll { it.data.data.phone == '+4930123456' }", hasSize(0));
	}

	@Test
	void should_answer_bad_record_requests_with_problems() {
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records?size=201").then().statusCode(400)
				.contentType("application/problem+json");
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records?page=-1").then().statusCode(400)
				.contentType("application/problem+json");
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records/" + UUID.randomUUID()).then().statusCode(404)
				.contentType("application/problem+json").body("code", equalTo("record_not_found"));
		Api.admin(TENANT).get("/api/v1/admin/connectors/intake/records/not-a-uuid").then().statusCode(400)
				.contentType("application/problem+json");
	}

	private static <T> T last(List<T> list) {
		return list.get(list.size() - 1);
	}
}
