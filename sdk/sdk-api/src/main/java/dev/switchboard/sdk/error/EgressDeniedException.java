package dev.switchboard.sdk.error;

/**
 * A request to a destination the plugin may not reach (a host it did not declare, or a loopback, private or
 * cloud-metadata address). Retrying cannot help; an admin must allow the host.
 */
public final class EgressDeniedException extends NonRetriableException {

	public EgressDeniedException(String message) {
		super(message, null);
	}

	@Override
	public String code() {
		return "egress_denied";
	}
}
