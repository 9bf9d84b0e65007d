package dev.switchboard.sdk.model;

import java.util.Objects;

/**
 * A complete tool call made by the model.
 *
 * @param id        the call id the model gave, echoed back in the tool result
 * @param name      the tool's name
 * @param arguments the arguments as JSON text, exactly as the model produced them (they may be invalid JSON; the
 *                  host validates before anything runs)
 */
public record ToolCall(String id, String name, String arguments) {

	public ToolCall {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(name, "name");
		arguments = arguments == null ? "" : arguments;
	}
}
