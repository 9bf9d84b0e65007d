package dev.switchboard.core.tenant;

import dev.switchboard.core.auth.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;

/**
 * The one place that decides which tenant a request acts on: {@code X-Switchboard-Tenant} (default {@code default}),
 * allowed only when the caller's credential may act on that tenant ({@link TenantAccess}). Every tenant-owned query
 * takes its tenant id from here, never from a path or body.
 */
@RequestScoped
public class CurrentTenant {

	public static final String HEADER = "X-Switchboard-Tenant";
	public static final String DEFAULT = "default";

	private final SecurityIdentity identity;
	private final HttpServerRequest request;
	private final TenantAccess access;
	private Uni<String> resolved;

	public CurrentTenant(SecurityIdentity identity, HttpServerRequest request, TenantAccess access) {
		this.identity = identity;
		this.request = request;
		this.access = access;
	}

	/** The tenant this request acts on and, for a widget session, the one end user it may see. */
	public Uni<Scope> scope() {
		String endUser = identity.getAttribute(Roles.END_USER_ATTRIBUTE);
		return id().map(tenantId -> new Scope(tenantId, endUser));
	}

	/** The id of the tenant this request acts on; fails with 403 or 404 problems. */
	public Uni<String> id() {
		if (resolved == null) {
			resolved = access.resolve(identity, request.getHeader(HEADER)).memoize().indefinitely();
		}
		return resolved;
	}
}
