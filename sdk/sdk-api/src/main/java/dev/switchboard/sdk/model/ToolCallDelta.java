package dev.switchboard.sdk.model;

/**
 * A fragment of a tool call while it streams. The first fragment of a call carries its {@code id} and {@code name};
 * later fragments of the same {@code index} carry only more argument text.
 *
 * @param index          position of the call among the calls of this answer
 * @param id             the call id, on the first fragment; {@code null} after
 * @param name           the tool name, on the first fragment; {@code null} after
 * @param argumentsDelta more argument JSON text, possibly empty
 */
public record ToolCallDelta(int index, String id, String name, String argumentsDelta) {
}
