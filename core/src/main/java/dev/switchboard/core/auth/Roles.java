package dev.switchboard.core.auth;

/** The roles a credential can carry. */
public final class Roles {

	/** Everything, in every tenant: the bootstrap admin key and platform operators. */
	public static final String PLATFORM_ADMIN = "platform-admin";
	/** Administers one tenant: its backends, keys and settings. */
	public static final String TENANT_ADMIN = "tenant-admin";
	/** Reads one tenant's administration and conversations, changes nothing. */
	public static final String TENANT_VIEWER = "tenant-viewer";
	/** Chats in one tenant: conversations, runs and the OpenAI-compatible API. */
	public static final String CHAT = "chat";

	/** A widget visitor: chats in one tenant, and sees only their own conversations. */
	public static final String END_USER = "end-user";

	/** The identity attribute naming the one tenant a tenant-bound credential acts on. */
	public static final String TENANT_ATTRIBUTE = "switchboard.tenant";

	/** The identity attribute naming the end user a widget session acts for. */
	public static final String END_USER_ATTRIBUTE = "switchboard.end-user";
	/** Security identity attribute: the verified end user's routing attributes (a map of strings). */
	public static final String END_USER_TRAITS_ATTRIBUTE = "switchboard.end-user-traits";
	/** Security identity attribute: the verified end user's identity token, encrypted; empty when there is none. */
	public static final String END_USER_TOKEN_ATTRIBUTE = "switchboard.end-user-token";

	private Roles() {
	}
}
