package dev.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class BackendHealthTest {

	private final BackendHealth health = new BackendHealth(new SimpleMeterRegistry());

	@Test
	void should_open_after_repeated_failures_and_close_on_success() {
		for (int i = 0; i < BackendHealth.THRESHOLD - 1; i++) {
			health.failed("t", "b", new UpstreamUnavailableException("500"));
		}
		assertThat(health.state("t", "b")).isEqualTo("closed");
		assertThat(health.allows("t", "b")).isTrue();
		health.failed("t", "b", new UpstreamUnavailableException("500"));
		assertThat(health.state("t", "b")).isEqualTo("open");
		assertThat(health.allows("t", "b")).isFalse();
		health.succeeded("t", "b");
		assertThat(health.state("t", "b")).isEqualTo("closed");
	}

	@Test
	void should_not_blame_the_backend_for_a_refused_request() {
		for (int i = 0; i < BackendHealth.THRESHOLD * 2; i++) {
			health.failed("t", "b", new InvalidRequestException("context too long"));
		}
		assertThat(health.state("t", "b")).isEqualTo("closed");
	}

	@Test
	void should_count_each_tenant_backend_apart() {
		for (int i = 0; i < BackendHealth.THRESHOLD; i++) {
			health.failed("t1", "b", new UpstreamUnavailableException("500"));
		}
		assertThat(health.state("t1", "b")).isEqualTo("open");
		assertThat(health.state("t2", "b")).isEqualTo("closed");
	}
}
