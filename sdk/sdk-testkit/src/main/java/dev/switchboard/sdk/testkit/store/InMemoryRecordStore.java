package dev.switchboard.sdk.testkit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.store.RecordStore;
import dev.switchboard.sdk.store.StoredRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link RecordStore} for plugin tests that keeps records in memory, with the host's rules: the same checks, a JSON
 * object only, and a key stored once. {@link #records()} shows what the connector stored. Thread-safe.
 */
public final class InMemoryRecordStore implements RecordStore {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Map<String, StoredRecord> byKindAndKey = new LinkedHashMap<>();

	@Override
	public synchronized StoredRecord save(String kind, String key, String json, ActionContext context) {
		RecordStore.checkDraft(kind, key, json);
		try {
			JsonNode node = JSON.readTree(json);
			if (node == null || !node.isObject()) {
				throw new InvalidRequestException("a record must be a JSON object");
			}
		} catch (JsonProcessingException e) {
			throw new InvalidRequestException("a record must be valid JSON");
		}
		return byKindAndKey.computeIfAbsent(kind + "\u0000" + key, k -> new StoredRecord(UUID.randomUUID().toString(),
				kind, key, json, context.endUserId(), Instant.now()));
	}

	/** The records stored so far, oldest first. */
	public synchronized List<StoredRecord> records() {
		return List.copyOf(new ArrayList<>(byKindAndKey.values()));
	}
}
