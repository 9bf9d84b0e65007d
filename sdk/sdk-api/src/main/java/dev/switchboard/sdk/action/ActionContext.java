package dev.switchboard.sdk.action;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Who an action runs for. Immutable.
 *
 * @param tenantId       the tenant
 * @param endUserId      the verified or anonymous end user the action runs for
 * @param idempotencyKey unique per approved invocation; pass it to the target API where it supports one (e.g. an
 *                       {@code Idempotency-Key} header) so a retry never acts twice
 * @param endUserToken   the end user's verified identity token, only for connectors that declared they forward it;
 *                       {@code null} otherwise
 * @param timeout        the call's time budget
 */
public record ActionContext(String tenantId, String endUserId, String idempotencyKey, String endUserToken,
		Duration timeout) {

	public ActionContext {
		Objects.requireNonNull(tenantId, "tenantId");
		Objects.requireNonNull(idempotencyKey, "idempotencyKey");
		Objects.requireNonNull(timeout, "timeout");
	}

	/** The end user's identity token, when forwarded. */
	public Optional<String> forwardedToken() {
		return Optional.ofNullable(endUserToken);
	}

	@Override
	public String toString() {
		return "ActionContext[tenantId=" + tenantId + ", endUserId=" + endUserId + ", idempotencyKey=" + idempotencyKey
				+ ", endUserToken=" + (endUserToken == null ? "none" : "***") + ", timeout=" + timeout + "]";
	}
}
