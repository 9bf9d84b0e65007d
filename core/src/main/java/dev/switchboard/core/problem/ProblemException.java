package dev.switchboard.core.problem;

import java.util.Map;

/** Thrown anywhere in core to answer with a problem+json body; the message is the client-facing detail. */
public class ProblemException extends RuntimeException {

	private final Problem problem;
	private Long retryAfterSeconds;

	public ProblemException(int status, String code, String title, String detail) {
		super(detail, null, false, false);
		this.problem = Problem.of(status, code, title, detail);
	}

	public ProblemException(Problem problem) {
		super(problem.detail(), null, false, false);
		this.problem = problem;
	}

	public Problem problem() {
		return problem;
	}

	/** Asks the client to wait before retrying (sent as {@code Retry-After}). */
	public ProblemException retryAfter(long seconds) {
		this.retryAfterSeconds = seconds;
		return this;
	}

	public java.util.Optional<Long> retryAfterSeconds() {
		return java.util.Optional.ofNullable(retryAfterSeconds);
	}

	public static ProblemException notFound(String code, String what, String detail) {
		return new ProblemException(404, code, what + " not found", detail);
	}

	public static ProblemException badRequest(String code, String detail) {
		return new ProblemException(400, code, "Invalid request", detail);
	}

	public static ProblemException invalid(String detail, Map<String, String> errors) {
		return new ProblemException(Problem.of(400, "invalid_request", "Invalid request", detail).withErrors(errors));
	}
}
