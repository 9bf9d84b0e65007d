package dev.switchboard.sdk.model;

import dev.switchboard.sdk.error.PluginException;

/**
 * Receives a streaming answer. A backend calls the methods from one thread at a time, in order: any number of
 * {@link #onTextDelta} and {@link #onToolCallDelta}, then exactly one of {@link #onComplete} or {@link #onError}.
 * Implementations must return quickly; they must not throw.
 */
public interface ChatStreamListener {

	/** More answer text. */
	default void onTextDelta(String delta) {
	}

	/** A fragment of a tool call. */
	default void onToolCallDelta(ToolCallDelta delta) {
	}

	/** The answer is complete; {@code result} holds the whole text, the assembled tool calls and the usage. */
	void onComplete(ChatResult result);

	/** The call failed; nothing more follows. */
	void onError(PluginException error);
}
