package dev.switchboard.core.tenant;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.ProblemException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits how many messages each widget end user and each API key may send per minute, per tenant settings
 * (token buckets, refilled continuously). Operators are not limited. Checked before a message is accepted, so a
 * refused message is never half-stored and an accepted one is always answered. Buckets live in this node's memory:
 * with several nodes behind a balancer, the effective limit is the limit times the number of nodes.
 */
@ApplicationScoped
public class RateLimits {

	private static final long LIMITS_CACHE_MILLIS = 10_000;

	private final TenantRepository tenants;
	private final int defaultPerUser;
	private final int defaultPerKey;
	/** Idle callers' buckets are dropped: after two idle minutes a bucket is full again anyway. */
	private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).build();
	private final Map<String, CachedLimits> limits = new ConcurrentHashMap<>();

	public RateLimits(TenantRepository tenants,
			@ConfigProperty(name = "switchboard.limits.requests-per-minute-per-user") int defaultPerUser,
			@ConfigProperty(name = "switchboard.limits.requests-per-minute-per-key") int defaultPerKey) {
		this.tenants = tenants;
		this.defaultPerUser = defaultPerUser;
		this.defaultPerKey = defaultPerKey;
	}

	private record CachedLimits(int perUser, int perKey, long until) {
	}

	/** Takes one request from the caller's allowance; fails with 429 {@code rate_limited} and a Retry-After. */
	public Uni<Void> take(SecurityIdentity identity, String tenantId) {
		String endUser = identity.getAttribute(Roles.END_USER_ATTRIBUTE);
		String principal = identity.getPrincipal().getName();
		boolean apiKey = principal.startsWith("api-key:");
		if (endUser == null && !apiKey) {
			return Uni.createFrom().voidItem();
		}
		return limitsOf(tenantId).map(l -> {
			int perMinute = endUser != null ? l.perUser() : l.perKey();
			String key = tenantId + "|" + (endUser != null ? "user:" + endUser : principal) + "|" + perMinute;
			Bucket bucket = buckets.get(key, k -> Bucket.builder().addLimit(Bandwidth.builder()
					.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build());
			ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
			if (!probe.isConsumed()) {
				long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
				throw new ProblemException(429, "rate_limited", "Too many requests", "This "
						+ (endUser != null ? "user" : "API key") + " may send " + perMinute + " messages a minute; retry in "
						+ seconds + " s.").retryAfter(seconds);
			}
			return null;
		});
	}

	/** Forgets a tenant's cached settings after they changed on this node. */
	void forget(String tenantId) {
		limits.remove(tenantId);
	}

	private Uni<CachedLimits> limitsOf(String tenantId) {
		CachedLimits cached = limits.get(tenantId);
		if (cached != null && cached.until() > System.currentTimeMillis()) {
			return Uni.createFrom().item(cached);
		}
		return ReactiveCalls.onContext(() -> Panache.withSession(() -> tenants.findById(tenantId))).map(t -> {
			CachedLimits fresh = new CachedLimits(
					t.requestsPerMinutePerUser != null ? t.requestsPerMinutePerUser : defaultPerUser,
					t.requestsPerMinutePerKey != null ? t.requestsPerMinutePerKey : defaultPerKey,
					System.currentTimeMillis() + LIMITS_CACHE_MILLIS);
			limits.put(tenantId, fresh);
			return fresh;
		});
	}
}
