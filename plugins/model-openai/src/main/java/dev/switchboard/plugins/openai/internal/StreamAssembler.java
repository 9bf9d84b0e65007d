package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
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
	private final Map<Integer, PartialCall> calls = new TreeMap<>();
	private String finishReason;
	private TokenUsage usage = TokenUsage.UNKNOWN;
	private String model;

	public StreamAssembler(ChatStreamListener listener) {
		this.listener = listener;
	}

	/** Takes one chunk ({@code chat.completion.chunk}), telling the listener its text and tool-call fragments. */
	public void accept(JsonNode chunk) {
		if (chunk.path("model").isTextual()) {
			model = chunk.path("model").textValue();
		}
		if (chunk.path("usage").isObject()) {
			usage = ChatResponses.usage(chunk.path("usage"));
		}
		// Lenient on purpose: some servers (vLLM) send the usage chunk with "choices": null.
		for (JsonNode choice : chunk.path("choices")) {
			JsonNode delta = choice.path("delta");
			String content = delta.path("content").textValue();
			if (content != null && !content.isEmpty()) {
				text.append(content);
				listener.onTextDelta(content);
			}
			delta.path("tool_calls").forEach(this::acceptToolCall);
			if (choice.path("finish_reason").isTextual()) {
				finishReason = choice.path("finish_reason").textValue();
			}
		}
	}

	private void acceptToolCall(JsonNode fragment) {
		int index = fragment.path("index").asInt();
		PartialCall call = calls.computeIfAbsent(index, unused -> new PartialCall());
		JsonNode function = fragment.path("function");
		// Only the first fragment of a call names it, whatever the server repeats.
		String id = call.id == null ? fragment.path("id").textValue() : null;
		String name = call.name == null ? function.path("name").textValue() : null;
		String arguments = function.path("arguments").asText("");
		call.id = call.id == null ? id : call.id;
		call.name = call.name == null ? name : call.name;
		call.arguments.append(arguments);
		listener.onToolCallDelta(new ToolCallDelta(index, id, name, arguments));
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
