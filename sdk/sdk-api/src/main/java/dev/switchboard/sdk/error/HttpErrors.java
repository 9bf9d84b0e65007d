package dev.switchboard.sdk.error;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Maps an upstream HTTP error status to the SDK's exception types, so every plugin reports errors the same way.
 * Stateless and thread-safe.
 */
public final class HttpErrors {

	private HttpErrors() {
	}

	/**
	 * The exception for an upstream error answer.
	 *
	 * @param status     the HTTP status, 400 or above
	 * @param summary    a short, user-safe summary of the vendor's error (not the raw body)
	 * @param retryAfter the raw {@code Retry-After} header, or {@code null}
	 */
	public static PluginException fromStatus(int status, String summary, String retryAfter) {
		String message = "upstream answered " + status + (summary == null || summary.isBlank() ? "" : ": " + summary);
		return switch (status) {
			case 401, 403 -> new AuthenticationException(message);
			case 404 -> new NotFoundException(message);
			case 408 -> new UpstreamTimeoutException(message);
			case 429 -> new RateLimitException(message, parseRetryAfter(retryAfter));
			default -> status >= 500 ? new UpstreamUnavailableException(message) : new InvalidRequestException(message);
		};
	}

	/** Parses a Retry-After header given in seconds or as an HTTP date; {@code null} when absent or unreadable. */
	public static Duration parseRetryAfter(String header) {
		if (header == null || header.isBlank()) {
			return null;
		}
		String value = header.trim();
		try {
			return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
		} catch (NumberFormatException notSeconds) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
				long millis = ZonedDateTime.now(at.getZone()).until(at, ChronoUnit.MILLIS);
				return Duration.ofMillis(Math.max(0, millis));
			} catch (RuntimeException notADate) {
				return null;
			}
		}
	}
}
