package dev.switchboard.sdk.error;

import java.time.Duration;
import java.util.Optional;

/** The upstream is rate limiting (HTTP 429). Carries the upstream's Retry-After when it sent one. */
public final class RateLimitException extends RetriableException {

	private final Duration retryAfter;

	public RateLimitException(String message, Duration retryAfter) {
		this(message, retryAfter, null);
	}

	public RateLimitException(String message, Duration retryAfter, Throwable cause) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	/** How long the upstream asked callers to wait, if it said. */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(retryAfter);
	}

	@Override
	public String code() {
		return "upstream_rate_limited";
	}
}
