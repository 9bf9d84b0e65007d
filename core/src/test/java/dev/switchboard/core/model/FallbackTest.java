package dev.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backend that fails before its first token is replaced by the next one, invisibly; one that keeps failing is
 * skipped while its circuit is open.
 */
@QuarkusTest
class FallbackTest {

	private static final String TENANT = "fallback";

	@Test
	void should_fall_back_invisibly_and_open_the_circuit_of_a_failing_backend() {
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants");
		backend("primary", "primary-model", 0, upstream);
		backend("secondary", "secondary-model", 1, upstream);

		for (int attempt = 1; attempt <= BackendHealth.THRESHOLD; attempt++) {
			upstream.enqueue(Reply.error(500, "The server had an error")).enqueue(Reply.text("Answered", " by secondary"));
			List<Sse.Event> events = chat("hello " + attempt);
			assertThat(Sse.types(events)).containsExactly("RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT",
					"TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED");
			assertThat(Sse.text(events)).isEqualTo("Answered by secondary");
			JsonNode result = events.get(events.size() - 1).data().path("result");
			assertThat(result.path("backend").asText()).isEqualTo("secondary");
			assertThat(result.path("fallbacks").get(0).path("backend").asText()).isEqualTo("primary");
			assertThat(result.path("fallbacks").get(0).path("code").asText()).isEqualTo("upstream_unavailable");
		}
		assertThat(upstream.requests()).extracting(r -> r.body().path("model").asText())
				.containsExactly("primary-model", "secondary-model", "primary-model", "secondary-model", "primary-model",
						"secondary-model");
		Api.admin(TENANT).get("/api/v1/admin/backends").then()
				.body("find { it.name == 'primary' }.circuit", equalTo("open"))
				.body("find { it.name == 'secondary' }.circuit", equalTo("closed"));

		// While open, the failing backend is not even tried.
		upstream.reset();
		upstream.enqueue(Reply.text("Straight to secondary"));
		assertThat(Sse.text(chat("again"))).isEqualTo("Straight to secondary");
		assertThat(upstream.requests()).extracting(r -> r.body().path("model").asText()).containsExactly("secondary-model");
	}

	@Test
	void should_fall_back_on_a_rate_limit_and_on_a_hang_before_the_first_token() {
		String tenant = "fallback-kinds";
		FakeOpenAiUpstream upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		for (String name : List.of("first", "second")) {
			Api.admin(tenant).body(Map.of("factoryId", "openai", "position", name.equals("first") ? 0 : 1, "config",
					Map.of("baseUrl", upstream.baseUrl(), "model", name + "-model", "timeoutSeconds", "1")))
					.put("/api/v1/admin/backends/" + name).then().statusCode(200);
		}

		upstream.enqueue(Reply.error(429, "Rate limit reached").withRetryAfter("20")).enqueue(Reply.text("After a 429"));
		List<Sse.Event> limited = chat(tenant, "hello");
		upstream.enqueue(Reply.text("too late").withDelay(java.time.Duration.ofSeconds(5))).enqueue(Reply.text("After a hang"));
		List<Sse.Event> hung = chat(tenant, "hello again");

		assertThat(Sse.text(limited)).isEqualTo("After a 429");
		assertThat(limited.get(limited.size() - 1).data().at("/result/fallbacks/0/code").asText())
				.isEqualTo("upstream_rate_limited");
		assertThat(Sse.text(hung)).isEqualTo("After a hang");
		assertThat(hung.get(hung.size() - 1).data().at("/result/fallbacks/0/code").asText()).isEqualTo("upstream_timeout");
	}

	private static void backend(String name, String model, int position, FakeOpenAiUpstream upstream) {
		Api.admin(TENANT).body(Map.of("factoryId", "openai", "position", position, "config",
				Map.of("baseUrl", upstream.baseUrl(), "model", model))).put("/api/v1/admin/backends/" + name).then()
				.statusCode(200);
	}

	private static List<Sse.Event> chat(String text) {
		return chat(TENANT, text);
	}

	private static List<Sse.Event> chat(String tenant, String text) {
		String conversation = Api.admin(tenant).body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		return Sse.parse(Api.admin(tenant).accept("text/event-stream").body(Api.text(text))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());
	}
}
