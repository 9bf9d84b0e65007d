package dev.switchboard.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Live turns go to the role the router picks, under the tenant's role map; each answer keeps its decision, tokens and
 * cost, readable through the trace API; a role map that would send images to a blind model is refused.
 */
@QuarkusTest
class RoleRoutingTest {

	private static final String TENANT = "roles";
	private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
	private static final ObjectMapper JSON = new ObjectMapper();

	private static boolean created;

	@Inject
	Pool pool;

	@Inject
	ModelBackends backends;

	/** Once per class; not in {@code @BeforeAll}, which runs before RestAssured knows the app's port. */
	@BeforeEach
	void tenantWithThreeBackends() {
		if (created) {
			return;
		}
		created = true;
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants");
		backend("big", "big-model", "streaming,tools,vision", "2.50", "10.00", upstream);
		backend("mini", "mini-model", "streaming", "0.15", "0.60", upstream);
		backend("unpriced", "unpriced-model", "streaming,tools", null, null, upstream);
	}

	@Test
	void should_refuse_a_role_map_that_sends_images_or_actions_to_a_model_that_cannot_serve_them() {
		Api.admin(TENANT).body(Map.of("roles", Map.of("vision", Map.of("backends", List.of("mini")),
				"action", Map.of("backends", List.of("mini")), "small", Map.of("backends", List.of("nowhere")))))
				.put("/api/v1/admin/routing").then().statusCode(400)
				.contentType("application/problem+json")
				.body("errors", hasKey("roles.vision.backends[0]"))
				.body("errors", hasKey("roles.action.backends[0]"))
				.body("errors", hasKey("roles.small.backends[0]"));
		Api.admin(TENANT).body(Map.of("roles", Map.of("reasoning", Map.of("backends", "big")), "llmRouter", "yes"))
				.put("/api/v1/admin/routing").then().statusCode(400)
				.body("errors", hasKey("roles.reasoning.backends")).body("errors", hasKey("llmRouter"));
	}

	@Test
	void should_send_each_turn_to_its_role_and_keep_the_decision_and_cost_with_the_answer() throws Exception {
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin(TENANT).body(Map.of("roles", Map.of(
				"reasoning", Map.of("backends", List.of("big")),
				"vision", Map.of("backends", List.of("big")),
				"small", Map.of("backends", List.of("mini", "big")))))
				.put("/api/v1/admin/routing").then().statusCode(200)
				.body("effective.small", equalTo(List.of("mini", "big")))
				.body("effective.action", equalTo(List.of("big", "mini", "unpriced")));

		String conversation = Api.admin(TENANT).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		upstream.enqueue(Reply.text("Hi! How can I help?").withUsage(1000, 2000));
		send(conversation, Api.text("hello, thanks a lot!"));
		upstream.enqueue(Reply.text("Here is the plan.").withUsage(1_000_000, 100_000));
		send(conversation, Api.text("Our churn doubled after the pricing change last quarter. Analyse the likely causes, "
				+ "compare the options to win customers back, and propose a step-by-step plan with a budget."));
		upstream.enqueue(Reply.text("A cat.").withUsage(10, 5));
		send(conversation, Map.of("parts", List.of(Map.of("type", "text", "text", "hello"),
				Map.of("type", "image", "mediaType", "image/png", "data", PIXEL))));

		assertThat(upstream.requests()).extracting(r -> r.body().path("model").asText())
				.containsExactly("mini-model", "big-model", "big-model");

		JsonNode trace = JSON.readTree(Api.admin(TENANT).get("/api/v1/conversations/" + conversation + "/trace").then()
				.statusCode(200).extract().asString());
		JsonNode answers = trace.path("answers");
		assertThat(answers).hasSize(3);
		assertThat(answers.get(0).at("/trace/route").asText()).isEqualTo("small");
		assertThat(answers.get(0).at("/trace/backend").asText()).isEqualTo("mini");
		assertThat(answers.get(0).at("/trace/reasons").toString()).contains("embeddings");
		assertThat(answers.get(0).at("/trace/scores").has("small")).isTrue();
		assertThat(answers.get(0).at("/trace/cost").decimalValue()).isEqualByComparingTo("0.00135"); // 1000×0.15 + 2000×0.60 per million
		assertThat(answers.get(1).at("/trace/route").asText()).isEqualTo("reasoning");
		assertThat(answers.get(1).at("/trace/backend").asText()).isEqualTo("big");
		assertThat(answers.get(1).at("/trace/cost").decimalValue()).isEqualByComparingTo("3.5"); // 2.50 + 100k×10 per million
		assertThat(answers.get(2).at("/trace/route").asText()).isEqualTo("vision");
		assertThat(answers.get(2).at("/trace/reasons/0").asText()).startsWith("modality");
		assertThat(answers.get(1).at("/trace/calls/0/purpose").asText()).isEqualTo("answer");
		assertThat(trace.path("inputTokens").asLong()).isEqualTo(1_001_010);
		assertThat(trace.path("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.00135").add(new BigDecimal("3.5"))
				.add(new BigDecimal("0.000075"))); // 10×2.50 + 5×10 per million

		// Without settings, every role uses all backends again.
		Api.admin(TENANT).body(Map.of()).delete("/api/v1/admin/routing").then().statusCode(200)
				.body("settings.size()", equalTo(0));
	}

	@Test
	void should_ask_the_small_model_on_a_close_call_and_count_that_call() throws Exception {
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		// A margin of 1 makes every decision a close call, so the small model is always asked.
		Api.admin(TENANT).body(Map.of("roles", Map.of("reasoning", Map.of("backends", List.of("big")),
				"small", Map.of("backends", List.of("mini"))), "thresholds", Map.of("margin", 1.0), "llmRouter", true))
				.put("/api/v1/admin/routing").then().statusCode(200);
		String conversation = Api.admin(TENANT).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		upstream.enqueue(Reply.text("{\"route\": \"reasoning\", \"action\": null, \"why\": \"asks for a comparison\"}")
				.withUsage(200, 20)).enqueue(Reply.text("A careful answer.").withUsage(10, 10));

		send(conversation, Api.text("hello"));

		assertThat(upstream.requests()).extracting(r -> r.body().path("model").asText())
				.containsExactly("mini-model", "big-model");
		assertThat(upstream.requests().get(0).body().path("messages").get(0).path("content").asText())
				.contains("small:", "reasoning:");
		JsonNode answer = JSON.readTree(Api.admin(TENANT).get("/api/v1/conversations/" + conversation + "/trace").then()
				.statusCode(200).extract().asString()).at("/answers/0/trace");
		assertThat(answer.path("route").asText()).isEqualTo("reasoning");
		assertThat(answer.path("reasons").toString()).contains("llm router: chose reasoning: asks for a comparison");
		assertThat(answer.at("/calls/0/purpose").asText()).isEqualTo("router");
		assertThat(answer.at("/calls/0/backend").asText()).isEqualTo("mini");
		assertThat(answer.at("/calls/1/purpose").asText()).isEqualTo("answer");
		assertThat(answer.path("inputTokens").asLong()).isEqualTo(210);
		assertThat(answer.path("cost").decimalValue()).isEqualByComparingTo("0.000167"); // (200×0.15 + 20×0.6 + 10×2.5 + 10×10) per million
	}

	@Test
	void should_let_the_reasoning_model_delegate_to_the_vision_and_small_models_and_trace_each_call() throws Exception {
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin(TENANT).body(Map.of("roles", Map.of("reasoning", Map.of("backends", List.of("big")),
				"vision", Map.of("backends", List.of("big")), "small", Map.of("backends", List.of("mini")))))
				.put("/api/v1/admin/routing").then().statusCode(200);
		String conversation = Api.admin(TENANT).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		upstream.enqueue(Reply.text("A screenshot."));
		send(conversation, Map.of("parts", List.of(Map.of("type", "text", "text", "here is my screen"),
				Map.of("type", "image", "mediaType", "image/png", "data", PIXEL))));
		upstream.reset();
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_v", "look_at_image", "{\"question\":\"Which error is shown?\"}"))
				.withUsage(100, 10))
				.enqueue(Reply.text("Error 42: quota exceeded.").withUsage(50, 5))
				.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_s", "delegate_routine_task",
						"{\"task\":\"summarise\",\"instructions\":\"one line\",\"text\":\"Error 42 means the quota is exceeded.\"}"))
						.withUsage(200, 10))
				.enqueue(Reply.text("Quota exceeded.").withUsage(20, 3))
				.enqueue(Reply.text("Your plan's quota ran out; upgrade or wait for the reset.").withUsage(300, 30));

		send(conversation, Api.text("Our churn doubled after the pricing change last quarter. Analyse the likely causes, "
				+ "compare the options to win customers back, and propose a step-by-step plan with a budget."));

		assertThat(upstream.requests()).extracting(r -> r.body().path("model").asText())
				.containsExactly("big-model", "big-model", "big-model", "mini-model", "big-model");
		assertThat(upstream.requests().get(0).body().path("tools").toString()).contains("look_at_image", "delegate_routine_task");
		assertThat(upstream.requests().get(1).body().toString()).contains("data:image/png;base64," + PIXEL);
		assertThat(upstream.requests().get(4).body().path("messages").toString()).contains("Error 42: quota exceeded.",
				"Quota exceeded.");
		JsonNode answer = JSON.readTree(Api.admin(TENANT).get("/api/v1/conversations/" + conversation + "/trace").then()
				.statusCode(200).extract().asString()).at("/answers/1/trace");
		assertThat(answer.path("route").asText()).isEqualTo("reasoning");
		assertThat(answer.path("calls")).extracting(c -> c.path("purpose").asText())
				.containsExactly("answer", "delegate_vision", "answer", "delegate_small", "answer");
		assertThat(answer.at("/calls/3/backend").asText()).isEqualTo("mini");
		assertThat(answer.at("/calls/3/cost").decimalValue()).isEqualByComparingTo("0.0000048"); // 20×0.15 + 3×0.6 per million
		assertThat(answer.path("inputTokens").asLong()).isEqualTo(670);
	}

	@Test
	void should_never_send_an_image_to_a_backend_that_cannot_see_whatever_the_rules_say() {
		String tenant = "blind";
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		Api.admin(tenant).body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", upstream.baseUrl(), "model",
				"mini-model", "capabilities", "streaming"))).put("/api/v1/admin/backends/mini").then().statusCode(200);
		Api.admin(tenant).body(Map.of("roles", Map.of("small", Map.of("backends", List.of("mini"))),
				"rules", List.of(Map.of("if", Map.of("route", "vision"), "route", "small"))))
				.put("/api/v1/admin/routing").then().statusCode(200);
		String conversation = Api.admin(tenant).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");

		List<Sse.Event> events = Sse.parse(Api.admin(tenant).accept("text/event-stream").body(Map.of("parts", List.of(
				Map.of("type", "image", "mediaType", "image/png", "data", PIXEL))))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());

		assertThat(Sse.types(events)).last().isEqualTo("RUN_ERROR");
		assertThat(events.get(events.size() - 1).data().path("code").asText()).isEqualTo("no_capable_model");
		assertThat(upstream.requests()).isEmpty();
	}

	@Test
	void should_apply_a_tenant_rule_on_the_attributes_an_api_key_states_for_its_user() throws Exception {
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin(TENANT).body(Map.of("roles", Map.of("reasoning", Map.of("backends", List.of("big")),
				"small", Map.of("backends", List.of("mini"))),
				"rules", List.of(Map.of("if", Map.of("userTier", "enterprise"), "route", "reasoning"))))
				.put("/api/v1/admin/routing").then().statusCode(200);
		String conversation = Api.admin(TENANT).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		upstream.enqueue(Reply.text("Hi.")).enqueue(Reply.text("Good day."));

		send(conversation, Api.text("hello"));
		send(conversation, Map.of("parts", List.of(Map.of("type", "text", "text", "hello")),
				"attributes", Map.of("userTier", "enterprise")));

		assertThat(upstream.requests()).extracting(r -> r.body().path("model").asText())
				.containsExactly("mini-model", "big-model");
		JsonNode answer = JSON.readTree(Api.admin(TENANT).get("/api/v1/conversations/" + conversation + "/trace").then()
				.extract().asString()).at("/answers/1/trace");
		assertThat(answer.path("reasons").toString()).contains("userTier");
	}

	@Test
	void should_report_an_unknown_cost_when_a_backend_has_no_price() throws Exception {
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin(TENANT).body(Map.of("roles", Map.of("reasoning", Map.of("backends", List.of("unpriced")),
				"small", Map.of("backends", List.of("unpriced"))))).put("/api/v1/admin/routing").then().statusCode(200);
		String conversation = Api.admin(TENANT).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		upstream.enqueue(Reply.text("Sure.").withUsage(10, 5));
		send(conversation, Api.text("hello"));

		JsonNode trace = JSON.readTree(Api.admin(TENANT).get("/api/v1/conversations/" + conversation + "/trace").then()
				.statusCode(200).extract().asString());
		assertThat(trace.at("/answers/0/trace/backend").asText()).isEqualTo("unpriced");
		assertThat(trace.at("/answers/0/trace").has("cost")).isFalse();
		assertThat(trace.path("cost").isNull()).isTrue();
		assertThat(trace.path("outputTokens").asLong()).isEqualTo(5);
	}

	@Test
	void should_follow_a_routing_change_another_node_commits_and_keep_the_backends_in_use() {
		Api.admin(TENANT).get("/api/v1/admin/routing").then().statusCode(200); // cached on this node
		ConfiguredBackend inUse = ReactiveCalls.await(() -> backends.named(TENANT, "big")).orElseThrow();

		// Another node stores new settings and announces them; this node only hears the notification.
		pool.withTransaction(connection -> connection.preparedQuery("INSERT INTO tenant_routing (tenant_id, settings, "
				+ "updated_at) VALUES ($1, $2::text::jsonb, now()) ON CONFLICT (tenant_id) DO UPDATE SET settings = "
				+ "excluded.settings, updated_at = excluded.updated_at")
				.execute(Tuple.of(TENANT, "{\"roles\": {\"reasoning\": {\"backends\": [\"unpriced\"]}}}"))
				.flatMap(stored -> connection.preparedQuery("SELECT pg_notify('switchboard_backends', $1)")
						.execute(Tuple.of("ROUTING:" + TENANT))))
				.await().atMost(Duration.ofSeconds(10));

		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		String reasoning;
		do {
			reasoning = Api.admin(TENANT).get("/api/v1/admin/routing").then().statusCode(200).extract()
					.path("settings.roles.reasoning.backends[0]");
		} while (!"unpriced".equals(reasoning) && System.nanoTime() < deadline);
		assertThat(reasoning).as("the announced settings replace the cached ones").isEqualTo("unpriced");
		assertThat(ReactiveCalls.await(() -> backends.named(TENANT, "big")).orElseThrow())
				.as("a routing change leaves the backend instances, which turns in flight may be calling").isSameAs(inUse);
		Api.admin(TENANT).delete("/api/v1/admin/routing").then().statusCode(200);
	}

	private static void send(String conversation, Map<String, Object> body) {
		List<Sse.Event> events = Sse.parse(Api.admin(TENANT).accept("text/event-stream").body(body)
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());
		assertThat(Sse.types(events)).last().isEqualTo("RUN_FINISHED");
	}

	private static void backend(String name, String model, String capabilities, String inputPrice, String outputPrice,
			FakeOpenAiUpstream upstream) {
		Map<String, Object> body = new HashMap<>(Map.of("factoryId", "openai", "config", Map.of("baseUrl",
				upstream.baseUrl(), "model", model, "capabilities", capabilities)));
		if (inputPrice != null) {
			body.put("inputPrice", new BigDecimal(inputPrice));
			body.put("outputPrice", new BigDecimal(outputPrice));
		}
		Api.admin(TENANT).body(body).put("/api/v1/admin/backends/" + name).then().statusCode(200);
	}
}
