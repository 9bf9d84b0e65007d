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
import dev.switchboard.core.widget.WidgetSessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer <key>}: the bootstrap admin key (platform admin), a tenant's API key
 * (chat, or tenant admin) or a widget session token (one end user, from the page it was opened on). A request without a valid key stays anonymous, and endpoints that need a credential
 * answer 401.
 */
@ApplicationScoped
public class BearerKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

	private static final String PREFIX = "Bearer ";
	private final AdminKey adminKey;
	private final ApiKeys apiKeys;
	private final WidgetSessions widgetSessions;

	public BearerKeyAuthenticationMechanism(AdminKey adminKey, ApiKeys apiKeys, WidgetSessions widgetSessions) {
		this.widgetSessions = widgetSessions;
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
		Uni<java.util.Optional<SecurityIdentity>> verified = presented.startsWith(WidgetSessions.PREFIX)
				? widgetSessions.verify(presented, context.request().getHeader("Origin"))
				: apiKeys.verify(presented);
		return verified.map(identity -> identity.orElse(null));
	}

	@Override
	public Uni<ChallengeData> getChallenge(RoutingContext context) {
		return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"switchboard\""));
	}

	/** Before OIDC: Switchboard's own tokens are not JWTs, and OIDC would refuse them instead of passing them on. */
	@Override
	public int getPriority() {
		return DEFAULT_PRIORITY + 1000;
	}

	@Override
	public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
		return Set.of();
	}
}
