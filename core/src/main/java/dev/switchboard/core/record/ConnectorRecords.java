package dev.switchboard.core.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.store.RecordStore;
import dev.switchboard.sdk.store.StoredRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The records connectors keep in PostgreSQL ({@code connector_record}): a {@link RecordStore} bound to one tenant and
 * connector for the plugin, and the tenant-scoped reads and erasures behind the admin API. Every query names its
 * tenant. Erasures are logged with who asked, never with what the records held.
 */
@ApplicationScoped
public class ConnectorRecords {

	private static final Logger LOG = Logger.getLogger(ConnectorRecords.class);

	private final Pool pool;
	private final ObjectMapper mapper;

	public ConnectorRecords(Pool pool, ObjectMapper mapper) {
		this.pool = pool;
		this.mapper = mapper;
	}

	/** A record as the admin API reads it. */
	public record Entry(UUID id, String connector, String kind, String key, String endUserId, JsonNode data,
			OffsetDateTime createdAt) {
	}

	/** The store a connector instance of the tenant writes to; it cannot reach another tenant's or instance's rows. */
	public RecordStore storeFor(String tenantId, String connector) {
		return (kind, key, json, context) -> save(tenantId, connector, kind, key, json, context);
	}

	/** The tenant's records of one connector, newest first, optionally of one kind and one end user. */
	public Uni<List<Entry>> list(String tenantId, String connector, String kind, String endUserId, int page, int size) {
		return pool.preparedQuery("SELECT * FROM connector_record WHERE tenant_id = $1 AND connector = $2 "
				+ "AND ($3::text IS NULL OR kind = $3) AND ($4::text IS NULL OR end_user_id = $4) "
				+ "ORDER BY created_at DESC, id LIMIT $5 OFFSET $6")
				.execute(Tuple.tuple(Arrays.asList(tenantId, connector, kind, endUserId, size, (long) page * size)))
				.map(rows -> {
					List<Entry> entries = new ArrayList<>();
					rows.forEach(row -> entries.add(entry(row)));
					return entries;
				});
	}

	/** One record of the tenant's connector, or null. */
	public Uni<Entry> find(String tenantId, String connector, UUID id) {
		return pool.preparedQuery("SELECT * FROM connector_record WHERE tenant_id = $1 AND connector = $2 AND id = $3")
				.execute(Tuple.of(tenantId, connector, id))
				.map(rows -> rows.iterator().hasNext() ? entry(rows.iterator().next()) : null);
	}

	/** Erases one record of the tenant's connector; false when there is no such record. */
	public Uni<Boolean> erase(String tenantId, String connector, UUID id, String erasedBy) {
		return pool.preparedQuery("DELETE FROM connector_record WHERE tenant_id = $1 AND connector = $2 AND id = $3")
				.execute(Tuple.of(tenantId, connector, id)).map(result -> {
					if (result.rowCount() > 0) {
						LOG.infof("Tenant %s: %s erased record %s of connector %s", tenantId, erasedBy, id, connector);
					}
					return result.rowCount() > 0;
				});
	}

	/** Erases every record of one end user across the tenant's connectors (a data subject's erasure request). */
	public Uni<Integer> eraseEndUser(String tenantId, String endUserId, String erasedBy) {
		return pool.preparedQuery("DELETE FROM connector_record WHERE tenant_id = $1 AND end_user_id = $2")
				.execute(Tuple.of(tenantId, endUserId)).map(result -> {
					// The end user's id stays out of the log: the request erased what identified them.
					LOG.infof("Tenant %s: %s erased one end user's records, %d in all", tenantId, erasedBy,
							result.rowCount());
					return result.rowCount();
				});
	}

	private StoredRecord save(String tenantId, String connector, String kind, String key, String json,
			ActionContext context) {
		RecordStore.checkDraft(kind, key, json);
		JsonNode body;
		try {
			body = mapper.readTree(json);
		} catch (JsonProcessingException e) {
			throw new InvalidRequestException("a record must be valid JSON");
		}
		if (body == null || !body.isObject()) {
			throw new InvalidRequestException("a record must be a JSON object");
		}
		Tuple values = Tuple.tuple(Arrays.asList(UUID.randomUUID(), tenantId, connector, kind, key,
				context.endUserId(), body.toString()));
		try {
			// A key already stored keeps its first record: the insert does nothing and the select finds that one.
			Row row = ReactiveCalls.await(() -> pool.preparedQuery("INSERT INTO connector_record (id, tenant_id, "
					+ "connector, kind, record_key, end_user_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6, "
					+ "$7::text::jsonb, now()) ON CONFLICT (tenant_id, connector, kind, record_key) DO NOTHING")
					.execute(values)
					.flatMap(inserted -> pool.preparedQuery("SELECT * FROM connector_record WHERE tenant_id = $1 "
							+ "AND connector = $2 AND kind = $3 AND record_key = $4")
							.execute(Tuple.of(tenantId, connector, kind, key)))
					.map(rows -> rows.iterator().next()));
			Entry stored = entry(row);
			return new StoredRecord(stored.id().toString(), kind, key, stored.data().toString(), stored.endUserId(),
					stored.createdAt().toInstant());
		} catch (RuntimeException e) {
			LOG.errorf(e, "Connector %s of tenant %s could not store a %s record", connector, tenantId, kind);
			throw new UpstreamUnavailableException("Switchboard could not store the record just now");
		}
	}

	private Entry entry(Row row) {
		JsonNode data;
		try {
			data = mapper.readTree(String.valueOf(row.getValue("body")));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("a stored record is not JSON", e);
		}
		return new Entry(row.getUUID("id"), row.getString("connector"), row.getString("kind"),
				row.getString("record_key"), row.getString("end_user_id"), data, row.getOffsetDateTime("created_at"));
	}
}
