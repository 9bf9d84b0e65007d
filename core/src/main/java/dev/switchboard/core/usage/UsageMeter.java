package dev.switchboard.core.usage;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.TenantRepository;
import dev.switchboard.sdk.model.TokenUsage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Counts the tokens every model call uses, per tenant, UTC day and backend, and enforces tenants' daily token
 * budgets. Calls add to counters in memory, which are written to PostgreSQL once a second in one upsert per counter,
 * so metering costs the hot path no database round trip. The budget check reads the stored total (cached a few
 * seconds) plus what this node has not written yet; a message is refused before it is accepted, never after.
 */
@ApplicationScoped
public class UsageMeter {

	private static final Logger LOG = Logger.getLogger(UsageMeter.class);
	private static final long TOTAL_CACHE_MILLIS = 5_000;

	private final Pool pool;
	private final TenantRepository tenants;
	private final Map<Key, Counter> pending = new ConcurrentHashMap<>();
	private final Map<String, CachedTotal> totals = new ConcurrentHashMap<>();
	private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("usage-flush").daemon().factory());

	private record Key(String tenantId, LocalDate day, String backend) {
	}

	/** Changed only inside {@code pending.compute}, so a flush that removes it never races a writer. */
	private static final class Counter {
		long requests;
		long input;
		long output;
		BigDecimal cost = BigDecimal.ZERO;
		long unpriced;
	}

	private record CachedTotal(LocalDate day, long tokens, Long budget, long until) {
	}

	public UsageMeter(Pool pool, TenantRepository tenants) {
		this.pool = pool;
		this.tenants = tenants;
		flusher.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
	}

	/** Counts one model call's tokens and cost. */
	public void record(String tenantId, MeteredCall call) {
		pending.compute(new Key(tenantId, today(), call.backend()), (key, counter) -> {
			Counter c = counter != null ? counter : new Counter();
			c.requests++;
			c.input += call.inputTokens();
			c.output += call.outputTokens();
			if (call.cost() != null) {
				c.cost = c.cost.add(call.cost());
			} else {
				c.unpriced++;
			}
			return c;
		});
	}

	/** Fails with 429 {@code token_budget_exhausted} when the tenant used its daily token budget. */
	public Uni<Void> checkBudget(String tenantId) {
		return total(tenantId).map(total -> {
			if (total.budget() != null && total.tokens() + unflushed(tenantId) >= total.budget()) {
				long seconds = Duration.between(ZonedDateTime.now(ZoneOffset.UTC),
						today().plusDays(1).atStartOfDay(ZoneOffset.UTC)).toSeconds() + 1;
				throw new ProblemException(429, "token_budget_exhausted", "Daily token budget used",
						"Tenant '" + tenantId + "' used its " + total.budget() + " tokens for today (UTC); it renews at midnight UTC.")
						.retryAfter(seconds);
			}
			return null;
		});
	}

	/** Forgets a tenant's cached budget and total, after its budget changed on this node. */
	public void forget(String tenantId) {
		totals.remove(tenantId);
	}

	private Uni<CachedTotal> total(String tenantId) {
		CachedTotal cached = totals.get(tenantId);
		LocalDate day = today();
		if (cached != null && cached.until() > System.currentTimeMillis() && cached.day().equals(day)) {
			return Uni.createFrom().item(cached);
		}
		return ReactiveCalls.onContext(() -> Panache.withSession(() -> tenants.findById(tenantId))).flatMap(tenant -> {
			if (tenant == null || tenant.tokensPerDay == null) {
				return Uni.createFrom().item(new CachedTotal(day, 0, null, System.currentTimeMillis() + TOTAL_CACHE_MILLIS));
			}
			return pool.preparedQuery("SELECT COALESCE(SUM(input_tokens + output_tokens), 0) FROM usage_daily "
					+ "WHERE tenant_id = $1 AND day = $2").execute(Tuple.of(tenantId, day))
					.map(rows -> new CachedTotal(day, rows.iterator().next().getLong(0), tenant.tokensPerDay,
							System.currentTimeMillis() + TOTAL_CACHE_MILLIS));
		}).invoke(total -> totals.put(tenantId, total));
	}

	private long unflushed(String tenantId) {
		return pending.entrySet().stream().filter(e -> e.getKey().tenantId().equals(tenantId))
				.mapToLong(e -> e.getValue().input + e.getValue().output).sum();
	}

	/** Writes the counters: each is taken out of the map before writing, so nothing is counted twice or lost. */
	void flush() {
		List<Tuple> rows = new ArrayList<>();
		for (Key key : List.copyOf(pending.keySet())) {
			Counter counter = pending.remove(key);
			if (counter != null) {
				rows.add(Tuple.tuple(List.of(key.tenantId(), key.day(), key.backend(), counter.requests, counter.input,
						counter.output, counter.cost, counter.unpriced)));
			}
		}
		if (rows.isEmpty()) {
			return;
		}
		try {
			pool.preparedQuery("INSERT INTO usage_daily (tenant_id, day, backend, requests, input_tokens, output_tokens, "
					+ "cost, unpriced_requests) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
					+ "ON CONFLICT (tenant_id, day, backend) DO UPDATE SET "
					+ "requests = usage_daily.requests + excluded.requests, "
					+ "input_tokens = usage_daily.input_tokens + excluded.input_tokens, "
					+ "output_tokens = usage_daily.output_tokens + excluded.output_tokens, "
					+ "cost = usage_daily.cost + excluded.cost, "
					+ "unpriced_requests = usage_daily.unpriced_requests + excluded.unpriced_requests").executeBatch(rows)
					.await().atMost(Duration.ofSeconds(10));
			rows.forEach(row -> totals.remove(row.getString(0)));
		} catch (RuntimeException e) {
			LOG.warnf("Usage not written, %d counters lost: %s", rows.size(), e.getMessage());
		}
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	@PreDestroy
	void stop() {
		flusher.shutdown();
		flush();
	}
}
