package dev.switchboard.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.switchboard.core.support.ActionTurns;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.LedgerApi;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A model reply with several tool calls of mixed kinds — a read that runs at once, a write that waits for the user's
 * approval, client-side tools the page runs — continues once, when every call has its outcome, and the model then sees
 * the whole reply: the assistant message with all its calls, each followed by exactly one tool message, in the calls'
 * order. Checked on the request body the model's upstream received.
 */
@QuarkusTest
class MultiCallReplyTest {

	private static final String TENANT = "multi-call";
	private static final ActionTurns TURNS = new ActionTurns(TENANT);
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final Map<String, Object> CART_TOOL = Map.of("name", "get_cart_total", "parameters",
			Map.of("type", "object", "properties", Map.of("currency", Map.of("type", "string"))));
	private static final Map<String, Object> PAGE_TOOL = Map.of("name", "get_page_title");
	private static final List<Map<String, Object>> PAGE_TOOLS = List.of(CART_TOOL, PAGE_TOOL);
	private static final String BALANCE = "{\"account\":\"A-1\",\"balance\":42}";
	private static boolean configured;

	private final FakeOpenAiUpstream model = FakeUpstreamResource.upstream();
	private final LedgerApi ledger = LedgerApi.get();

	@Inject
	Pool pool;

	@Inject
	ChatService service;

	@BeforeEach
	void tenantWithTheLedgerAndAToolCallingModel() {
		model.reset();
		ledger.reset();
		if (configured) {
			return;
		}
		configured = true;
		ActionTurns.actionTenant(TENANT, model).withLedger(ledger, "ledger_get_balance", "ledger_add_entry");
	}

	@Test
	void should_continue_a_read_and_an_approved_write_with_both_results_in_the_calls_order() {
		ledger.answer(BALANCE);
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_read", "ledger_get_balance", "{\"account\":\"A-1\"}"),
				ScriptedToolCall.of("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":20}")))
				.enqueue(Reply.text("Added 20; the balance was 42."));
		String conversation = TURNS.conversation();

		List<Sse.Event> first = TURNS.chat(conversation, "what is on A-1? then add 20");

		assertThat(ledger.received()).extracting(LedgerApi.Received::method).containsExactly("GET");
		String readResult = result(first, "call_read");
		assertThat(readResult).contains("\"balance\":42");
		JsonNode confirmation = ActionTurns.custom(first, "confirmation_required");
		List<Sse.Event> continuation = TURNS.follow(TURNS.decide(conversation, confirmation, "approve").statusCode(202)
				.extract().path("runId"));

		assertThat(Sse.text(continuation)).isEqualTo("Added 20; the balance was 42.");
		assertThat(ledger.received()).extracting(LedgerApi.Received::method).containsExactly("GET", "POST");
		String writeResult = result(continuation, "call_write");
		assertThat(writeResult).startsWith("{\"status\":\"succeeded\"");
		assertThat(model.requests()).hasSize(2);
		assertThat(messages(1)).isEqualTo(reply(messages(0), calls("call_read", "ledger_get_balance", "{\"account\":\"A-1\"}",
				"call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":20}"), "call_read", readResult,
				"call_write", writeResult));
	}

	@Test
	void should_tell_the_model_of_a_denial_next_to_the_read_that_ran() {
		ledger.answer(BALANCE);
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":5}"),
				ScriptedToolCall.of("call_read", "ledger_get_balance", "{\"account\":\"A-1\"}")))
				.enqueue(Reply.text("I left the account as it is."));
		String conversation = TURNS.conversation();
		List<Sse.Event> first = TURNS.chat(conversation, "add 5 to A-1 and show the balance");
		String readResult = result(first, "call_read");

		TURNS.follow(TURNS.decide(conversation, ActionTurns.custom(first, "confirmation_required"), "reject")
				.statusCode(202).extract().path("runId"));

		assertThat(ledger.received()).extracting(LedgerApi.Received::method).containsExactly("GET");
		assertThat(messages(1)).isEqualTo(reply(messages(0), calls("call_write", "ledger_add_entry",
				"{\"account\":\"A-1\",\"amount\":5}", "call_read", "ledger_get_balance", "{\"account\":\"A-1\"}"),
				"call_write", "{\"status\":\"rejected_by_user\",\"note\":\"The user rejected this action. It did not run.\"}",
				"call_read", readResult));
	}

	@Test
	void should_wait_for_every_client_tool_and_keep_the_calls_order_whatever_order_the_results_come_in() {
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_cart", "get_cart_total", "{\"currency\":\"EUR\"}"),
				ScriptedToolCall.of("call_title", "get_page_title", "{}")))
				.enqueue(Reply.text("Your cart on Checkout comes to 42.50 EUR."));
		String conversation = TURNS.conversation();
		List<Sse.Event> first = chat(conversation, "what is in my cart?");
		assertThat(last(first).data().at("/result/awaitingToolResults").findValuesAsText("toolCallId"))
				.containsExactly("call_cart", "call_title");

		toolResult(conversation, "call_title", "{\"title\":\"Checkout\"}").statusCode(200)
				.body("conversationId", equalTo(conversation)).body("awaitingToolResults", equalTo(List.of("call_cart")))
				.body("awaitingApproval", equalTo(List.of())).body("runId", org.hamcrest.Matchers.nullValue());
		assertThat(model.requests()).as("no continuation while a call still waits").hasSize(1);
		toolResult(conversation, "call_title", "{\"title\":\"again\"}").statusCode(409)
				.body("code", equalTo("tool_call_not_pending"));
		List<Sse.Event> continuation = TURNS.follow(toolResult(conversation, "call_cart", "{\"total\":42.5}")
				.statusCode(202).extract().path("runId"));

		assertThat(Sse.text(continuation)).isEqualTo("Your cart on Checkout comes to 42.50 EUR.");
		assertThat(continuation.stream().filter(e -> e.type().equals("TOOL_CALL_RESULT"))
				.map(e -> e.data().path("toolCallId").asText())).containsExactly("call_cart", "call_title");
		assertThat(model.requests()).hasSize(2);
		assertThat(messages(1)).isEqualTo(reply(messages(0), calls("call_cart", "get_cart_total", "{\"currency\":\"EUR\"}",
				"call_title", "get_page_title", "{}"), "call_cart", "{\"total\":42.5}", "call_title", "{\"title\":\"Checkout\"}"));
	}

	@Test
	void should_run_an_approved_write_only_when_the_client_tool_of_the_same_reply_answered_and_remember_the_reply() {
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":7}"),
				ScriptedToolCall.of("call_cart", "get_cart_total", "{\"currency\":\"USD\"}")))
				.enqueue(Reply.text("Added 7 and your cart is 9 USD."))
				.enqueue(Reply.text("You added 7."));
		String conversation = TURNS.conversation();
		List<Sse.Event> first = chat(conversation, "add 7 to A-1 and tell me my cart");
		JsonNode confirmation = ActionTurns.custom(first, "confirmation_required");

		TURNS.decide(conversation, confirmation, "approve").statusCode(200)
				.body("awaitingToolResults", equalTo(List.of("call_cart"))).body("awaitingApproval", equalTo(List.of()));
		assertThat(ledger.received()).as("an approved write runs with the continuation, not before").isEmpty();
		assertThat(model.requests()).hasSize(1);
		TURNS.decide(conversation, confirmation, "approve").statusCode(409).body("code", equalTo("approval_not_pending"));

		List<Sse.Event> continuation = TURNS.follow(toolResult(conversation, "call_cart", "{\"total\":9}").statusCode(202)
				.extract().path("runId"));

		assertThat(ledger.received()).extracting(LedgerApi.Received::method).containsExactly("POST");
		String writeResult = result(continuation, "call_write");
		assertThat(writeResult).startsWith("{\"status\":\"succeeded\"");
		ArrayNode expected = reply(messages(0), calls("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":7}",
				"call_cart", "get_cart_total", "{\"currency\":\"USD\"}"), "call_write", writeResult, "call_cart", "{\"total\":9}");
		assertThat(messages(1)).isEqualTo(expected);

		// The next turn sees the same reply, the continuation's answer and the new message.
		chat(conversation, "what did you do?");
		expected.addObject().put("role", "assistant").put("content", "Added 7 and your cart is 9 USD.");
		expected.addObject().put("role", "user").put("content", "what did you do?");
		assertThat(messages(2)).isEqualTo(expected);
		assertThat(ledger.received()).hasSize(1);
	}

	@Test
	void should_count_a_client_tool_call_that_expired_as_its_outcome_and_continue_on_the_approval() {
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":3}"),
				ScriptedToolCall.of("call_late", "get_page_title", "{}")))
				.enqueue(Reply.text("Added 3."));
		String conversation = TURNS.conversation();
		JsonNode confirmation = ActionTurns.custom(chat(conversation, "add 3 to A-1"), "confirmation_required");
		pool.preparedQuery("UPDATE client_tool_call SET created_at = now() - interval '1 hour' WHERE tool_call_id = $1")
				.execute(Tuple.of("call_late")).await().atMost(Duration.ofSeconds(10));

		List<Sse.Event> continuation = TURNS.follow(TURNS.decide(conversation, confirmation, "approve").statusCode(202)
				.extract().path("runId"));

		assertThat(Sse.text(continuation)).isEqualTo("Added 3.");
		assertThat(result(continuation, "call_late")).contains("\"status\":\"expired\"");
		assertThat(messages(1).get(messages(1).size() - 1).path("content").asText()).contains("\"status\":\"expired\"");
		toolResult(conversation, "call_late", "{\"title\":\"late\"}").statusCode(409).body("code", equalTo("tool_call_expired"));
	}

	@Test
	void should_continue_on_the_sweep_once_the_client_tool_of_an_approved_write_expired_unanswered() {
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":4}"),
				ScriptedToolCall.of("call_closed", "get_page_title", "{}")))
				.enqueue(Reply.text("Added 4; I could not read the page."));
		String conversation = TURNS.conversation();
		TURNS.decide(conversation, ActionTurns.custom(chat(conversation, "add 4 to A-1"), "confirmation_required"),
				"approve").statusCode(200).body("awaitingToolResults", equalTo(List.of("call_closed")));
		// The page closed; the call was made at a fixed time, so other tests' waiting replies are not this sweep's.
		OffsetDateTime called = madeAt("call_closed", OffsetDateTime.parse("2001-01-01T00:00:00Z"));

		assertThat(service.continueExpired(called.plusMinutes(14))).as("the client tool call has not expired yet").isZero();
		assertThat(ledger.received()).isEmpty();
		assertThat(model.requests()).hasSize(1);
		assertThat(service.continueExpired(called.plusMinutes(16))).isEqualTo(1);
		List<Sse.Event> continuation = TURNS.follow(continuationOf(conversation));

		assertThat(Sse.text(continuation)).isEqualTo("Added 4; I could not read the page.");
		assertThat(ledger.received()).extracting(LedgerApi.Received::method).containsExactly("POST");
		String writeResult = result(continuation, "call_write");
		assertThat(writeResult).startsWith("{\"status\":\"succeeded\"");
		assertThat(model.requests()).hasSize(2);
		assertThat(messages(1)).isEqualTo(reply(messages(0), calls("call_write", "ledger_add_entry",
				"{\"account\":\"A-1\",\"amount\":4}", "call_closed", "get_page_title", "{}"), "call_write", writeResult,
				"call_closed", "{\"status\":\"expired\",\"note\":\"The caller did not return this tool's result in time.\"}"));
		assertThat(service.continueExpired(called.plusMinutes(30))).as("a reply continues once").isZero();
	}

	@Test
	void should_start_one_continuation_when_two_sweeps_find_the_same_expired_reply() throws Exception {
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_write", "ledger_add_entry", "{\"account\":\"A-1\",\"amount\":6}"),
				ScriptedToolCall.of("call_abandoned", "get_page_title", "{}")))
				.enqueue(Reply.text("Added 6."));
		String conversation = TURNS.conversation();
		TURNS.decide(conversation, ActionTurns.custom(chat(conversation, "add 6 to A-1"), "confirmation_required"),
				"approve").statusCode(200);
		OffsetDateTime expired = madeAt("call_abandoned", OffsetDateTime.parse("2002-01-01T00:00:00Z")).plusMinutes(16);

		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> service.continueExpired(expired));
		CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> service.continueExpired(expired));

		assertThat(one.get(30, TimeUnit.SECONDS) + other.get(30, TimeUnit.SECONDS)).isEqualTo(1);
		assertThat(Sse.text(TURNS.follow(continuationOf(conversation)))).isEqualTo("Added 6.");
		assertThat(ledger.received()).extracting(LedgerApi.Received::method).containsExactly("POST");
		assertThat(model.requests()).hasSize(2);
	}

	/** Sets when the client tool call was made; returns that time. */
	private OffsetDateTime madeAt(String toolCallId, OffsetDateTime at) {
		pool.preparedQuery("UPDATE client_tool_call SET created_at = $2 WHERE tool_call_id = $1")
				.execute(Tuple.of(toolCallId, at)).await().atMost(Duration.ofSeconds(10));
		return at;
	}

	/** The id of the run that continues a reply of the conversation. */
	private String continuationOf(String conversation) {
		return pool.preparedQuery("SELECT id FROM run WHERE conversation_id = $1 AND continues IS NOT NULL")
				.execute(Tuple.of(UUID.fromString(conversation))).await().atMost(Duration.ofSeconds(10))
				.iterator().next().getUUID("id").toString();
	}

	@Test
	void should_leave_earlier_tool_calls_out_for_a_backend_that_cannot_call_tools() {
		String tenant = "multi-call-plain";
		ActionTurns turns = ActionTurns.actionTenant(tenant, model).withLedger(ledger, "ledger_get_balance");
		ledger.answer(BALANCE);
		model.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_read", "ledger_get_balance", "{\"account\":\"A-1\"}")))
				.enqueue(Reply.text("The balance is 42."))
				.enqueue(Reply.text("Sure."));
		String conversation = turns.conversation();
		turns.chat(conversation, "what is on A-1?");
		assertThat(messages(1).toString()).contains("call_read");
		// Every later turn goes to a backend declared without tool calls.
		Api.admin(tenant).body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", model.baseUrl(), "model",
				"plain-model", "capabilities", "streaming"))).put("/api/v1/admin/backends/plain").then().statusCode(200);
		Api.admin(tenant).body(Map.of("roles", Map.of("small", Map.of("backends", List.of("plain"))), "rules", List.of(
				Map.of("if", Map.of("route", "action"), "route", "small"),
				Map.of("if", Map.of("route", "reasoning"), "route", "small")))).put("/api/v1/admin/routing").then()
				.statusCode(200);

		turns.chat(conversation, "thanks");

		assertThat(model.requests().get(2).body().path("model").asText()).isEqualTo("plain-model");
		ArrayNode expected = JSON.createArrayNode();
		expected.addObject().put("role", "user").put("content", "what is on A-1?");
		expected.addObject().put("role", "assistant").put("content", "The balance is 42.");
		expected.addObject().put("role", "user").put("content", "thanks");
		assertThat(messages(2)).isEqualTo(expected);
	}

	/** The messages the model received on its n-th call of the test. */
	private JsonNode messages(int n) {
		return model.requests().get(n).body().path("messages");
	}

	/** The history before the reply, then the reply's assistant message, then one tool message per call. */
	private static ArrayNode reply(JsonNode before, ArrayNode calls, String... results) {
		ArrayNode expected = before.deepCopy();
		expected.addObject().put("role", "assistant").set("tool_calls", calls);
		for (int i = 0; i < results.length; i += 2) {
			expected.addObject().put("role", "tool").put("tool_call_id", results[i]).put("content", results[i + 1]);
		}
		return expected;
	}

	/** OpenAI tool calls from (id, name, arguments) triples. */
	private static ArrayNode calls(String... triples) {
		ArrayNode calls = JSON.createArrayNode();
		for (int i = 0; i < triples.length; i += 3) {
			calls.addObject().put("id", triples[i]).put("type", "function").putObject("function")
					.put("name", triples[i + 1]).put("arguments", triples[i + 2]);
		}
		return calls;
	}

	/** The content of the TOOL_CALL_RESULT event for that call. */
	private static String result(List<Sse.Event> events, String toolCallId) {
		return events.stream().filter(e -> e.type().equals("TOOL_CALL_RESULT")
				&& e.data().path("toolCallId").asText().equals(toolCallId)).findFirst()
				.orElseThrow(() -> new AssertionError("no result for " + toolCallId + " in " + Sse.types(events)))
				.data().path("content").asText();
	}

	private static List<Sse.Event> chat(String conversation, String text) {
		return TURNS.chat(conversation, text, PAGE_TOOLS);
	}

	private static ValidatableResponse toolResult(String conversation, String toolCallId, String content) {
		return TURNS.toolResult(conversation, toolCallId, content, PAGE_TOOLS);
	}

	private static <T> T last(List<T> list) {
		return list.get(list.size() - 1);
	}
}
