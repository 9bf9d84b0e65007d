package dev.switchboard.sdk.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A record as the host stored it. Immutable.
 *
 * @param id        the host's id for the record, as the admin API shows it
 * @param kind      what the record is, e.g. a form's name
 * @param key       the connector's own id for the record, unique within the kind
 * @param json      the record, a JSON object as text
 * @param endUserId the end user of the invocation that stored it, or {@code null}
 * @param createdAt when it was first stored
 */
public record StoredRecord(String id, String kind, String key, String json, String endUserId, Instant createdAt) {

	public StoredRecord {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(json, "json");
		Objects.requireNonNull(createdAt, "createdAt");
	}
}
