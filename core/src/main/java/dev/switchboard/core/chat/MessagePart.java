package dev.switchboard.core.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * A stored part of a message, kept as JSON in the message row: text, an image (by attachment id), a tool call the
 * model made, or the result of one (what the model was told, under the call's id).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagePart(String type, String text, UUID attachmentId, String mediaType, String toolCallId,
		String name, String arguments) {

	public static final String TEXT = "text";
	public static final String IMAGE = "image";
	public static final String TOOL_CALL = "tool_call";
	public static final String TOOL_RESULT = "tool_result";

	public static MessagePart text(String text) {
		return new MessagePart(TEXT, text, null, null, null, null, null);
	}

	public static MessagePart image(UUID attachmentId, String mediaType) {
		return new MessagePart(IMAGE, null, attachmentId, mediaType, null, null, null);
	}

	public static MessagePart toolCall(String id, String name, String arguments) {
		return new MessagePart(TOOL_CALL, null, null, null, id, name, arguments);
	}

	public static MessagePart toolResult(String toolCallId, String content) {
		return new MessagePart(TOOL_RESULT, content, null, null, toolCallId, null, null);
	}
}
