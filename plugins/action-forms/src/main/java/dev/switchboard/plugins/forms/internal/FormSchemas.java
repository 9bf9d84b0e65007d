package dev.switchboard.plugins.forms.internal;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schema checks with the validator and dialect the host uses for action arguments (networknt, draft 2020-12), so
 * a form schema accepted here also compiles in the host. Unlike the host's default, {@code format} is asserted: a form
 * field declared {@code "format": "email"} must hold an email address. Thread-safe.
 */
public final class FormSchemas {

	private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
	private static final int MAX_PROBLEMS = 10;

	// The meta-schemas ship inside the validator's jar, so checking a form schema never goes to the network.
	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
	private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));

	private FormSchemas() {
	}

	/** The URI of the only dialect form schemas may declare in {@code $schema}. */
	public static String dialect() {
		return DRAFT_2020_12;
	}

	/** What makes {@code schema} an invalid draft 2020-12 schema, as {@code <location>: <problem>} lines. */
	public static List<String> metaSchemaProblems(JsonNode schema) {
		return messages(META_SCHEMA.validate(schema));
	}

	/**
	 * Compiles a schema for validating instances.
	 *
	 * @throws RuntimeException from the validator when the schema cannot be compiled
	 */
	public static Schema compile(JsonNode schema) {
		return REGISTRY.getSchema(schema);
	}

	/** What makes {@code instance} invalid against {@code schema}, as {@code <location>: <problem>} lines. */
	public static List<String> problems(Schema schema, JsonNode instance) {
		return messages(schema.validate(instance));
	}

	private static List<String> messages(List<Error> errors) {
		// toString, unlike getMessage, leads with the instance location, e.g. "/work_email: does not match …".
		return errors.stream().limit(MAX_PROBLEMS).map(Error::toString).toList();
	}
}
