package dev.switchboard.core.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens are counted per tenant, day and backend, and a tenant's daily budget stops new messages once used. */
@QuarkusTest
class UsageBudgetTest {

	@Test
	void should_count_tokens_and_stop_new_messages_when_the_daily_budget_is_used() throws Exception {
		Api.admin().body(Map.of("id", "budgeted", "name", "budgeted")).post("/api/v1/admin/tenants");
		var upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin("budgeted").body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", upstream.baseUrl(),
				"model", "budget-model"))).put("/api/v1/admin/backends/main").then().statusCode(200);
		Api.admin("budgeted").body(Map.of("requestsPerMinutePerUser", 30, "requestsPerMinutePerKey", 600, "tokensPerDay", 50))
				.put("/api/v1/admin/limits").then().statusCode(200).body("tokensPerDay", equalTo(50));

		upstream.enqueue(Reply.text("Sure.").withUsage(40, 20));
		String conversation = Api.admin("budgeted").body(Map.of()).post("/api/v1/conversations").then().extract().path("id");
		List<Sse.Event> events = Sse.parse(Api.admin("budgeted").accept("text/event-stream").body(Api.text("hi"))
				.post("/api/v1/conversations/" + conversation + "/messages").asString());
		assertThat(Sse.types(events)).endsWith("RUN_FINISHED");

		awaitUsage(60);
		Api.admin("budgeted").get("/api/v1/admin/usage").then().statusCode(200)
				.body("[0].backend", equalTo("main")).body("[0].inputTokens", equalTo(40))
				.body("[0].outputTokens", equalTo(20)).body("[0].requests", equalTo(1));

		String next = Api.admin("budgeted").body(Map.of()).post("/api/v1/conversations").then().extract().path("id");
		Api.admin("budgeted").body(Api.text("one more")).post("/api/v1/conversations/" + next + "/messages").then()
				.statusCode(429).body("code", equalTo("token_budget_exhausted")).header("Retry-After", notNullValue());
		Api.admin("budgeted").body(Map.of("model", "auto", "messages", List.of(Map.of("role", "user", "content", "hi"))))
				.post("/v1/chat/completions").then().statusCode(429).body("error.code", equalTo("token_budget_exhausted"));
		Api.admin("budgeted").get("/api/v1/conversations/" + next).then().body("messages.size()", equalTo(0));
	}

	/** Usage is written within a second of a call; wait for it by looking, not by sleeping a fixed time. */
	private static void awaitUsage(long tokens) throws InterruptedException {
		for (int i = 0; i < 100; i++) {
			List<Map<String, Object>> days = Api.admin("budgeted").get("/api/v1/admin/usage").then().extract().path("$");
			if (!days.isEmpty() && ((Number) days.get(0).get("inputTokens")).longValue()
					+ ((Number) days.get(0).get("outputTokens")).longValue() >= tokens) {
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("usage was not recorded");
	}
}
