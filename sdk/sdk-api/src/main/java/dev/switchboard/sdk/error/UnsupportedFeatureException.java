package dev.switchboard.sdk.error;

/** The call needs something this backend or connector does not offer (images, tools, an action it lacks). */
public final class UnsupportedFeatureException extends NonRetriableException {

	public UnsupportedFeatureException(String message) {
		this(message, null);
	}

	public UnsupportedFeatureException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "unsupported_feature";
	}
}
