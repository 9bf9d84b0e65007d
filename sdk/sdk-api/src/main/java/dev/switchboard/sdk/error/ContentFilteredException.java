package dev.switchboard.sdk.error;

/** The upstream's safety system refused the input or the output. */
public final class ContentFilteredException extends NonRetriableException {

	public ContentFilteredException(String message) {
		this(message, null);
	}

	public ContentFilteredException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "upstream_content_filtered";
	}
}
