package dev.switchboard.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * One request to a model.
 *
 * @param messages        the conversation so far, oldest first
 * @param tools           tools the model may call; empty for none
 * @param temperature     sampling temperature, or {@code null} for the backend's default
 * @param maxOutputTokens cap on the answer's length, or {@code null} for the backend's default
 */
public record ChatCall(List<ChatMessage> messages, List<ToolDefinition> tools, Double temperature,
		Integer maxOutputTokens) {

	public ChatCall {
		Objects.requireNonNull(messages, "messages");
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("a chat call needs at least one message");
		}
		messages = List.copyOf(messages);
		tools = tools == null ? List.of() : List.copyOf(tools);
	}

	/** A call with only messages and the backend's defaults. */
	public static ChatCall of(List<ChatMessage> messages) {
		return new ChatCall(messages, List.of(), null, null);
	}

	/** Whether any message carries an image. */
	public boolean hasImage() {
		return messages.stream().anyMatch(ChatMessage::hasImage);
	}
}
