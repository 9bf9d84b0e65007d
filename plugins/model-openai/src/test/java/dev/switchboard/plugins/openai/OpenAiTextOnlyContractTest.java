package dev.switchboard.plugins.openai;

import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.testkit.contract.AbstractModelBackendContract;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract for a backend configured with streaming only, without tools or vision (e.g. a small local model), and without a key. */
class OpenAiTextOnlyContractTest extends AbstractModelBackendContract {

	static FakeOpenAiUpstream upstream;

	@BeforeAll
	static void startUpstream() {
		upstream = FakeOpenAiUpstream.start();
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	@Override
	protected ModelBackend createBackend() {
		upstream.reset();
		return OpenAiBackends.against(upstream, Map.of("capabilities", "streaming", "apiKey", ""));
	}

	@Override
	protected void givenTextAnswer(String... chunks) {
		upstream.enqueue(Reply.text(chunks));
	}

	@Override
	protected void givenToolCallAnswer(List<ToolCall> calls) {
		upstream.enqueue(Reply.toolCalls(calls.stream()
				.map(call -> Reply.ScriptedToolCall.of(call.id(), call.name(), call.arguments()))
				.toArray(Reply.ScriptedToolCall[]::new)));
	}

	@Override
	protected void givenUpstreamError(int status, String message, String retryAfter) {
		upstream.enqueue(Reply.error(status, message).withRetryAfter(retryAfter));
	}
}
