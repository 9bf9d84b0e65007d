package dev.switchboard.core.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI's own Java SDK, which nobody here wrote, uses Switchboard as its base URL. */
@QuarkusTest
class OfficialOpenAiClientTest {

	@ConfigProperty(name = "quarkus.http.test-port")
	int port;

	private FakeOpenAiUpstream upstream;
	private OpenAIClient client;

	@BeforeEach
	void client() {
		upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		client = OpenAIOkHttpClient.builder().baseUrl("http://localhost:" + port + "/v1").apiKey(Api.ADMIN_KEY)
				.maxRetries(0).timeout(Duration.ofSeconds(30)).build();
	}

	@Test
	void should_complete_a_chat() {
		upstream.enqueue(Reply.text("Hello", " from Switchboard"));
		ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
				.model("auto").addSystemMessage("Be brief.").addUserMessage("Say hello").build());
		assertThat(completion.choices().get(0).message().content()).contains("Hello from Switchboard");
		assertThat(completion.usage()).hasValueSatisfying(u -> assertThat(u.completionTokens()).isPositive());
		assertThat(upstream.lastRequest().body().path("messages").get(0).path("role").asText()).isEqualTo("system");
	}

	@Test
	void should_stream_a_chat_with_usage() {
		upstream.enqueue(Reply.text("One", " two", " three"));
		StringBuilder text = new StringBuilder();
		List<ChatCompletionChunk> chunks = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
				ChatCompletionCreateParams.builder().model("fake-model").addUserMessage("Count")
						.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
			stream.stream().forEach(chunk -> {
				chunks.add(chunk);
				chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
			});
		}
		assertThat(text.toString()).isEqualTo("One two three");
		assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
	}

	@Test
	void should_stream_tool_call_deltas() {
		upstream.enqueue(Reply.toolCalls(Reply.ScriptedToolCall.of("call_7", "find_contact", "{\"email\":", "\"ada@x.io\"}")));
		StringBuilder arguments = new StringBuilder();
		List<String> names = new ArrayList<>();
		try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
				ChatCompletionCreateParams.builder().model("auto").addUserMessage("Find Ada").build())) {
			stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().toolCalls().ifPresent(calls -> calls
					.forEach(call -> call.function().ifPresent(f -> {
						f.name().ifPresent(names::add);
						f.arguments().ifPresent(arguments::append);
					})))));
		}
		assertThat(names).containsExactly("find_contact");
		assertThat(arguments.toString()).isEqualTo("{\"email\":\"ada@x.io\"}");
	}

	@Test
	void should_surface_errors_as_the_sdk_exceptions() {
		upstream.enqueue(Reply.error(429, "Rate limit reached").withRetryAfter("3"));
		assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder().model("auto")
				.addUserMessage("hi").build())).isInstanceOfSatisfying(RateLimitException.class,
						e -> assertThat(e.headers().values("Retry-After")).containsExactly("3"));
		assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
				.model("no-such-model").addUserMessage("hi").build())).isInstanceOfSatisfying(NotFoundException.class,
						e -> assertThat(e.code()).contains("model_not_found"));
		OpenAIClient stranger = OpenAIOkHttpClient.builder().baseUrl("http://localhost:" + port + "/v1")
				.apiKey("sk-wrong").maxRetries(0).build();
		assertThatThrownBy(() -> stranger.chat().completions().create(ChatCompletionCreateParams.builder().model("auto")
				.addUserMessage("hi").build())).isInstanceOf(UnauthorizedException.class);
	}

	@Test
	void should_list_models() {
		assertThat(client.models().list().data()).extracting(m -> m.id()).contains("auto", "default", "fake-model");
	}
}
