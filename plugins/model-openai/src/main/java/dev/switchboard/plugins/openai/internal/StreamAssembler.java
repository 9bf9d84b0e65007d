package dev.switchboard.plugins.openai.internal;

import com.openai.models.chat.completions.ChatCompletionChunk;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.TokenUsage;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolCallDelta;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Passes one stream's deltas to a listener as they arrive and assembles the whole answer. One per stream; used from
 * the one thread that reads the stream.
 */
public final class StreamAssembler {

	private final ChatStreamListener listener;
	private final StringBuilder text = new StringBuilder();
	private final Map<Long, PartialCall> calls = new TreeMap<>();
	private String finishReason;
	private TokenUsage usage = TokenUsage.UNKNOWN;
	private String model;

	public StreamAssembler(ChatStreamListener listener) {
		this.listener = listener;
	}

	/** Takes one chunk, telling the listener its text and tool-call fragments. */
	public void accept(ChatCompletionChunk chunk) {
		chunk._model().asString().ifPresent(name -> model = name);
		chunk.usage().ifPresent(reported -> usage = ChatResponses.usage(reported));
		// Lenient on purpose: some servers (vLLM) send the usage chunk with "choices": null.
		for (ChatCompletionChunk.Choice choice : chunk._choices().asKnown().orElse(List.of())) {
			ChatCompletionChunk.Choice.Delta delta = choice.delta();
			delta.content().filter(content -> !content.isEmpty()).ifPresent(content -> {
				text.append(content);
				listener.onTextDelta(content);
			});
			delta.toolCalls().ifPresent(fragments -> fragments.forEach(this::acceptToolCall));
			choice.finishReason().ifPresent(reason -> finishReason = reason.asString());
		}
	}

	private void acceptToolCall(ChatCompletionChunk.Choice.Delta.ToolCall fragment) {
		PartialCall call = calls.computeIfAbsent(fragment.index(), index -> new PartialCall());
		// Only the first fragment of a call names it, whatever the server repeats.
		String id = call.id == null ? fragment.id().orElse(null) : null;
		String name = call.name == null ? fragment.function().flatMap(f -> f.name()).orElse(null) : null;
		String arguments = fragment.function().flatMap(f -> f.arguments()).orElse("");
		call.id = call.id == null ? id : call.id;
		call.name = call.name == null ? name : call.name;
		call.arguments.append(arguments);
		listener.onToolCallDelta(new ToolCallDelta(Math.toIntExact(fragment.index()), id, name, arguments));
	}

	/**
	 * The assembled answer.
	 *
	 * @throws UpstreamUnavailableException when the stream ended before a finish reason arrived (a cut stream)
	 */
	public ChatResult result() {
		if (finishReason == null) {
			throw new UpstreamUnavailableException("the upstream stream ended before the answer was finished");
		}
		List<ToolCall> toolCalls = calls.values().stream()
				.map(call -> new ToolCall(call.id == null ? "" : call.id, call.name == null ? "" : call.name,
						call.arguments.toString()))
				.toList();
		return new ChatResult(text.toString(), toolCalls, ChatResponses.finishReason(finishReason), usage, model);
	}

	private static final class PartialCall {
		private String id;
		private String name;
		private final StringBuilder arguments = new StringBuilder();
	}
}
