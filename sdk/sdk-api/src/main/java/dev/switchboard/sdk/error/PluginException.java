package dev.switchboard.sdk.error;

/**
 * Base of every error a plugin reports. Unchecked; the host maps each subtype to a stable error {@link #code()} that
 * clients see (in a problem+json body or a RUN_ERROR event). Messages must be safe to show an end user: a short
 * summary of what went wrong upstream, never a raw vendor body, a secret or a stack trace.
 */
public abstract sealed class PluginException extends RuntimeException
		permits RetriableException, NonRetriableException {

	protected PluginException(String message, Throwable cause) {
		super(message, cause);
	}

	/** A stable, machine-readable code such as {@code upstream_rate_limited}. */
	public abstract String code();

	/** Whether the same call may succeed if tried again (on this or another backend). */
	public abstract boolean retriable();
}
