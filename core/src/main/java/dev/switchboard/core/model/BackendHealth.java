package dev.switchboard.core.model;

import dev.switchboard.sdk.error.ContentFilteredException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A circuit breaker per tenant backend: after {@value #THRESHOLD} failures in a row a backend is skipped for a
 * cool-down (while another backend can serve), then one call probes it; success closes the circuit, failure opens
 * it again. States and call outcomes
 * are exported as metrics ({@code switchboard.backend.calls}, {@code switchboard.backend.circuit.open}). Per node.
 */
@ApplicationScoped
public class BackendHealth {

	static final int THRESHOLD = 3;
	private static final Duration COOL_DOWN = Duration.ofSeconds(30);

	private final MeterRegistry metrics;
	private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

	public BackendHealth(MeterRegistry metrics) {
		this.metrics = metrics;
	}

	/** The state of one backend's circuit. Guarded by its own lock. */
	private static final class Circuit {
		int failures;
		long openUntil;
		/** When the current probe was let through; a probe never answered is retried after another cool-down. */
		long probeStartedAt;
		Counter successes;
		Counter failureCount;
	}

	/** Whether a call may go to the backend now: closed, or open and due for its one probe. */
	public boolean allows(String tenantId, String backend) {
		Circuit circuit = circuit(tenantId, backend);
		synchronized (circuit) {
			if (circuit.openUntil == 0) {
				return true;
			}
			long now = System.currentTimeMillis();
			if (now >= circuit.openUntil && now - circuit.probeStartedAt > COOL_DOWN.toMillis()) {
				circuit.probeStartedAt = now;
				return true;
			}
			return false;
		}
	}

	public void succeeded(String tenantId, String backend) {
		Circuit circuit = circuit(tenantId, backend);
		synchronized (circuit) {
			circuit.failures = 0;
			circuit.openUntil = 0;
			circuit.probeStartedAt = 0;
		}
		circuit.successes.increment();
	}

	/** Records a failed call; a refusal of the request itself (invalid, filtered, unsupported) is not the backend's fault. */
	public void failed(String tenantId, String backend, PluginException error) {
		if (error instanceof InvalidRequestException || error instanceof ContentFilteredException
				|| error instanceof UnsupportedFeatureException) {
			return;
		}
		Circuit circuit = circuit(tenantId, backend);
		synchronized (circuit) {
			circuit.failures++;
			if (circuit.probeStartedAt != 0 || circuit.failures >= THRESHOLD) {
				circuit.openUntil = System.currentTimeMillis() + COOL_DOWN.toMillis();
			}
			circuit.probeStartedAt = 0;
		}
		circuit.failureCount.increment();
	}

	/** {@code closed}, {@code open} or {@code half-open} (cooled down, waiting for its probe). */
	public String state(String tenantId, String backend) {
		Circuit circuit = circuit(tenantId, backend);
		synchronized (circuit) {
			if (circuit.openUntil == 0) {
				return "closed";
			}
			return System.currentTimeMillis() < circuit.openUntil ? "open" : "half-open";
		}
	}

	private Circuit circuit(String tenantId, String backend) {
		return circuits.computeIfAbsent(tenantId + "/" + backend, key -> {
			Circuit circuit = new Circuit();
			Gauge.builder("switchboard.backend.circuit.open", circuit, c -> {
				synchronized (c) {
					return c.openUntil > System.currentTimeMillis() ? 1 : 0;
				}
			}).tag("tenant", tenantId).tag("backend", backend).register(metrics);
			circuit.successes = calls(tenantId, backend, "success");
			circuit.failureCount = calls(tenantId, backend, "failure");
			return circuit;
		});
	}

	private Counter calls(String tenantId, String backend, String outcome) {
		return Counter.builder("switchboard.backend.calls").tag("tenant", tenantId).tag("backend", backend)
				.tag("outcome", outcome).register(metrics);
	}
}
