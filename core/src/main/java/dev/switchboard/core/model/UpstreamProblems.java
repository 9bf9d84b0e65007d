package dev.switchboard.core.model;

import dev.switchboard.core.problem.Problem;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.ContentFilteredException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UpstreamTimeoutException;

/**
 * What a client of Switchboard is told when a model upstream fails. The upstream's own credentials or missing model
 * are Switchboard's configuration problem (502), not the client's; a rate limit stays a 429 with its Retry-After.
 */
public final class UpstreamProblems {

	private UpstreamProblems() {
	}

	public static Problem of(PluginException e) {
		int status = switch (e) {
			case RateLimitException r -> 429;
			case UpstreamTimeoutException t -> 504;
			case InvalidRequestException i -> 400;
			case ContentFilteredException c -> 422;
			case AuthenticationException a -> 502;
			default -> e.retriable() ? 503 : 502;
		};
		return Problem.of(status, e.code(), "Model upstream error", e.getMessage());
	}

	/** Seconds to wait before retrying, when the upstream said. */
	public static java.util.Optional<Long> retryAfterSeconds(PluginException e) {
		return e instanceof RateLimitException r ? r.retryAfter().map(d -> Math.max(1, (d.toMillis() + 999) / 1000))
				: java.util.Optional.empty();
	}
}
