package dev.switchboard.core.tenant;

/**
 * What a request may see: one tenant, and within it either everything (operators, API keys) or only one end user's
 * conversations (widget sessions).
 *
 * @param tenantId  the tenant
 * @param endUserId the widget end user, or {@code null} for tenant-wide credentials
 */
public record Scope(String tenantId, String endUserId) {

	public boolean endUserOnly() {
		return endUserId != null;
	}
}
