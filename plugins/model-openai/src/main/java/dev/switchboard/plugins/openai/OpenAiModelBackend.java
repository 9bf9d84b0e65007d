package dev.switchboard.plugins.openai;

import dev.switchboard.plugins.openai.internal.ChatRequests;
import dev.switchboard.plugins.openai.internal.ChatResponses;
import dev.switchboard.plugins.openai.internal.StreamAssembler;
import dev.switchboard.plugins.openai.internal.client.ChatCompletionsClient;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
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

	private final ChatCompletionsClient client;
	private final ModelInfo info;
	private final Duration maxTimeout;

	OpenAiModelBackend(ChatCompletionsClient client, ModelInfo info, Duration maxTimeout) {
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
			return ChatResponses.result(client.complete(ChatRequests.body(info.model(), call, false), timeout));
		} catch (RuntimeException e) {
			throw asPluginException(e);
		}
	}

	@Override
	public void stream(ChatCall call, CallContext context, ChatStreamListener listener) {
		Duration timeout = timeout(context);
		ChatResult result;
		try {
			checkSupported(call);
			StreamAssembler assembler = new StreamAssembler(listener);
			client.stream(ChatRequests.body(info.model(), call, true), timeout, assembler::accept);
			result = assembler.result();
		} catch (RuntimeException e) {
			listener.onError(asPluginException(e));
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

	// Anything else thrown while reading an answer means the answer was not what the API promises.
	private static PluginException asPluginException(RuntimeException e) {
		return e instanceof PluginException plugin ? plugin
				: new UpstreamUnavailableException("upstream answer could not be read", e);
	}
}
