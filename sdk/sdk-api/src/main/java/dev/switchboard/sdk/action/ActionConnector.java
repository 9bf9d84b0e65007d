package dev.switchboard.sdk.action;

import java.util.List;

/**
 * A configured connection to one product API, created by an {@link ActionConnectorFactory} for one tenant.
 *
 * <p>The host has already validated the input against the action's schema and obtained the user's confirmation
 * where the effect requires it; a connector never asks again and never decides on its own to act.
 * Threading: instances are shared by concurrent turns and must be thread-safe; {@link #invoke} may block and is
 * called off the host's event loop. Lifecycle: {@link #close()} when the configuration changes or the plugin stops.
 */
public interface ActionConnector extends AutoCloseable {

	/** The actions offered. Stable for the life of the instance. */
	List<ActionSpec> actions();

	/**
	 * Runs an action.
	 *
	 * @param action the action's {@link ActionSpec#name()}
	 * @param input  the validated input object as JSON text
	 * @throws dev.switchboard.sdk.error.PluginException on any failure, typed as the SDK's exceptions
	 */
	ActionResult invoke(String action, String input, ActionContext context);

	/**
	 * Reports on the job of a long-running action that {@link #invoke} accepted with {@link ActionResult#jobId()}.
	 * The host calls it every few seconds until the job succeeds or fails, and posts the result into the conversation.
	 * A connector that never answers with a job id need not implement it.
	 *
	 * @throws dev.switchboard.sdk.error.PluginException when the status cannot be read; the host asks again later
	 */
	default JobStatus jobStatus(String jobId, ActionContext context) {
		throw new dev.switchboard.sdk.error.UnsupportedFeatureException("this connector runs no long jobs");
	}

	/**
	 * Checks the configuration against the product API with one cheap read, for the admin's "test connection".
	 *
	 * @throws dev.switchboard.sdk.error.PluginException with a reason an admin can act on (bad token, wrong domain,
	 *                                                   missing scope)
	 */
	void verifyConnection();

	/** Releases what the connector holds. The default holds nothing. */
	@Override
	default void close() {
	}
}
