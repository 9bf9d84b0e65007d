package dev.switchboard.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A message in, persisted, answered by the model plugin as a stream of typed events, persisted; resumable. */
@QuarkusTest
class ChatFlowTest {

	/** A 1x1 PNG. */
	private static final String PIXEL = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

	@ConfigProperty(name = "quarkus.http.test-port")
	int port;

	private FakeOpenAiUpstream upstream;

	@BeforeEach
	void upstream() {
		upstream = FakeUpstreamResource.upstream();
		upstream.reset();
	}

	@Test
	void should_stream_the_answer_as_typed_events_and_persist_it() {
		upstream.enqueue(Reply.text("Hello", ", ", "Ada", "!"));
		String conversation = Api.newConversation();
		List<Sse.Event> events = Sse.parse(Api.admin().accept("text/event-stream").body(Api.text("Greet me"))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());

		assertThat(Sse.types(events)).containsExactly("RUN_STARTED", "TEXT_MESSAGE_START", "TEXT_MESSAGE_CONTENT",
				"TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_CONTENT", "TEXT_MESSAGE_END", "RUN_FINISHED");
		assertThat(events).extracting(Sse.Event::id).containsExactlyElementsOf(
				IntStream.rangeClosed(1, events.size()).mapToObj(Integer::toString).toList());
		assertThat(Sse.text(events)).isEqualTo("Hello, Ada!");
		JsonNode finished = events.get(events.size() - 1).data();
		assertThat(finished.path("threadId").asText()).isEqualTo(conversation);
		assertThat(finished.path("result").path("usage").path("outputTokens").asLong()).isPositive();

		Api.admin().get("/api/v1/conversations/" + conversation).then().statusCode(200)
				.body("messages", hasSize(2))
				.body("messages[0].role", equalTo("user")).body("messages[0].parts[0].text", equalTo("Greet me"))
				.body("messages[1].role", equalTo("assistant")).body("messages[1].status", equalTo("complete"))
				.body("messages[1].parts[0].text", equalTo("Hello, Ada!")).body("messages[1].backend", equalTo("default"))
				.body("messages[1].model", equalTo("fake-model"))
				.body("messages[1].id", equalTo(finished.path("result").path("messageId").asText()));
		assertThat(upstream.lastRequest().header("Authorization")).contains("Bearer " + FakeUpstreamResource.API_KEY);
	}

	@Test
	void should_send_the_history_and_the_image_to_the_model() {
		String conversation = Api.newConversation();
		upstream.enqueue(Reply.text("First answer."));
		post(conversation, Api.text("First question"));
		upstream.enqueue(Reply.text("It is a pixel."));
		List<Sse.Event> events = post(conversation, Map.of("parts", List.of(Map.of("type", "text", "text", "What is this?"),
				Map.of("type", "image", "mediaType", "image/png", "data", PIXEL))));
		assertThat(Sse.text(events)).isEqualTo("It is a pixel.");

		JsonNode messages = upstream.lastRequest().body().path("messages");
		assertThat(messages.get(0).path("content").toString()).contains("First question");
		assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
		assertThat(messages.get(1).path("content").toString()).contains("First answer.");
		JsonNode last = messages.get(messages.size() - 1);
		assertThat(last.path("content").get(1).path("type").asText()).isEqualTo("image_url");
		assertThat(last.path("content").get(1).path("image_url").path("url").asText())
				.isEqualTo("data:image/png;base64," + PIXEL);
		String attachment = Api.admin().get("/api/v1/conversations/" + conversation).then()
				.body("messages[2].parts[1].type", equalTo("image")).extract().path("messages[2].parts[1].attachmentId");
		byte[] stored = Api.admin().get("/api/v1/attachments/" + attachment).then().statusCode(200)
				.contentType("image/png").extract().asByteArray();
		assertThat(stored).isEqualTo(java.util.Base64.getDecoder().decode(PIXEL));
	}

	@Test
	void should_resume_after_the_last_event_id_without_loss_or_duplication() {
		upstream.enqueue(Reply.text("a", "b", "c", "d", "e"));
		String conversation = Api.newConversation();
		String run = Api.admin().body(Api.text("letters")).post("/api/v1/conversations/" + conversation + "/messages")
				.then().statusCode(202).extract().path("runId");
		List<Sse.Event> all = Sse.parse(Api.admin().get("/api/v1/runs/" + run + "/events").asString());
		assertThat(Sse.types(all)).endsWith("RUN_FINISHED");
		for (int lastSeen = 1; lastSeen < all.size(); lastSeen++) {
			List<Sse.Event> rest = Sse.parse(Api.admin().header("Last-Event-ID", Integer.toString(lastSeen))
					.get("/api/v1/runs/" + run + "/events").asString());
			assertThat(rest).as("after event " + lastSeen).containsExactlyElementsOf(all.subList(lastSeen, all.size()));
		}
		assertThat(Sse.text(Sse.parse(Api.admin().queryParam("after", 3).get("/api/v1/runs/" + run + "/events").asString())))
				.isEqualTo("bcde");
	}

	@Test
	void should_resume_a_run_that_is_still_streaming() {
		upstream.enqueue(Reply.text("slow", " answer").withDelay(Duration.ofMillis(800)));
		String conversation = Api.newConversation();
		String run = Api.admin().body(Api.text("take your time"))
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(202).extract().path("runId");
		List<Sse.Event> rest = Sse.parse(Api.admin().header("Last-Event-ID", "1").get("/api/v1/runs/" + run + "/events")
				.asString());
		assertThat(Sse.types(rest)).startsWith("TEXT_MESSAGE_START").endsWith("RUN_FINISHED");
		assertThat(rest.get(0).id()).isEqualTo("2");
		assertThat(Sse.text(rest)).isEqualTo("slow answer");
	}

	@Test
	void should_persist_the_answer_when_the_client_disconnects_mid_stream() throws Exception {
		upstream.enqueue(Reply.text("kept", " anyway").withDelay(Duration.ofMillis(500)));
		String conversation = Api.newConversation();
		HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest
				.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/" + conversation + "/messages"))
				.header("Authorization", "Bearer " + Api.ADMIN_KEY).header("Content-Type", "application/json")
				.header("Accept", "text/event-stream")
				.POST(HttpRequest.BodyPublishers.ofString("{\"parts\":[{\"type\":\"text\",\"text\":\"bye\"}]}")).build(),
				HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body()))) {
			assertThat(reader.readLine()).isEqualTo("id:1"); // RUN_STARTED arrived; hang up before the answer
		}
		awaitMessages(conversation, 2);
		Api.admin().get("/api/v1/conversations/" + conversation).then()
				.body("messages[1].status", equalTo("complete")).body("messages[1].parts[0].text", equalTo("kept anyway"));
	}

	@Test
	void should_end_upstream_failures_with_a_typed_error_and_no_half_written_answer() {
		record Case(Reply reply, String code) {
		}
		for (Case c : List.of(new Case(Reply.error(401, "Incorrect API key provided"), "upstream_auth_failed"),
				new Case(Reply.error(404, "The model does not exist"), "upstream_not_found"),
				new Case(Reply.error(429, "Rate limit reached").withRetryAfter("2"), "upstream_rate_limited"),
				new Case(Reply.error(500, "The server had an error"), "upstream_unavailable"),
				new Case(Reply.error(503, "Overloaded"), "upstream_unavailable"))) {
			upstream.enqueue(c.reply());
			String conversation = Api.newConversation();
			List<Sse.Event> events = post(conversation, Api.text("hi"));
			assertThat(Sse.types(events)).as(c.code()).containsExactly("RUN_STARTED", "RUN_ERROR");
			assertThat(events.get(1).data().path("code").asText()).isEqualTo(c.code());
			assertThat(events.get(1).data().toString()).doesNotContain("Exception").doesNotContain("at dev.");
			Api.admin().get("/api/v1/conversations/" + conversation).then().body("messages", hasSize(2))
					.body("messages[1].status", equalTo("failed")).body("messages[1].errorCode", equalTo(c.code()))
					.body("messages[1].parts", hasSize(0));
		}
	}

	@Test
	void should_end_a_stream_cut_mid_way_with_an_error_and_no_duplicated_text() {
		upstream.enqueue(Reply.text("one", " two", " three", " four").withCutAfter(2));
		String conversation = Api.newConversation();
		List<Sse.Event> events = post(conversation, Api.text("count"));
		assertThat(Sse.types(events)).startsWith("RUN_STARTED", "TEXT_MESSAGE_START").endsWith("RUN_ERROR");
		assertThat(Sse.text(events)).isEqualTo("one two");
		Api.admin().get("/api/v1/conversations/" + conversation).then().body("messages[1].status", equalTo("failed"));
	}

	@Test
	void should_refuse_a_second_message_while_the_first_is_answered() {
		// Long enough that the second request surely arrives while the first is answered, even on a slow machine.
		upstream.enqueue(Reply.text("busy").withDelay(Duration.ofSeconds(3)));
		String conversation = Api.newConversation();
		Api.admin().body(Api.text("first")).post("/api/v1/conversations/" + conversation + "/messages").then()
				.statusCode(202);
		Api.admin().body(Api.text("second")).post("/api/v1/conversations/" + conversation + "/messages").then()
				.statusCode(409).body("code", equalTo("run_in_progress"));
		awaitMessages(conversation, 2);
	}

	@Test
	void should_say_what_to_configure_when_a_tenant_has_no_model() {
		Api.admin().body(Map.of("id", "no-model", "name", "no model")).post("/api/v1/admin/tenants");
		String conversation = Api.admin("no-model").body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		List<Sse.Event> events = Sse.parse(Api.admin("no-model").accept("text/event-stream").body(Api.text("hello?"))
				.post("/api/v1/conversations/" + conversation + "/messages").asString());
		assertThat(Sse.types(events)).containsExactly("RUN_STARTED", "RUN_ERROR");
		assertThat(events.get(1).data().path("code").asText()).isEqualTo("no_model_configured");
		assertThat(events.get(1).data().path("message").asText()).contains("SWITCHBOARD_OPENAI_BASE_URL");
	}

	private static List<Sse.Event> post(String conversation, Map<String, Object> message) {
		return Sse.parse(Api.admin().accept("text/event-stream").body(message)
				.post("/api/v1/conversations/" + conversation + "/messages").then().statusCode(200).extract().asString());
	}

	private static void awaitMessages(String conversation, int count) {
		for (int i = 0; i < 100; i++) {
			int now = Api.admin().get("/api/v1/conversations/" + conversation).then().extract().path("messages.size()");
			if (now == count) {
				return;
			}
			try {
				Thread.sleep(100);
			} catch (InterruptedException e) {
				throw new AssertionError(e);
			}
		}
		throw new AssertionError("conversation never reached " + count + " messages");
	}
}
