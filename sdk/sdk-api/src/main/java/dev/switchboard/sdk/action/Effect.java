package dev.switchboard.sdk.action;

/**
 * What running an action does to the world. Mandatory on every action: there is no default, because guessing
 * "read-only" for a write is how assistants change customer data by surprise.
 */
public enum Effect {
	/** Only reads; runs at once. */
	READ_ONLY,
	/** Changes data, but running it twice with the same arguments is the same as once (PUT-like). */
	IDEMPOTENT_WRITE,
	/** Changes data; the user confirms first unless the tenant relaxed it for this action. */
	WRITE,
	/** Deletes or irreversibly changes data; the user always confirms first. */
	DESTRUCTIVE;

	/** Whether the action changes anything. */
	public boolean changesData() {
		return this != READ_ONLY;
	}
}
