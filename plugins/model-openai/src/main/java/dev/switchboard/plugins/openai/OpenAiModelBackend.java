package dev.switchboard.plugins.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.switchboard.plugins.openai.internal.ChatRequests;
import dev.switchboard.plugins.openai.internal.ChatResponses;
import dev.switchboard.plugins.openai.internal.OpenAiErrors;
import dev.switchboard.plugins.openai.internal.StreamAssembler;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.ModelBackend;
import dev.switchboard.sdk.model.ModelInfo;
import java.time.Duration;

/** One configured model behind an OpenAI-compatible server. Thread-safe: per-call state lives in locals. */
final class OpenAiModelBackend implements ModelBackend {

	private final OpenAIClient client;
	private final ModelInfo info;
	private final Duration maxTimeout;

	OpenAiModelBackend(OpenAIClient client, ModelInfo info, Duration maxTimeout) {
		this.client = client;
		this.info = info;
		this.maxTimeout = maxTimeout;
	}

	@Override
	public ModelInfo info() {
		return info;
	}

	@Override
	public ChatResult chat(ChatCall call, CallContext context) {
		checkSupported(call);
		Duration timeout = timeout(context);
		try {
			return ChatResponses.result(
					client.chat().completions().create(ChatRequests.params(info.model(), call, false), options(timeout)));
		} catch (RuntimeException e) {
			throw OpenAiErrors.map(e, timeout);
		}
	}

	@Override
	public void stream(ChatCall call, CallContext context, ChatStreamListener listener) {
		Duration timeout = timeout(context);
		ChatResult result;
		try {
			checkSupported(call);
			StreamAssembler assembler = new StreamAssembler(listener);
			try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions()
					.createStreaming(ChatRequests.params(info.model(), call, true), options(timeout))) {
				chunks.stream().forEach(assembler::accept);
			}
			result = assembler.result();
		} catch (RuntimeException e) {
			listener.onError(OpenAiErrors.map(e, timeout));
			return;
		}
		// Outside the try: a listener that throws from onComplete must not also receive onError.
		listener.onComplete(result);
	}

	@Override
	public void close() {
		client.close();
	}

	private void checkSupported(ChatCall call) {
		if (call.hasImage() && !info.can(Capability.VISION)) {
			throw new UnsupportedFeatureException("model " + info.model() + " is not configured to accept images");
		}
		if (!call.tools().isEmpty() && !info.can(Capability.TOOLS)) {
			throw new UnsupportedFeatureException("model " + info.model() + " is not configured to call tools");
		}
	}

	private Duration timeout(CallContext context) {
		return context.timeout().compareTo(maxTimeout) < 0 ? context.timeout() : maxTimeout;
	}

	/**
	 * Per-call options only when the call's budget is shorter than the client's: the SDK builds a new HTTP client
	 * for every call that overrides the timeout, which costs measurable CPU on the hot path.
	 */
	private RequestOptions options(Duration timeout) {
		return timeout.equals(maxTimeout) ? RequestOptions.none() : RequestOptions.builder().timeout(timeout).build();
	}
}
