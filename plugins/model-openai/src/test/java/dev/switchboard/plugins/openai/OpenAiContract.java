package dev.switchboard.plugins.openai;

import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.testkit.contract.AbstractModelBackendContract;
import dev.switchboard.sdk.testkit.openai.FakeOpenAiUpstream;
import dev.switchboard.sdk.testkit.openai.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SDK contract run against an OpenAI backend on the fake upstream; subclasses choose the backend's settings. */
abstract class OpenAiContract extends AbstractModelBackendContract {

	static FakeOpenAiUpstream upstream;

	@BeforeAll
	static void startUpstream() {
		upstream = FakeOpenAiUpstream.start();
	}

	@AfterAll
	static void stopUpstream() {
		upstream.close();
	}

	/** Settings over the defaults of {@link OpenAiBackends#against}. */
	protected abstract Map<String, String> settings();

	@Override
	protected ModelBackend createBackend() {
		upstream.reset();
		return OpenAiBackends.against(upstream, settings());
	}

	@Override
	protected void givenTextAnswer(String... chunks) {
		upstream.enqueue(Reply.text(chunks));
	}

	@Override
	protected void givenToolCallAnswer(List<ToolCall> calls) {
		upstream.enqueue(Reply.toolCalls(calls.stream().map(OpenAiContract::fragmented)
				.toArray(Reply.ScriptedToolCall[]::new)));
	}

	@Override
	protected void givenUpstreamError(int status, String message, String retryAfter) {
		upstream.enqueue(Reply.error(status, message).withRetryAfter(retryAfter));
	}

	// Arguments in 4-character fragments, as OpenAI streams them.
	private static Reply.ScriptedToolCall fragmented(ToolCall call) {
		List<String> fragments = new ArrayList<>();
		for (int i = 0; i < call.arguments().length(); i += 4) {
			fragments.add(call.arguments().substring(i, Math.min(call.arguments().length(), i + 4)));
		}
		return new Reply.ScriptedToolCall(call.id(), call.name(), fragments);
	}
}
