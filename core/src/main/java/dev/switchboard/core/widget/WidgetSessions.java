package dev.switchboard.core.widget;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.auth.Tokens;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.secret.SecretBox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens and verifies widget sessions. A session is opened from an allowed origin, anonymously or with an identity
 * token from the tenant's backend; it yields an opaque bearer token bound to that origin. Verified users keep their
 * SaaS user id (so they see their conversations on any device); anonymous visitors get a per-session id.
 */
@ApplicationScoped
public class WidgetSessions {

	public static final String PREFIX = "sbw_";
	private static final Duration ANONYMOUS_LIFETIME = Duration.ofHours(24);
	private static final Duration REMEMBER = Duration.ofSeconds(10);

	private final WidgetRepository widgets;
	private final WidgetSessionRepository sessions;
	private final SecretBox secrets;
	private final Map<String, Remembered> verified = new ConcurrentHashMap<>();

	public WidgetSessions(WidgetRepository widgets, WidgetSessionRepository sessions, SecretBox secrets) {
		this.widgets = widgets;
		this.sessions = sessions;
		this.secrets = secrets;
	}

	private record Remembered(SecurityIdentity identity, String origin, long until) {
	}

	/** An opened session and its bearer token, returned once. */
	public record Opened(WidgetSession session, String token) {
	}

	public Uni<Opened> open(String publicId, String origin, String identityToken) {
		return Panache.withTransaction(() -> widgets.findByPublicId(publicId).flatMap(widget -> {
			if (widget == null) {
				throw ProblemException.notFound("widget_not_found", "Widget", "No widget '" + publicId + "'.");
			}
			if (origin == null || !widget.allowedOrigins.contains(origin)) {
				throw new ProblemException(403, "origin_not_allowed", "Origin not allowed", "The page's origin "
						+ (origin == null ? "(none sent)" : "'" + origin + "'") + " is not an allowed origin of this widget.");
			}
			WidgetSession session = new WidgetSession();
			session.id = UUID.randomUUID();
			session.tenantId = widget.tenantId;
			session.origin = origin;
			session.createdAt = OffsetDateTime.now();
			if (identityToken == null || identityToken.isBlank()) {
				session.endUserId = "anonymous-" + session.id;
				session.expiresAt = session.createdAt.plus(ANONYMOUS_LIFETIME);
			} else {
				IdentityTokens.EndUser user = IdentityTokens.verify(identityToken, identitySecrets(widget));
				session.endUserId = "user-" + user.subject();
				session.verified = true;
				session.email = user.email();
				session.name = user.name();
				session.expiresAt = user.expiresAt().atOffset(ZoneOffset.UTC);
				session.attributes = user.attributes();
				session.identityToken = secrets.encrypt(widget.tenantId, identityToken);
			}
			String token = Tokens.issue(PREFIX);
			session.tokenHash = Tokens.hash(token);
			return sessions.persist(session).map(saved -> new Opened(saved, token));
		}));
	}

	/** The identity of a presented session token, if it is live and used from its own origin. */
	public Uni<Optional<SecurityIdentity>> verify(String presented, String origin) {
		if (!presented.startsWith(PREFIX)) {
			return Uni.createFrom().item(Optional.empty());
		}
		String hash = Tokens.hash(presented);
		Remembered cached = verified.get(hash);
		if (cached != null && cached.until() > System.currentTimeMillis()) {
			return Uni.createFrom().item(fromOrigin(cached, origin));
		}
		return Panache.withSession(() -> sessions.findLive(hash)).map(session -> {
			if (session == null) {
				verified.remove(hash);
				return Optional.empty();
			}
			long until = Math.min(System.currentTimeMillis() + REMEMBER.toMillis(),
					session.expiresAt.toInstant().toEpochMilli());
			Remembered fresh = new Remembered(identity(session), session.origin, until);
			verified.put(hash, fresh);
			return fromOrigin(fresh, origin);
		});
	}

	/** A token used from another page than the one it was opened on is not accepted. */
	private static Optional<SecurityIdentity> fromOrigin(Remembered session, String origin) {
		return origin == null || origin.equals(session.origin()) ? Optional.of(session.identity()) : Optional.empty();
	}

	private List<String> identitySecrets(Widget widget) {
		List<String> valid = new ArrayList<>();
		if (widget.identitySecret != null) {
			valid.add(secrets.decrypt(widget.tenantId, widget.identitySecret));
		}
		if (widget.previousIdentitySecret != null && widget.previousValidUntil != null
				&& widget.previousValidUntil.isAfter(OffsetDateTime.now())) {
			valid.add(secrets.decrypt(widget.tenantId, widget.previousIdentitySecret));
		}
		if (valid.isEmpty()) {
			throw new ProblemException(401, "identity_not_configured", "Identity tokens not accepted",
					"This widget has no identity secret yet; an admin creates one with POST /api/v1/admin/widget/identity-secret.");
		}
		return valid;
	}

	private static SecurityIdentity identity(WidgetSession session) {
		return QuarkusSecurityIdentity.builder()
				.setPrincipal(new QuarkusPrincipal("end-user:" + session.endUserId))
				.addRole(Roles.END_USER)
				.addAttribute(Roles.TENANT_ATTRIBUTE, session.tenantId)
				.addAttribute(Roles.END_USER_ATTRIBUTE, session.endUserId)
				.addAttribute(Roles.END_USER_TRAITS_ATTRIBUTE, session.attributes == null ? Map.of() : session.attributes)
				.addAttribute(Roles.END_USER_TOKEN_ATTRIBUTE, session.identityToken == null ? "" : session.identityToken)
				.build();
	}
}
