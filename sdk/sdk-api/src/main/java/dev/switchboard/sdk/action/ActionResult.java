package dev.switchboard.sdk.action;

import java.util.Objects;

/**
 * The outcome of an action that the target system accepted.
 *
 * @param output  the result as JSON text, valid against the action's output schema when it has one
 * @param summary one line for the user, e.g. {@code Created contact Ada Lovelace (id 123)}
 * @param jobId   for a long-running action that was accepted but not finished, the id to follow; {@code null} when
 *                the action is done
 */
public record ActionResult(String output, String summary, String jobId) {

	public ActionResult {
		Objects.requireNonNull(output, "output");
		summary = summary == null ? "" : summary;
	}

	/** A finished action. */
	public static ActionResult done(String output, String summary) {
		return new ActionResult(output, summary, null);
	}

	/** Whether the action is still running on the target system. */
	public boolean pending() {
		return jobId != null;
	}
}
