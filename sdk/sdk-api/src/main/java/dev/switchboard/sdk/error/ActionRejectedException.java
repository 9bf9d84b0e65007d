package dev.switchboard.sdk.error;

/** The target system refused to carry out the action for a business reason (e.g. the ticket is already closed). */
public final class ActionRejectedException extends NonRetriableException {

	public ActionRejectedException(String message) {
		this(message, null);
	}

	public ActionRejectedException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String code() {
		return "action_rejected";
	}
}
