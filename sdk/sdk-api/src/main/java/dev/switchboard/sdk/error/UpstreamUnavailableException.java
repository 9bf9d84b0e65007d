package dev.switchboard.sdk.error;

/** The upstream failed (HTTP 5xx) or could not be reached; another try or another backend may succeed. */
public final class UpstreamUnavailableException extends RetriableException {

	public UpstreamUnavailableException(String message) {
		this(message, null);
	}

	public UpstreamUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "upstream_unavailable";
	}
}
