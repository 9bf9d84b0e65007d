package dev.switchboard.core.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Issues and verifies tenant API keys. A verified key is remembered for a few seconds so the hot path costs no
 * database round trip; a revocation takes effect at once on the node that made it and within {@link #REMEMBER} on
 * the others. Last use is recorded at most once a minute per key.
 */
@ApplicationScoped
public class ApiKeys {

	static final String PREFIX = "sbk_";
	private static final Duration REMEMBER = Duration.ofSeconds(10);
	private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
	private static final Logger LOG = Logger.getLogger(ApiKeys.class);

	private final ApiKeyRepository keys;
	private final Pool pool;
	private final Map<String, Verified> verified = new ConcurrentHashMap<>();

	public ApiKeys(ApiKeyRepository keys, Pool pool) {
		this.keys = keys;
		this.pool = pool;
	}

	private record Verified(UUID id, String tenantId, String scope, long until, OffsetDateTime touched) {
	}

	/** A new key, stored hashed; the returned plain key is shown once and never again. */
	public record Issued(ApiKey key, String plainKey) {
	}

	public Uni<Issued> issue(String tenantId, String name, String scope) {
		String plain = Tokens.issue(PREFIX);
		ApiKey key = new ApiKey();
		key.id = UUID.randomUUID();
		key.tenantId = tenantId;
		key.name = name;
		key.prefix = plain.substring(0, PREFIX.length() + 6);
		key.keyHash = Tokens.hash(plain);
		key.scope = scope;
		key.createdAt = OffsetDateTime.now();
		return keys.persist(key).map(saved -> new Issued(saved, plain));
	}

	/** Forgets a revoked key on this node at once. */
	public void forget(ApiKey key) {
		verified.remove(key.keyHash);
	}

	/** The identity of a presented key, if it is a live key. */
	public Uni<Optional<SecurityIdentity>> verify(String presented) {
		if (!presented.startsWith(PREFIX)) {
			return Uni.createFrom().item(Optional.empty());
		}
		String hash = Tokens.hash(presented);
		Verified cached = verified.get(hash);
		if (cached != null && cached.until() > System.currentTimeMillis()) {
			touchIfDue(hash, cached);
			return Uni.createFrom().item(Optional.of(identity(cached)));
		}
		return Panache.withSession(() -> keys.findActiveByHash(hash)).map(key -> {
			if (key == null) {
				verified.remove(hash);
				return Optional.empty();
			}
			Verified fresh = new Verified(key.id, key.tenantId, key.scope, System.currentTimeMillis() + REMEMBER.toMillis(),
					cached == null ? key.lastUsedAt : cached.touched());
			verified.put(hash, fresh);
			touchIfDue(hash, fresh);
			return Optional.of(identity(fresh));
		});
	}

	private void touchIfDue(String hash, Verified key) {
		OffsetDateTime now = OffsetDateTime.now();
		if (key.touched() != null && key.touched().plus(TOUCH_EVERY).isAfter(now)) {
			return;
		}
		verified.computeIfPresent(hash, (h, v) -> new Verified(v.id(), v.tenantId(), v.scope(), v.until(), now));
		// On the pool, not in a Panache transaction: that would join the request's own session (it lives on the same
		// Vert.x context), and its commit would flush whatever the request had begun, e.g. insert a new connector twice.
		pool.preparedQuery("UPDATE api_key SET last_used_at = $1 WHERE id = $2").execute(Tuple.of(now, key.id()))
				.subscribe().with(rows -> {
				}, e -> LOG.debugf("Could not record last use of key %s: %s", key.id(), e.getMessage()));
	}

	private static SecurityIdentity identity(Verified key) {
		QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
				.setPrincipal(new QuarkusPrincipal("api-key:" + key.id()))
				.addAttribute(Roles.TENANT_ATTRIBUTE, key.tenantId())
				.addRole(Roles.CHAT);
		if (ApiKey.ADMIN.equals(key.scope())) {
			identity.addRole(Roles.TENANT_ADMIN);
		}
		return identity.build();
	}
}
