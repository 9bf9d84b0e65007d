package dev.switchboard.sdk.store;

import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.error.InvalidRequestException;

/**
 * Records a connector keeps in the host's database rather than sending them elsewhere, e.g. submitted forms. The host
 * scopes the store to one tenant and one connector instance, and tenant admins list and read the records through the
 * host's admin API ({@code /api/v1/admin/connectors/{name}/records}); a connector only adds records.
 *
 * <p>Thread-safe. Calls block on the database; make them from {@link dev.switchboard.sdk.action.ActionConnector#invoke},
 * which the host runs off its event loop.
 */
public interface RecordStore {

	/** The largest record accepted, in characters of JSON text. */
	int MAX_JSON_CHARS = 65_536;

	/** What a kind must look like: lower-case letters, digits and underscores, starting with a letter. */
	String KIND_PATTERN = "[a-z][a-z0-9_]{0,62}";

	/** The longest key accepted, in characters. */
	int MAX_KEY_CHARS = 200;

	/**
	 * Stores a record once. Saving a key that is already stored changes nothing and answers the record first stored,
	 * so a retried invocation (derive the key from {@link ActionContext#idempotencyKey()}) never stores twice.
	 *
	 * @param kind    what the record is, which admins filter by, e.g. a form's name; matches {@link #KIND_PATTERN}
	 * @param key     the connector's own id for the record, unique within the kind; at most {@link #MAX_KEY_CHARS}
	 * @param json    the record, a JSON object as text, at most {@link #MAX_JSON_CHARS}
	 * @param context the invocation the record comes from; its end user is stored with the record
	 * @return the stored record
	 * @throws dev.switchboard.sdk.error.InvalidRequestException      when the kind, key or JSON is not acceptable
	 * @throws dev.switchboard.sdk.error.UpstreamUnavailableException when the host's database cannot store it now
	 */
	StoredRecord save(String kind, String key, String json, ActionContext context);

	/**
	 * The checks every store makes before it parses the JSON, shared by the host and the test kit so a plugin's tests
	 * refuse what the host refuses.
	 *
	 * @throws InvalidRequestException naming the first problem
	 */
	static void checkDraft(String kind, String key, String json) {
		if (kind == null || !kind.matches(KIND_PATTERN)) {
			throw new InvalidRequestException("a record's kind must match " + KIND_PATTERN);
		}
		if (key == null || key.isBlank() || key.length() > MAX_KEY_CHARS) {
			throw new InvalidRequestException("a record's key must be 1 to " + MAX_KEY_CHARS + " characters");
		}
		if (json == null || json.length() > MAX_JSON_CHARS) {
			throw new InvalidRequestException("a record must be at most " + MAX_JSON_CHARS + " characters of JSON");
		}
	}
}
