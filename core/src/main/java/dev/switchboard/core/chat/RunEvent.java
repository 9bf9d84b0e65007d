package dev.switchboard.core.chat;

/**
 * One event of a run as sent to clients: its sequence number (the SSE id) and its JSON.
 *
 * @param seq  1-based position in the run
 * @param type the AG-UI event type, e.g. {@code TEXT_MESSAGE_CONTENT}
 * @param json the event JSON, including {@code type}
 */
public record RunEvent(int seq, String type, String json) {

	/** Whether nothing follows this event. */
	public boolean terminal() {
		return terminal(type);
	}

	public static boolean terminal(String type) {
		return "RUN_FINISHED".equals(type) || "RUN_ERROR".equals(type);
	}
}
