package dev.switchboard.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolDefinition;
import dev.switchboard.sdk.testkit.RecordingStreamListener;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.RecordedRequest;
import dev.switchboard.sdk.testkit.openai.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request JSON matches OpenAI's documented Chat Completions shape. */
class OpenAiRequestWireTest {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final CallContext CONTEXT = new CallContext("tenant-a", "req-1", Duration.ofSeconds(30));
	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G' };
	private static final String SCHEMA = """
			{"type":"object","properties":{"city":{"type":"string","enum":["Paris","Lisbon"]}},\
			"required":["city"],"additionalProperties":false}""";

	private FakeOpenAiUpstream upstream;
	private ModelBackend backend;

	@BeforeEach
	void start() {
		upstream = FakeOpenAiUpstream.start().requireApiKey("sk-test");
		backend = OpenAiBackends.against(upstream, Map.of());
	}

	@AfterEach
	void stop() {
		backend.close();
		upstream.close();
	}

	@Test
	void should_send_messages_images_tools_and_tool_results_in_openai_shape() throws Exception {
		upstream.enqueue(Reply.text("ok"));
		ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
		ChatCall chat = new ChatCall(List.of(
				ChatMessage.system("Be brief."),
				ChatMessage.user(List.of(new ContentPart.Text("What is this?"), new ContentPart.Image("image/png", PNG))),
				ChatMessage.assistantToolCalls(List.of(call)),
				ChatMessage.toolResult("call_1", "{\"sky\":\"sunny\"}")),
				List.of(new ToolDefinition("get_weather", "Gets the weather.", SCHEMA)), 0.2, 256);

		backend.chat(chat, CONTEXT);

		RecordedRequest request = upstream.lastRequest();
		assertThat(request.path()).isEqualTo("/v1/chat/completions");
		assertThat(request.header("Authorization")).contains("Bearer sk-test");
		JsonNode body = request.body();
		assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
		assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
		assertThat(body.path("max_tokens").asInt()).isEqualTo(256);
		assertThat(body.has("stream") && body.path("stream").asBoolean()).isFalse();
		JsonNode messages = body.path("messages");
		assertThat(messages).hasSize(4);
		assertThat(messages.get(0)).isEqualTo(json("{\"role\":\"system\",\"content\":\"Be brief.\"}"));
		assertThat(messages.get(1)).isEqualTo(json("""
				{"role":"user","content":[{"type":"text","text":"What is this?"},
				 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw=="}}]}"""));
		assertThat(messages.get(2).path("role").asText()).isEqualTo("assistant");
		assertThat(messages.get(2).path("tool_calls")).isEqualTo(json("""
				[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]"""));
		assertThat(messages.get(3)).isEqualTo(json(
				"{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"{\\\"sky\\\":\\\"sunny\\\"}\"}"));
		assertThat(body.path("tools")).isEqualTo(json("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
				+ "\"description\":\"Gets the weather.\",\"parameters\":" + SCHEMA + "}}]"));
	}

	@Test
	void should_ask_for_a_stream_with_usage() {
		upstream.enqueue(Reply.text("ok"));

		backend.stream(ChatCall.of(List.of(ChatMessage.user("Hi"))), CONTEXT, new RecordingStreamListener());

		JsonNode body = upstream.lastRequest().body();
		assertThat(body.path("stream").asBoolean()).isTrue();
		assertThat(body.path("stream_options")).isEqualTo(json("{\"include_usage\":true}"));
		assertThat(body.path("messages")).isEqualTo(json("[{\"role\":\"user\",\"content\":\"Hi\"}]"));
		assertThat(body.has("tools")).isFalse();
	}

	private static JsonNode json(String text) {
		try {
			return JSON.readTree(text);
		} catch (Exception e) {
			throw new IllegalArgumentException(text, e);
		}
	}
}
