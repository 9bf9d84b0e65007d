package dev.switchboard.sdk.action;

import java.util.Objects;

/**
 * Where a long-running action's job stands, as the target system reports it.
 *
 * @param state    running, succeeded or failed
 * @param fraction how much is done, 0..1, or {@code null} when the target system does not say
 * @param message  one line for the user about the progress or the failure; may be empty
 * @param result   for a succeeded job, its result; {@code null} otherwise
 */
public record JobStatus(State state, Double fraction, String message, ActionResult result) {

	/** A job's state. */
	public enum State {
		RUNNING, SUCCEEDED, FAILED
	}

	public JobStatus {
		Objects.requireNonNull(state, "state");
		message = message == null ? "" : message;
		if (fraction != null && (fraction < 0 || fraction > 1)) {
			throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
		}
		if ((state == State.SUCCEEDED) != (result != null)) {
			throw new IllegalArgumentException("a succeeded job, and only a succeeded job, has a result");
		}
	}

	/** Still running. */
	public static JobStatus running(Double fraction, String message) {
		return new JobStatus(State.RUNNING, fraction, message, null);
	}

	/** Done, with its result. */
	public static JobStatus succeeded(ActionResult result) {
		return new JobStatus(State.SUCCEEDED, 1.0, result.summary(), result);
	}

	/** Failed on the target system. */
	public static JobStatus failed(String message) {
		return new JobStatus(State.FAILED, null, message, null);
	}
}
