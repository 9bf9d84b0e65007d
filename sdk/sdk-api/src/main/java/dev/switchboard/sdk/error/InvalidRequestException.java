package dev.switchboard.sdk.error;

/** The upstream refused the request as invalid (HTTP 400, 409, 422); the message carries the vendor's reason in short. */
public final class InvalidRequestException extends NonRetriableException {

	public InvalidRequestException(String message) {
		this(message, null);
	}

	public InvalidRequestException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "upstream_invalid_request";
	}
}
