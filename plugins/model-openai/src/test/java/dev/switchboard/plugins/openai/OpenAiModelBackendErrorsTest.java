package dev.switchboard.plugins.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.testkit.RecordingStreamListener;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every upstream failure becomes the SDK exception with the right type, code and retriability. */
class OpenAiModelBackendErrorsTest {

	private static final ChatCall HI = ChatCall.of(List.of(ChatMessage.user("Hi")));

	private FakeOpenAiUpstream upstream;
	private ModelBackend backend;

	@BeforeEach
	void start() {
		upstream = FakeOpenAiUpstream.start();
		backend = OpenAiBackends.against(upstream, Map.of());
	}

	@AfterEach
	void stop() {
		backend.close();
		upstream.close();
	}

	static Stream<Arguments> statuses() {
		return Stream.of(
				Arguments.of(400, InvalidRequestException.class, "upstream_invalid_request", false),
				Arguments.of(401, AuthenticationException.class, "upstream_auth_failed", false),
				Arguments.of(403, AuthenticationException.class, "upstream_auth_failed", false),
				Arguments.of(404, NotFoundException.class, "upstream_not_found", false),
				Arguments.of(429, RateLimitException.class, "upstream_rate_limited", true),
				Arguments.of(500, UpstreamUnavailableException.class, "upstream_unavailable", true),
				Arguments.of(503, UpstreamUnavailableException.class, "upstream_unavailable", true));
	}

	@ParameterizedTest(name = "HTTP {0} -> {2}")
	@MethodSource("statuses")
	void should_map_each_status_to_its_sdk_exception(int status, Class<? extends PluginException> type, String code,
			boolean retriable) {
		upstream.enqueue(Reply.error(status, "scripted " + status));

		PluginException error = catchThrowableOfType(PluginException.class, () -> backend.chat(HI, context(30)));

		assertThat(error).isInstanceOf(type);
		assertThat(error.code()).isEqualTo(code);
		assertThat(error.retriable()).isEqualTo(retriable);
		assertThat(error.getMessage()).contains(String.valueOf(status)).contains("scripted " + status);
	}

	@ParameterizedTest(name = "HTTP {0} -> {2}")
	@MethodSource("statuses")
	void should_report_each_status_once_to_on_error_when_streaming(int status, Class<? extends PluginException> type,
			String code, boolean retriable) {
		upstream.enqueue(Reply.error(status, "scripted " + status));
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(HI, context(30), listener);

		assertThat(listener.errors()).singleElement().isInstanceOf(type);
		assertThat(listener.completions()).isEmpty();
	}

	@Test
	void should_carry_retry_after_seconds_on_rate_limit() {
		upstream.enqueue(Reply.error(429, "Rate limit reached for gpt-4o-mini").withRetryAfter("12"));

		RateLimitException error = catchThrowableOfType(RateLimitException.class, () -> backend.chat(HI, context(30)));

		assertThat(error.retryAfter()).contains(Duration.ofSeconds(12));
	}

	@Test
	void should_time_out_when_the_upstream_hangs_past_the_call_budget() {
		upstream.enqueue(Reply.text("late").withDelay(Duration.ofSeconds(30)));

		PluginException error = catchThrowableOfType(PluginException.class, () -> backend.chat(HI, context(1)));

		assertThat(error).isInstanceOf(UpstreamTimeoutException.class);
		assertThat(error.code()).isEqualTo("upstream_timeout");
	}

	@Test
	void should_time_out_a_stream_through_on_error() {
		upstream.enqueue(Reply.text("late").withDelay(Duration.ofSeconds(30)));
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(HI, context(1), listener);

		assertThat(listener.errors()).singleElement().isInstanceOf(UpstreamTimeoutException.class);
	}

	@Test
	void should_report_a_cut_stream_as_unavailable_after_the_deltas_it_got() {
		upstream.enqueue(Reply.text("one ", "two ", "three").withCutAfter(2));
		RecordingStreamListener listener = new RecordingStreamListener();

		backend.stream(HI, context(30), listener);

		assertThat(listener.textDeltas()).containsExactly("one ", "two ");
		assertThat(listener.completions()).isEmpty();
		assertThat(listener.errors()).singleElement().isInstanceOf(UpstreamUnavailableException.class);
		assertThat(listener.violations()).isEmpty();
	}

	@Test
	void should_report_an_unreachable_upstream_as_unavailable() {
		int port = upstream.port();
		upstream.close();
		ModelBackend unreachable = OpenAiBackends.against(upstream, Map.of("baseUrl", "http://127.0.0.1:" + port + "/v1"));

		PluginException error = catchThrowableOfType(PluginException.class, () -> unreachable.chat(HI, context(30)));

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		unreachable.close();
	}

	private static CallContext context(int seconds) {
		return new CallContext("tenant-a", "req-1", Duration.ofSeconds(seconds));
	}
}
