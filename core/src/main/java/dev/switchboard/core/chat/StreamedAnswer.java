package dev.switchboard.core.chat;

import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ChatStreamListener;
import dev.switchboard.sdk.model.ToolCallDelta;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a backend's stream into run events as it arrives, and keeps the outcome for the run to persist. The
 * backend calls it from one thread at a time; the run reads the outcome after {@code stream} returned.
 */
final class StreamedAnswer implements ChatStreamListener {

	private final RunStream stream;
	private final EventJson json;
	private final UUID messageId;
	private final Map<Integer, String> toolCallIds = new HashMap<>();
	private final Set<String> openToolCalls = new LinkedHashSet<>();
	private boolean textOpen;
	private boolean textStreamed;
	private volatile ChatResult result;
	private volatile PluginException error;

	StreamedAnswer(RunStream stream, EventJson json, UUID messageId) {
		this.stream = stream;
		this.json = json;
		this.messageId = messageId;
	}

	@Override
	public void onTextDelta(String delta) {
		if (delta == null || delta.isEmpty()) {
			return;
		}
		openText();
		textStreamed = true;
		stream.append("TEXT_MESSAGE_CONTENT", json.textContent(messageId, delta));
	}

	@Override
	public void onToolCallDelta(ToolCallDelta delta) {
		String id = toolCallIds.get(delta.index());
		if (id == null) {
			id = delta.id() != null ? delta.id() : "call_" + messageId + "_" + delta.index();
			toolCallIds.put(delta.index(), id);
			openToolCalls.add(id);
			stream.append("TOOL_CALL_START", json.toolCallStart(messageId, id, delta.name()));
		}
		if (delta.argumentsDelta() != null && !delta.argumentsDelta().isEmpty()) {
			stream.append("TOOL_CALL_ARGS", json.toolCallArgs(id, delta.argumentsDelta()));
		}
	}

	@Override
	public void onComplete(ChatResult result) {
		this.result = result;
	}

	@Override
	public void onError(PluginException error) {
		this.error = error;
	}

	/** Emits the closing events of what was opened; a backend that did not stream gets its text sent whole. */
	void close() {
		if (result != null && !textStreamed && !result.text().isEmpty()) {
			openText();
			stream.append("TEXT_MESSAGE_CONTENT", json.textContent(messageId, result.text()));
		}
		if (textOpen) {
			stream.append("TEXT_MESSAGE_END", json.textEnd(messageId));
			textOpen = false;
		}
		openToolCalls.forEach(id -> stream.append("TOOL_CALL_END", json.toolCallEnd(id)));
		openToolCalls.clear();
	}

	private void openText() {
		if (!textOpen) {
			stream.append("TEXT_MESSAGE_START", json.textStart(messageId));
			textOpen = true;
		}
	}

	/** Whether anything reached the client: after that, another backend cannot take over invisibly. */
	boolean hasOutput() {
		return textStreamed || !toolCallIds.isEmpty();
	}

	ChatResult result() {
		return result;
	}

	PluginException error() {
		return error;
	}
}
