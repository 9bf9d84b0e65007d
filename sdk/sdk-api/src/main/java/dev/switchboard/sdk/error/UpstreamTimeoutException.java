package dev.switchboard.sdk.error;

/** The upstream did not answer within the call's time budget. */
public final class UpstreamTimeoutException extends RetriableException {

	public UpstreamTimeoutException(String message) {
		this(message, null);
	}

	public UpstreamTimeoutException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "upstream_timeout";
	}
}
