package dev.switchboard.core.chat;

import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

/**
 * Once an event stream has started, HTTP status codes are gone: a failure becomes one RUN_ERROR event with the same
 * stable code and detail that problem+json would carry, and the stream ends.
 */
@ApplicationScoped
public class StreamErrors {

	private static final Logger LOG = Logger.getLogger(StreamErrors.class);
	private final EventJson json;

	public StreamErrors(EventJson json) {
		this.json = json;
	}

	OutboundSseEvent event(Sse sse, Throwable failure) {
		Problem problem = switch (failure) {
			case ProblemException p -> p.problem();
			case UnauthorizedException u -> Problem.of(401, "unauthenticated", "Authentication required", "Send a valid credential.");
			case ForbiddenException f -> Problem.of(403, "forbidden", "Forbidden", "This credential may not do that.");
			default -> {
				LOG.error("Event stream failed", failure);
				yield Problem.of(500, "internal_error", "Internal error", "The event stream failed on our side.");
			}
		};
		return sse.newEventBuilder().data(json.runError(problem.code(), problem.detail())).build();
	}
}
