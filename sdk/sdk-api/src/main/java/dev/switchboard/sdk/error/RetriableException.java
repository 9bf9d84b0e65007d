package dev.switchboard.sdk.error;

/** An error that may go away: the host may retry, or fall back to the next backend of the role. */
public abstract sealed class RetriableException extends PluginException
		permits RateLimitException, UpstreamTimeoutException, UpstreamUnavailableException {

	protected RetriableException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public final boolean retriable() {
		return true;
	}
}
