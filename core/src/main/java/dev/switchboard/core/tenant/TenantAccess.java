package dev.switchboard.core.tenant;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a credential may act on a tenant, and whether the tenant exists. Known tenants are remembered, so
 * the check costs no database round trip on the hot path.
 */
@ApplicationScoped
public class TenantAccess {

	private final TenantRepository tenants;
	private final Set<String> known = ConcurrentHashMap.newKeySet();

	public TenantAccess(TenantRepository tenants) {
		this.tenants = tenants;
	}

	/**
	 * The tenant id the request acts on.
	 *
	 * @param requested the {@code X-Switchboard-Tenant} header, or null for the credential's own tenant (the default
	 *                  tenant for platform admins)
	 * @throws ForbiddenException when the credential may not act on it; {@code tenant_not_found} when it does not exist
	 */
	public Uni<String> resolve(SecurityIdentity identity, String requested) {
		String own = identity.getAttribute(Roles.TENANT_ATTRIBUTE);
		String fallback = own != null ? own : CurrentTenant.DEFAULT;
		String tenantId = requested == null || requested.isBlank() ? fallback : requested.trim();
		boolean allowed = identity.hasRole(Roles.PLATFORM_ADMIN) || tenantId.equals(own);
		if (!allowed) {
			return Uni.createFrom().failure(new ForbiddenException());
		}
		if (known.contains(tenantId)) {
			return Uni.createFrom().item(tenantId);
		}
		return ReactiveCalls.onContext(() -> Panache.withSession(() -> tenants.findById(tenantId))).map(tenant -> {
			if (tenant == null) {
				throw ProblemException.notFound("tenant_not_found", "Tenant",
						"No tenant '" + tenantId + "' (chosen by the " + CurrentTenant.HEADER + " header).");
			}
			known.add(tenantId);
			return tenantId;
		});
	}
}
