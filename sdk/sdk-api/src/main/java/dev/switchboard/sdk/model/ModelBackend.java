package dev.switchboard.sdk.model;

/**
 * A configured connection to one model, created by a {@link ModelBackendFactory} for one tenant.
 *
 * <p>Threading: instances are shared by concurrent turns and must be thread-safe. {@link #chat} and {@link #stream}
 * may block; the host calls them off its event loop, on threads of its own, and bounds them with the
 * {@link CallContext#timeout()}. Lifecycle: the host calls {@link #close()} when the configuration changes, the
 * tenant disables the plugin or the plugin stops; release connections there.
 */
public interface ModelBackend extends AutoCloseable {

	/** The model served, its capabilities and its context window. */
	ModelInfo info();

	/**
	 * Answers a call in one piece.
	 *
	 * @throws dev.switchboard.sdk.error.PluginException on any upstream failure
	 */
	ChatResult chat(ChatCall call, CallContext context);

	/**
	 * Answers a call as a stream. Returns when the stream has ended; every outcome, failure included, reaches the
	 * listener, which is told {@code onComplete} or {@code onError} exactly once.
	 */
	void stream(ChatCall call, CallContext context, ChatStreamListener listener);

	/** Releases what the backend holds. The default holds nothing. */
	@Override
	default void close() {
	}
}
