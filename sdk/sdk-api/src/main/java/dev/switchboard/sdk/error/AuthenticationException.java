package dev.switchboard.sdk.error;

/** The upstream refused the credentials (HTTP 401 or 403): the configuration needs fixing. */
public final class AuthenticationException extends NonRetriableException {

	public AuthenticationException(String message) {
		this(message, null);
	}

	public AuthenticationException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "upstream_auth_failed";
	}
}
