package dev.switchboard.core.tenant;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/**
 * The one place that decides which tenant a request acts on: {@code X-Switchboard-Tenant} (default {@code default}),
 * allowed only when the caller's credential may act on that tenant. Every tenant-owned query takes its tenant id
 * from here, never from a path or body.
 */
@RequestScoped
public class CurrentTenant {

	public static final String HEADER = "X-Switchboard-Tenant";
	public static final String DEFAULT = "default";

	private final SecurityIdentity identity;
	private final HttpServerRequest request;
	private final TenantRepository tenants;
	private Uni<String> resolved;

	public CurrentTenant(SecurityIdentity identity, HttpServerRequest request, TenantRepository tenants) {
		this.identity = identity;
		this.request = request;
		this.tenants = tenants;
	}

	/** The id of the tenant this request acts on; fails with 403 or 404 problems. */
	@WithSession
	public Uni<String> id() {
		if (resolved == null) {
			String requested = request.getHeader(HEADER);
			String tenantId = requested == null || requested.isBlank() ? DEFAULT : requested.trim();
			if (!mayActOn(tenantId)) {
				return Uni.createFrom().failure(new ForbiddenException());
			}
			resolved = tenants.findById(tenantId).map(tenant -> {
				if (tenant == null) {
					throw ProblemException.notFound("tenant_not_found", "Tenant",
							"No tenant '" + tenantId + "' (chosen by the " + HEADER + " header).");
				}
				return tenant.id;
			}).memoize().indefinitely();
		}
		return resolved;
	}

	private boolean mayActOn(String tenantId) {
		return identity.hasRole(Roles.PLATFORM_ADMIN);
	}
}
