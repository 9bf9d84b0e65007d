package dev.switchboard.sdk.model;

/**
 * What a model backend can do. Declared by the backend, used by the router (an image never goes to a backend
 * without {@link #VISION}, an action turn never to one without {@link #TOOLS}) and by the contract tests, which
 * skip what a backend does not declare.
 */
public enum Capability {
	/** Streams its answer as deltas through {@link ModelBackend#stream}. */
	STREAMING,
	/** Accepts tool definitions and answers with tool calls. */
	TOOLS,
	/** Accepts image parts in user messages. */
	VISION
}
