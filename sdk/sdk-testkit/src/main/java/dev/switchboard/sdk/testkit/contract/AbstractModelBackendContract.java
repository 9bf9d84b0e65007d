package dev.switchboard.sdk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.FinishReason;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolCallDelta;
import dev.switchboard.sdk.model.ToolDefinition;
import dev.switchboard.sdk.testkit.RecordingStreamListener;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every model backend meets, as a JUnit 5 suite. A plugin subclasses it once per backend, supplies the
 * backend under test and scripts its upstream (typically a {@link dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream}
 * or a WireMock server) through the {@code given...} hooks; the suite then checks answers, streaming order and the
 * single terminal event, tool calls, images and the error mapping. Tests of a capability the backend does not declare
 * in {@link ModelBackend#info()} are skipped, not failed.
 *
 * <p>Lifecycle: a fresh backend is created before each test with {@link #createBackend()} and closed after it. Each
 * {@code given...} hook scripts exactly the next upstream call.
 */
public abstract class AbstractModelBackendContract {

	/** The tool the contract offers on tool-calling tests. */
	protected static final ToolDefinition WEATHER_TOOL = new ToolDefinition("get_weather",
			"Gets the current weather for a city.",
			"{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");

	/** A 1x1 red PNG, for the vision test. */
	protected static final ContentPart.Image RED_DOT = new ContentPart.Image("image/png", Base64.getDecoder().decode(
			"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="));

	private ModelBackend backend;

	/** Creates the backend under test, pointed at the scripted upstream. Called before each test. */
	protected abstract ModelBackend createBackend();

	/** Scripts the next upstream call to answer with this text, streamed as these chunks in order. */
	protected abstract void givenTextAnswer(String... chunks);

	/**
	 * Scripts the next upstream call to answer with these tool calls (and no text); a streaming upstream should send
	 * each call's arguments in more than one fragment.
	 */
	protected abstract void givenToolCallAnswer(List<ToolCall> calls);

	/**
	 * Scripts the next upstream call to fail with this HTTP status.
	 *
	 * @param status     the HTTP status
	 * @param message    the vendor's error message
	 * @param retryAfter the {@code Retry-After} header to send, or {@code null}
	 */
	protected abstract void givenUpstreamError(int status, String message, String retryAfter);

	@BeforeEach
	final void createBackendUnderTest() {
		backend = createBackend();
	}

	@AfterEach
	final void closeBackendUnderTest() throws Exception {
		backend.close();
	}

	/** The backend of the running test. */
	protected final ModelBackend backend() {
		return backend;
	}

	/** A call context with a generous time budget; the contract never relies on it running out. */
	protected static CallContext context() {
		return new CallContext("contract-tenant", UUID.randomUUID().toString(), Duration.ofSeconds(30));
	}

	@Test
	void should_answer_a_chat_with_text_and_usage() {
		givenTextAnswer("Hello", ", ", "world", "!");

		ChatResult result = backend.chat(ChatCall.of(List.of(ChatMessage.user("Say hello"))), context());

		assertThat(result.text()).isEqualTo("Hello, world!");
		assertThat(result.toolCalls()).isEmpty();
		assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(result.usage().inputTokens()).isPositive();
		assertThat(result.usage().outputTokens()).isPositive();
	}

	@Test
	void should_stream_text_deltas_in_order_then_complete_exactly_once() {
		assumeTrue(backend.info().can(Capability.STREAMING), "backend does not declare STREAMING");
		givenTextAnswer("The ", "quick ", "brown ", "fox");
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(ChatCall.of(List.of(ChatMessage.user("Tell me about foxes"))), context(), listener);

		assertThat(listener.isDone()).as("stream returns only after the terminal event").isTrue();
		assertThat(listener.violations()).isEmpty();
		assertThat(listener.errors()).isEmpty();
		assertThat(listener.textDeltas()).containsExactly("The ", "quick ", "brown ", "fox");
		assertThat(listener.completions()).hasSize(1);
		assertThat(listener.events()).last().isEqualTo("complete");
		ChatResult result = listener.result().orElseThrow();
		assertThat(result.text()).isEqualTo(listener.text());
		assertThat(result.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(result.usage().totalTokens()).isPositive();
	}

	@Test
	void should_end_every_stream_with_one_complete_carrying_the_whole_text() {
		givenTextAnswer("one ", "two ", "three");
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(ChatCall.of(List.of(ChatMessage.user("Count to three"))), context(), listener);

		assertThat(listener.isDone()).as("stream returns only after the terminal event").isTrue();
		assertThat(listener.violations()).isEmpty();
		assertThat(listener.completions()).hasSize(1);
		assertThat(listener.errors()).isEmpty();
		assertThat(listener.result().orElseThrow().text()).isEqualTo("one two three");
		assertThat(listener.text()).isIn("", "one two three");
	}

	@Test
	void should_return_tool_calls_from_chat() {
		assumeTrue(backend.info().can(Capability.TOOLS), "backend does not declare TOOLS");
		List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
		givenToolCallAnswer(calls);

		ChatResult result = backend.chat(toolCall(), context());

		assertThat(result.toolCalls()).containsExactlyElementsOf(calls);
		assertThat(result.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
	}

	@Test
	void should_assemble_streamed_tool_call_deltas_into_complete_tool_calls() {
		assumeTrue(backend.info().can(Capability.TOOLS), "backend does not declare TOOLS");
		assumeTrue(backend.info().can(Capability.STREAMING), "backend does not declare STREAMING");
		List<ToolCall> calls = List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
				new ToolCall("call_2", "get_weather", "{\"city\":\"Lisbon\"}"));
		givenToolCallAnswer(calls);
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(toolCall(), context(), listener);

		assertThat(listener.violations()).isEmpty();
		assertThat(listener.errors()).isEmpty();
		assertThat(listener.completions()).hasSize(1);
		assertThat(listener.toolCallDeltas()).hasSizeGreaterThan(calls.size());
		for (int index = 0; index < calls.size(); index++) {
			int i = index;
			ToolCallDelta first = listener.toolCallDeltas().stream().filter(d -> d.index() == i).findFirst()
					.orElseThrow();
			assertThat(first.id()).as("first fragment of call %d carries its id", i).isEqualTo(calls.get(i).id());
			assertThat(first.name()).as("first fragment of call %d carries its name", i).isEqualTo(calls.get(i).name());
		}
		assertThat(listener.assembledToolCalls()).containsExactlyElementsOf(calls);
		ChatResult result = listener.result().orElseThrow();
		assertThat(result.toolCalls()).containsExactlyElementsOf(calls);
		assertThat(result.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
	}

	@Test
	void should_accept_tool_results_in_the_conversation() {
		assumeTrue(backend.info().can(Capability.TOOLS), "backend does not declare TOOLS");
		givenTextAnswer("It is sunny in Paris.");
		ToolCall call = new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}");
		ChatCall conversation = new ChatCall(List.of(ChatMessage.user("Weather in Paris?"),
				ChatMessage.assistantToolCalls(List.of(call)), ChatMessage.toolResult("call_1", "{\"sky\":\"sunny\"}")),
				List.of(WEATHER_TOOL), null, null);

		ChatResult result = backend.chat(conversation, context());

		assertThat(result.text()).isEqualTo("It is sunny in Paris.");
	}

	@Test
	void should_accept_image_parts_when_vision_is_declared() {
		assumeTrue(backend.info().can(Capability.VISION), "backend does not declare VISION");
		givenTextAnswer("A red dot.");

		ChatResult result = backend.chat(imageCall(), context());

		assertThat(result.text()).isEqualTo("A red dot.");
	}

	@Test
	void should_refuse_image_parts_when_vision_is_not_declared() {
		assumeFalse(backend.info().can(Capability.VISION), "backend declares VISION");
		givenTextAnswer("unused");

		Throwable error = catchThrowableOfType(PluginException.class, () -> backend.chat(imageCall(), context()));

		assertThat(error).isInstanceOf(UnsupportedFeatureException.class);
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 401, 404, 429, 500 })
	void should_map_upstream_errors_to_sdk_exceptions(int status) {
		givenUpstreamError(status, "scripted failure", status == 429 ? "7" : null);

		PluginException error = catchThrowableOfType(PluginException.class,
				() -> backend.chat(ChatCall.of(List.of(ChatMessage.user("Hi"))), context()));

		assertExpectedError(status, error);
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 401, 404, 429, 500 })
	void should_report_upstream_errors_to_on_error_exactly_once_when_streaming(int status) {
		givenUpstreamError(status, "scripted failure", status == 429 ? "7" : null);
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(ChatCall.of(List.of(ChatMessage.user("Hi"))), context(), listener);

		assertThat(listener.isDone()).as("stream returns only after the terminal event").isTrue();
		assertThat(listener.violations()).isEmpty();
		assertThat(listener.completions()).isEmpty();
		assertThat(listener.errors()).hasSize(1);
		assertExpectedError(status, listener.errors().get(0));
	}

	private static void assertExpectedError(int status, PluginException error) {
		assertThat(error).as("HTTP %d", status).isNotNull();
		switch (status) {
			case 401 -> assertThat(error).isInstanceOf(AuthenticationException.class);
			case 404 -> assertThat(error).isInstanceOf(NotFoundException.class);
			case 429 -> {
				assertThat(error).isInstanceOf(RateLimitException.class);
				assertThat(((RateLimitException) error).retryAfter()).contains(Duration.ofSeconds(7));
			}
			default -> assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		}
		assertThat(error.retriable()).isEqualTo(status == 429 || status >= 500);
	}

	private static ChatCall toolCall() {
		return new ChatCall(List.of(ChatMessage.user("What is the weather in Paris and Lisbon?")),
				List.of(WEATHER_TOOL), null, null);
	}

	private static ChatCall imageCall() {
		return ChatCall.of(List.of(ChatMessage.user(List.of(new ContentPart.Text("What is in this image?"), RED_DOT))));
	}
}
