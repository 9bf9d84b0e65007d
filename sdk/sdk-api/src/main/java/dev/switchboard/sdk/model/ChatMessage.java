package dev.switchboard.sdk.model;

import java.util.List;
import java.util.Objects;

/**
 * One message of a chat call.
 *
 * @param role       who said it
 * @param parts      its content; may be empty for an assistant message that only calls tools
 * @param toolCalls  tool calls an assistant message made; empty otherwise
 * @param toolCallId for a {@link Role#TOOL} message, the id of the call it answers; {@code null} otherwise
 */
public record ChatMessage(Role role, List<ContentPart> parts, List<ToolCall> toolCalls, String toolCallId) {

	/** The author of a message. */
	public enum Role {
		SYSTEM, USER, ASSISTANT, TOOL
	}

	public ChatMessage {
		Objects.requireNonNull(role, "role");
		parts = List.copyOf(parts);
		toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
		if (role == Role.TOOL && toolCallId == null) {
			throw new IllegalArgumentException("a TOOL message needs the toolCallId it answers");
		}
	}

	public static ChatMessage system(String text) {
		return new ChatMessage(Role.SYSTEM, List.of(new ContentPart.Text(text)), List.of(), null);
	}

	public static ChatMessage user(String text) {
		return new ChatMessage(Role.USER, List.of(new ContentPart.Text(text)), List.of(), null);
	}

	public static ChatMessage user(List<ContentPart> parts) {
		return new ChatMessage(Role.USER, parts, List.of(), null);
	}

	public static ChatMessage assistant(String text) {
		return new ChatMessage(Role.ASSISTANT, List.of(new ContentPart.Text(text)), List.of(), null);
	}

	public static ChatMessage assistantToolCalls(List<ToolCall> calls) {
		return new ChatMessage(Role.ASSISTANT, List.of(), calls, null);
	}

	public static ChatMessage toolResult(String toolCallId, String resultJson) {
		return new ChatMessage(Role.TOOL, List.of(new ContentPart.Text(resultJson)), List.of(), toolCallId);
	}

	/** The concatenated text parts. */
	public String text() {
		StringBuilder text = new StringBuilder();
		parts.forEach(p -> {
			if (p instanceof ContentPart.Text t) {
				text.append(t.text());
			}
		});
		return text.toString();
	}

	/** Whether any part is an image. */
	public boolean hasImage() {
		return parts.stream().anyMatch(ContentPart.Image.class::isInstance);
	}
}
