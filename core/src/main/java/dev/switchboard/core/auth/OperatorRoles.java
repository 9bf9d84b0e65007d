package dev.switchboard.core.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives an operator signed in through OIDC (Keycloak) the roles they hold in the tenant the request acts on. Tenant
 * roles come from group paths {@code /tenants/<tenant>/<tenant-admin|tenant-viewer>}; the tenant is the one named by
 * {@code X-Switchboard-Tenant}, or the operator's only (or first) tenant. An operator thus never carries an admin
 * role into a tenant where they are only a viewer. {@code platform-admin} (a realm role) needs no tenant.
 */
@ApplicationScoped
public class OperatorRoles implements SecurityIdentityAugmentor {

	private static final Pattern TENANT_GROUP = Pattern.compile("/?tenants/([a-z0-9][a-z0-9-]{0,62})/(tenant-admin|tenant-viewer)");
	private static final String TENANT_HEADER = "X-Switchboard-Tenant";

	@Override
	public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
		if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
				|| identity.hasRole(Roles.PLATFORM_ADMIN)) {
			return Uni.createFrom().item(identity);
		}
		Map<String, String> roles = tenantRoles(token.getGroups());
		RoutingContext request = HttpSecurityUtils.getRoutingContextAttribute(identity);
		String requested = request == null ? null : request.request().getHeader(TENANT_HEADER);
		String tenant = requested != null && !requested.isBlank() ? requested.trim()
				: roles.keySet().stream().findFirst().orElse(null);
		String role = tenant == null ? null : roles.get(tenant);
		if (role == null) {
			return Uni.createFrom().item(identity);
		}
		QuarkusSecurityIdentity.Builder augmented = QuarkusSecurityIdentity.builder(identity)
				.addAttribute(Roles.TENANT_ATTRIBUTE, tenant).addRole(role);
		if (Roles.TENANT_ADMIN.equals(role)) {
			augmented.addRole(Roles.CHAT);
		}
		return Uni.createFrom().item(augmented.build());
	}

	/** Tenant to role, the stronger role winning when a user is in both groups. */
	static Map<String, String> tenantRoles(Set<String> groups) {
		Map<String, String> roles = new TreeMap<>();
		for (String group : groups == null ? Set.<String>of() : groups) {
			Matcher m = TENANT_GROUP.matcher(group);
			if (m.matches()) {
				roles.merge(m.group(1), m.group(2), (a, b) -> Roles.TENANT_ADMIN.equals(a) ? a : b);
			}
		}
		return roles;
	}
}
