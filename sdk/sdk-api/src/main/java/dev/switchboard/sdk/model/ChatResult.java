package dev.switchboard.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * A model's complete answer.
 *
 * @param text         the answer text; empty when it only calls tools
 * @param toolCalls    the tools it wants called, in order; empty for none
 * @param finishReason why it stopped
 * @param usage        tokens used
 * @param model        the model that answered, as the upstream named it
 */
public record ChatResult(String text, List<ToolCall> toolCalls, FinishReason finishReason, TokenUsage usage,
		String model) {

	public ChatResult {
		text = text == null ? "" : text;
		toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
		Objects.requireNonNull(finishReason, "finishReason");
		usage = usage == null ? TokenUsage.UNKNOWN : usage;
	}
}
