package dev.switchboard.core.auth;

/** The roles a credential can carry. */
public final class Roles {

	/** Everything, in every tenant: the bootstrap admin key and platform operators. */
	public static final String PLATFORM_ADMIN = "platform-admin";
	/** Administers one tenant: its backends, keys and settings. */
	public static final String TENANT_ADMIN = "tenant-admin";
	/** Chats in one tenant: conversations, runs and the OpenAI-compatible API. */
	public static final String CHAT = "chat";

	/** The identity attribute naming the one tenant a tenant-bound credential acts on. */
	public static final String TENANT_ATTRIBUTE = "switchboard.tenant";

	private Roles() {
	}
}
