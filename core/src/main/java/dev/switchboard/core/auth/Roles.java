package dev.switchboard.core.auth;

/** The roles a credential can carry. */
public final class Roles {

	/** Everything, in every tenant: the bootstrap admin key and platform operators. */
	public static final String PLATFORM_ADMIN = "platform-admin";

	private Roles() {
	}
}
