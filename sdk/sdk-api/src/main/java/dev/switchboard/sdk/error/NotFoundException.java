package dev.switchboard.sdk.error;

/** The upstream has no such model, record or resource (HTTP 404). */
public final class NotFoundException extends NonRetriableException {

	public NotFoundException(String message) {
		this(message, null);
	}

	public NotFoundException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "upstream_not_found";
	}
}
