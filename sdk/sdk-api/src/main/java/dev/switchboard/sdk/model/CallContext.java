package dev.switchboard.sdk.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Who a call is for and how long it may take.
 *
 * @param tenantId  the tenant the call serves
 * @param requestId an id for logs and traces, unique per call
 * @param timeout   the call's whole time budget; a backend gives up with
 *                  {@link dev.switchboard.sdk.error.UpstreamTimeoutException} when it is spent
 */
public record CallContext(String tenantId, String requestId, Duration timeout) {

	public CallContext {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(requestId, "requestId");
		Objects.requireNonNull(timeout, "timeout");
	}
}
