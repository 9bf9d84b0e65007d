package dev.switchboard.core.record;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlResult;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes connector records older than their tenant's retention ({@code tenant.record_retention_days}, else
 * {@code switchboard.records.retention-days}), periodically. Each batch is one short statement that skips rows another
 * node is deleting at that moment, so every node may run the purge at once.
 */
@ApplicationScoped
public class RecordRetention {

	private static final Logger LOG = Logger.getLogger(RecordRetention.class);

	private final Pool pool;
	private final int defaultDays;
	private final int batchSize;

	public RecordRetention(Pool pool, @ConfigProperty(name = "switchboard.records.retention-days") int defaultDays,
			@ConfigProperty(name = "switchboard.records.purge-batch-size") int batchSize) {
		this.pool = pool;
		this.defaultDays = defaultDays;
		this.batchSize = batchSize;
	}

	/** The retention of a tenant that has not chosen its own. */
	public int defaultDays() {
		return defaultDays;
	}

	@Scheduled(every = "${switchboard.records.purge-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
	Uni<Void> purgeExpired() {
		return purge(Instant.now()).onFailure().invoke(e -> LOG.warnf("Purging expired connector records failed; "
				+ "retried at the next interval: %s", e.getMessage())).onFailure().recoverWithNull().replaceWithVoid();
	}

	/** Deletes every tenant's records that are past its retention at {@code now}; returns how many. */
	public Uni<Long> purge(Instant now) {
		return pool.preparedQuery("SELECT id, COALESCE(record_retention_days, $1) AS days FROM tenant")
				.execute(Tuple.of(defaultDays)).onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
				.onItem().transformToUniAndConcatenate(row -> purge(row.getString("id"), row.getInteger("days"), now))
				.collect().with(Collectors.summingLong(Long::longValue));
	}

	private Uni<Long> purge(String tenantId, int days, Instant now) {
		Tuple batch = Tuple.of(tenantId, now.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC), batchSize);
		return Multi.createBy().repeating()
				.uni(() -> pool.preparedQuery("DELETE FROM connector_record WHERE id IN (SELECT id FROM connector_record "
						+ "WHERE tenant_id = $1 AND created_at < $2 LIMIT $3 FOR UPDATE SKIP LOCKED)").execute(batch)
						.map(SqlResult::rowCount))
				.whilst(deleted -> deleted == batchSize)
				.collect().with(Collectors.summingLong(Integer::longValue))
				.invoke(deleted -> {
					if (deleted > 0) {
						LOG.infof("Tenant %s: purged %d connector records older than %d days", tenantId, deleted, days);
					}
				});
	}
}
