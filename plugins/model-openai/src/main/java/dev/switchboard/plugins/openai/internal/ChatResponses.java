package dev.switchboard.plugins.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.FinishReason;
import dev.switchboard.sdk.model.TokenUsage;
import dev.switchboard.sdk.model.ToolCall;
import java.util.ArrayList;
import java.util.List;

/** Maps OpenAI Chat Completions answers to SDK results. Stateless. */
public final class ChatResponses {

	private ChatResponses() {
	}

	/** The result of a non-streaming answer ({@code chat.completion}). */
	public static ChatResult result(JsonNode completion) {
		JsonNode choice = completion.path("choices").path(0);
		if (!choice.isObject()) {
			throw new UpstreamUnavailableException("the upstream answered without a choice");
		}
		JsonNode message = choice.path("message");
		List<ToolCall> calls = new ArrayList<>();
		for (JsonNode call : message.path("tool_calls")) {
			if (call.path("type").asText("function").equals("function")) {
				JsonNode function = call.path("function");
				calls.add(new ToolCall(call.path("id").asText(), function.path("name").asText(),
						function.path("arguments").asText()));
			}
		}
		return new ChatResult(message.path("content").asText(""), List.copyOf(calls),
				finishReason(choice.path("finish_reason").asText("")), usage(completion.path("usage")),
				completion.path("model").textValue());
	}

	/** The usage an answer reports; {@link TokenUsage#UNKNOWN} when it reports none. */
	static TokenUsage usage(JsonNode usage) {
		return usage.isObject()
				? new TokenUsage(usage.path("prompt_tokens").asLong(), usage.path("completion_tokens").asLong())
				: TokenUsage.UNKNOWN;
	}

	static FinishReason finishReason(String reason) {
		return switch (reason) {
			case "stop" -> FinishReason.STOP;
			case "length" -> FinishReason.LENGTH;
			case "tool_calls", "function_call" -> FinishReason.TOOL_CALLS;
			case "content_filter" -> FinishReason.CONTENT_FILTER;
			default -> FinishReason.OTHER;
		};
	}
}
