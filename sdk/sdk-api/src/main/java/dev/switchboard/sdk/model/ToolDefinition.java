package dev.switchboard.sdk.model;

import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param name             the tool name the model uses ({@code [a-zA-Z0-9_-]{1,64}}, the common limit of chat APIs)
 * @param description      what it does and when to use it
 * @param parametersSchema the JSON Schema of its arguments, as JSON text (an object schema)
 */
public record ToolDefinition(String name, String description, String parametersSchema) {

	public ToolDefinition {
		Objects.requireNonNull(name, "name");
		if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
			throw new IllegalArgumentException("tool name must match [a-zA-Z0-9_-]{1,64}: " + name);
		}
		description = description == null ? "" : description;
		parametersSchema = parametersSchema == null ? "{\"type\":\"object\",\"properties\":{}}" : parametersSchema;
	}
}
