package dev.switchboard.core.auth;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer <key>}: the bootstrap admin key (platform admin) or a tenant's API key
 * (chat, or tenant admin). A request without a valid key stays anonymous, and endpoints that need a credential
 * answer 401.
 */
@ApplicationScoped
public class BearerKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

	private static final String PREFIX = "Bearer ";
	private final AdminKey adminKey;
	private final ApiKeys apiKeys;

	public BearerKeyAuthenticationMechanism(AdminKey adminKey, ApiKeys apiKeys) {
		this.adminKey = adminKey;
		this.apiKeys = apiKeys;
	}

	@Override
	public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
		String header = context.request().getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			return Uni.createFrom().nullItem();
		}
		String presented = header.substring(PREFIX.length()).trim();
		if (adminKey.matches(presented)) {
			return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
					.setPrincipal(new QuarkusPrincipal("bootstrap-admin"))
					.addRole(Roles.PLATFORM_ADMIN)
					.build());
		}
		return apiKeys.verify(presented).map(identity -> identity.orElse(null));
	}

	@Override
	public Uni<ChallengeData> getChallenge(RoutingContext context) {
		return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"switchboard\""));
	}

	@Override
	public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
		return Set.of();
	}
}
