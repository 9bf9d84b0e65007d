package dev.switchboard.core.chat;

import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conversation as the model sees it, built from the stored messages — the one place a model's history is
 * assembled, for new messages and continuations alike. Every reply with tool calls is followed by exactly one tool
 * message per call, in the calls' order, wherever its results were stored: the run that made the calls keeps the
 * results it had at once, and the run that continues the reply stores the outcomes that came later (a decision, a
 * client tool's result) as its first parts. A call that never got an outcome (the user moved on) is answered with
 * {@link #NO_RESULT}, so the history stays one every provider accepts.
 */
final class ModelHistory {

	/** How many earlier messages the model sees. */
	static final int LIMIT = 50;
	static final String NO_RESULT = "{\"status\":\"no_result\",\"note\":\"This call never completed: the conversation "
			+ "moved on before it had an outcome.\"}";

	private ModelHistory() {
	}

	/**
	 * The model's view of these messages, oldest first. Earlier images are named, not re-sent: the model saw them on
	 * their own turn, and re-sending every image on every turn would multiply cost. Of an answer that failed, only the
	 * tool results are kept: they record what did run.
	 */
	static List<ChatMessage> of(List<Message> messages) {
		List<Message> window = messages.subList(Math.max(0, messages.size() - LIMIT), messages.size());
		List<Object> entries = new ArrayList<>();
		for (Message m : window) {
			boolean complete = Message.COMPLETE.equals(m.status);
			if (Message.USER.equals(m.role)) {
				String text = text(m.parts);
				if (complete && !text.isEmpty()) {
					entries.add(ChatMessage.user(text));
				}
				continue;
			}
			Reply reply = null;
			for (MessagePart part : m.parts) {
				if (MessagePart.TOOL_RESULT.equals(part.type())) {
					answer(entries, part);
					reply = null;
				} else if (complete) {
					if (reply == null) {
						reply = new Reply();
						entries.add(reply);
					}
					reply.add(part);
				}
			}
		}
		List<ChatMessage> history = new ArrayList<>();
		for (Object entry : entries) {
			if (entry instanceof Reply reply) {
				reply.appendTo(history);
			} else {
				history.add((ChatMessage) entry);
			}
		}
		return history;
	}

	/**
	 * The messages for a backend that cannot call tools (offered none on this call): earlier tool calls and their
	 * results are left out, as such servers may refuse them, and the answers' text stays — what they saw before
	 * tool calls were kept in the history.
	 */
	static List<ChatMessage> withoutToolCalls(List<ChatMessage> messages) {
		List<ChatMessage> kept = new ArrayList<>();
		for (ChatMessage m : messages) {
			if (m.role() == ChatMessage.Role.TOOL) {
				continue;
			}
			if (m.toolCalls().isEmpty()) {
				kept.add(m);
			} else if (!m.parts().isEmpty()) {
				kept.add(new ChatMessage(m.role(), m.parts(), List.of(), null));
			}
		}
		return kept;
	}

	/** Gives a stored result to the latest call with its id that has none yet; a result whose call is out of the window is dropped. */
	private static void answer(List<Object> entries, MessagePart result) {
		for (int i = entries.size() - 1; i >= 0; i--) {
			if (entries.get(i) instanceof Reply reply && reply.awaits(result.toolCallId())) {
				reply.results.put(result.toolCallId(), result.text());
				return;
			}
		}
	}

	private static String text(List<MessagePart> parts) {
		StringBuilder text = new StringBuilder();
		for (MessagePart part : parts) {
			switch (part.type()) {
				case MessagePart.TEXT -> text.append(part.text());
				case MessagePart.IMAGE -> text.append(text.isEmpty() ? "" : "\n").append("[image sent earlier]");
				default -> {
				}
			}
		}
		return text.toString();
	}

	/** One model reply: its text, its tool calls and the results they have so far. */
	private static final class Reply {
		private final List<MessagePart> parts = new ArrayList<>();
		private final List<ToolCall> calls = new ArrayList<>();
		private final Map<String, String> results = new LinkedHashMap<>();

		void add(MessagePart part) {
			parts.add(part);
			if (MessagePart.TOOL_CALL.equals(part.type())) {
				calls.add(new ToolCall(part.toolCallId(), part.name(), part.arguments()));
			}
		}

		boolean awaits(String toolCallId) {
			return !results.containsKey(toolCallId) && calls.stream().anyMatch(c -> c.id().equals(toolCallId));
		}

		void appendTo(List<ChatMessage> history) {
			String text = text(parts);
			if (calls.isEmpty()) {
				if (!text.isEmpty()) {
					history.add(ChatMessage.assistant(text));
				}
				return;
			}
			history.add(new ChatMessage(ChatMessage.Role.ASSISTANT, text.isEmpty() ? List.of()
					: List.of(new ContentPart.Text(text)), List.copyOf(calls), null));
			calls.forEach(c -> history.add(ChatMessage.toolResult(c.id(), results.getOrDefault(c.id(), NO_RESULT))));
		}
	}
}
