package dev.switchboard.core.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a model's tool call arguments against the tool's JSON Schema (networknt, draft 2020-12, formats asserted),
 * for server actions and client-side tools alike, and checks that a schema someone declared is one.
 */
@ApplicationScoped
public class ToolArguments {

	private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

	private final ObjectMapper mapper;
	private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
	private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

	public ToolArguments(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The model's arguments, parsed and valid, or why not.
	 *
	 * @param arguments the parsed arguments, or null when refused
	 * @param refusal   what the model is told (a JSON tool result), or null when valid
	 */
	public record Checked(JsonNode arguments, String refusal) {
	}

	/**
	 * Parses and validates a tool call's arguments.
	 *
	 * @param cacheKey identifies the schema's exact content, so a compiled schema is reused only for the same schema
	 */
	public Checked check(String cacheKey, String schemaJson, String argumentsJson) {
		JsonNode arguments;
		try {
			arguments = mapper.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
		} catch (JsonProcessingException e) {
			return new Checked(null, error("invalid_arguments", "The arguments are not valid JSON: " + e.getOriginalMessage()));
		}
		Schema schema = compiled.computeIfAbsent(cacheKey, k -> schemas.getSchema(schemaJson, InputFormat.JSON));
		// Formats (email, date, uri…) are asserted, not just annotated: a bad email must fail before the user approves.
		List<String> problems = schema.validate(arguments.toString(), InputFormat.JSON,
				context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)))
				.stream().limit(10).map(Error::getMessage).toList();
		return problems.isEmpty() ? new Checked(arguments, null)
				: new Checked(null, error("invalid_arguments", "The arguments do not match the tool's schema: "
						+ String.join("; ", problems) + ". Fix them and call the tool again."));
	}

	/**
	 * What is wrong with a declared parameters schema: it must be a JSON Schema (checked against the draft 2020-12
	 * meta-schema) of an object, and self-contained: a {@code $ref} to anything but this document would make the
	 * validator fetch a URL someone else chose.
	 *
	 * @return the problems, empty when the schema is usable
	 */
	public List<String> schemaProblems(JsonNode schema) {
		List<String> problems = new ArrayList<>();
		if (!schema.isObject() || !"object".equals(schema.path("type").asText())) {
			problems.add("must be a JSON Schema with \"type\": \"object\"");
			return problems;
		}
		outsideReferences(schema, problems);
		if (!problems.isEmpty()) {
			return problems;
		}
		schemas.getSchema(SchemaLocation.of(DIALECT)).validate(schema.toString(), InputFormat.JSON).stream().limit(5)
				.forEach(e -> problems.add(e.getMessage()));
		return problems;
	}

	private static void outsideReferences(JsonNode node, List<String> problems) {
		if (node.isObject()) {
			for (var field : node.properties()) {
				boolean reference = field.getKey().equals("$ref") || field.getKey().equals("$dynamicRef");
				if (reference && !field.getValue().asText().startsWith("#")) {
					problems.add(field.getKey() + " may only point inside the schema (\"#/...\")");
				} else if (field.getKey().equals("$id") || field.getKey().equals("$schema")) {
					problems.add(field.getKey() + " is not allowed; the schema is draft 2020-12 and self-contained");
				} else {
					outsideReferences(field.getValue(), problems);
				}
			}
		} else if (node.isArray()) {
			node.forEach(item -> outsideReferences(item, problems));
		}
	}

	/** A tool result telling the model what went wrong. */
	public String error(String code, String message) {
		return mapper.createObjectNode().put("status", "error").put("code", code).put("message", message).toString();
	}
}
