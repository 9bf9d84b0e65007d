package dev.switchboard.sdk.model;

/** Why the model stopped. */
public enum FinishReason {
	/** It finished its answer. */
	STOP,
	/** It hit the output token limit. */
	LENGTH,
	/** It wants tools called. */
	TOOL_CALLS,
	/** A safety filter cut it. */
	CONTENT_FILTER,
	/** Anything else the upstream said. */
	OTHER
}
