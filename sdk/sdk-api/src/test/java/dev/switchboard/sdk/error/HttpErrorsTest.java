package dev.switchboard.sdk.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {

	@Test
	void should_map_statuses_to_sdk_exceptions() {
		assertThat(HttpErrors.fromStatus(400, "bad", null)).isInstanceOf(InvalidRequestException.class);
		assertThat(HttpErrors.fromStatus(401, "no", null)).isInstanceOf(AuthenticationException.class);
		assertThat(HttpErrors.fromStatus(403, "no", null)).isInstanceOf(AuthenticationException.class);
		assertThat(HttpErrors.fromStatus(404, "gone", null)).isInstanceOf(NotFoundException.class);
		assertThat(HttpErrors.fromStatus(409, "conflict", null)).isInstanceOf(InvalidRequestException.class);
		assertThat(HttpErrors.fromStatus(422, "invalid", null)).isInstanceOf(InvalidRequestException.class);
		assertThat(HttpErrors.fromStatus(429, "slow down", "7")).isInstanceOfSatisfying(RateLimitException.class,
				e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(7)));
		assertThat(HttpErrors.fromStatus(500, "oops", null)).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(HttpErrors.fromStatus(503, "down", null).retriable()).isTrue();
		assertThat(HttpErrors.fromStatus(401, "no", null).retriable()).isFalse();
	}

	@Test
	void should_give_stable_codes_and_short_messages() {
		PluginException e = HttpErrors.fromStatus(429, "Rate limit reached for requests", null);
		assertThat(e.code()).isEqualTo("upstream_rate_limited");
		assertThat(e.getMessage()).isEqualTo("upstream answered 429: Rate limit reached for requests");
	}

	@Test
	void should_parse_retry_after_as_seconds_or_http_date() {
		assertThat(HttpErrors.parseRetryAfter("1.5")).isEqualTo(Duration.ofMillis(1500));
		String inOneMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60).format(DateTimeFormatter.RFC_1123_DATE_TIME);
		assertThat(HttpErrors.parseRetryAfter(inOneMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(61));
		assertThat(HttpErrors.parseRetryAfter("soon")).isNull();
		assertThat(HttpErrors.parseRetryAfter(null)).isNull();
	}
}
