package dev.switchboard.sdk.error;

/** An error that the same call will meet again: bad credentials, a bad request, a missing model. */
public abstract sealed class NonRetriableException extends PluginException permits AuthenticationException,
		InvalidRequestException, NotFoundException, ContentFilteredException, UnsupportedFeatureException,
		ActionRejectedException, EgressDeniedException {

	protected NonRetriableException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public final boolean retriable() {
		return false;
	}
}
