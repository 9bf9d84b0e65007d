package dev.switchboard.sdk.testkit.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeOpenAiUpstreamTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private final HttpClient http = HttpClient.newHttpClient();
	private final FakeOpenAiUpstream upstream = FakeOpenAiUpstream.start();

	@AfterEach
	void stop() {
		upstream.close();
	}

	@Test
	void should_answer_a_chat_completion_object() throws Exception {
		upstream.enqueue(Reply.text("Hel", "lo").withUsage(9, 2));

		JsonNode body = JSON.readTree(post("{\"model\":\"m1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
				.body());

		assertThat(body.path("object").asText()).isEqualTo("chat.completion");
		assertThat(body.path("model").asText()).isEqualTo("m1");
		JsonNode choice = body.path("choices").get(0);
		assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello");
		assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
		assertThat(body.path("usage")).isEqualTo(JSON.readTree(
				"{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}"));
		assertThat(upstream.lastRequest().body().path("model").asText()).isEqualTo("m1");
	}

	@Test
	void should_stream_chunks_tool_call_fragments_usage_and_done() throws Exception {
		upstream.enqueue(Reply.toolCalls(Reply.ScriptedToolCall.of("call_1", "get_weather", "{\"ci", "ty\":1}")));

		List<String> events = post("{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
				+ "\"messages\":[]}").body().lines().filter(line -> line.startsWith("data: ")).toList();

		assertThat(events).last().isEqualTo("data: [DONE]");
		List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(e -> read(e.substring(6))).toList();
		assertThat(chunks).allSatisfy(c -> assertThat(c.path("object").asText()).isEqualTo("chat.completion.chunk"));
		assertThat(chunks.get(1).at("/choices/0/delta/tool_calls/0")).isEqualTo(read(
				"{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}"));
		assertThat(chunks.get(2).at("/choices/0/delta/tool_calls/0")).isEqualTo(read(
				"{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}"));
		assertThat(chunks.get(4).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
		assertThat(chunks.get(5).path("choices")).isEmpty();
		assertThat(chunks.get(5).at("/usage/total_tokens").asInt()).isPositive();
	}

	@Test
	void should_answer_errors_in_openai_shape_with_retry_after() throws Exception {
		upstream.enqueue(Reply.error(429, "Rate limit reached").withRetryAfter("3"));

		HttpResponse<String> response = post("{\"model\":\"m\",\"messages\":[]}");

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).contains("3");
		assertThat(read(response.body())).isEqualTo(read("{\"error\":{\"message\":\"Rate limit reached\","
				+ "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"));
	}

	@Test
	void should_echo_the_last_user_message_by_default_and_list_models() throws Exception {
		JsonNode body = read(post("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"ping pong\"}]}")
				.body());
		JsonNode models = read(http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/models")).build(),
				HttpResponse.BodyHandlers.ofString()).body());

		assertThat(body.at("/choices/0/message/content").asText()).isEqualTo("ping pong");
		assertThat(models.at("/data/0/id").asText()).isEqualTo("gpt-4o-mini");
		assertThat(upstream.requestCount()).isEqualTo(2);
	}

	private HttpResponse<String> post(String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
				.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		} catch (Exception e) {
			throw new IllegalArgumentException(json, e);
		}
	}
}
