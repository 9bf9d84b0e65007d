package dev.switchboard.plugins.mcp.internal;

import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.error.ActionRejectedException;
import dev.switchboard.sdk.text.ForeignText;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Turns a tool's answer into an action result of bounded size. Stateless. */
public final class ToolResults {

	private static final int MAX_SUMMARY = 160;
	private static final int MAX_ERROR = 300;

	private ToolResults() {
	}

	/**
	 * The action result of a tool call: its {@code structuredContent} as JSON when present and within the cap, else
	 * {@code {"text": ...}} with the text parts joined (capped, {@code "truncated": true} when cut).
	 *
	 * @throws ActionRejectedException when the tool reported an error ({@code isError}), with its text summarised
	 */
	public static ActionResult toActionResult(String toolName, McpSchema.CallToolResult result, int maxChars) {
		String text = joinedText(result.content());
		if (Boolean.TRUE.equals(result.isError())) {
			throw new ActionRejectedException(
					"MCP tool " + toolName + " reported an error: " + ForeignText.summarise(text, MAX_ERROR));
		}
		JsonMapper json = JsonMapper.shared();
		String output = null;
		if (result.structuredContent() != null) {
			JsonNode structured = json.valueToTree(result.structuredContent());
			String structuredJson = json.writeValueAsString(structured.isObject() ? structured
					: json.createObjectNode().set("result", structured));
			output = structuredJson.length() <= maxChars ? structuredJson : textOutput(structuredJson, maxChars);
		}
		if (output == null) {
			output = textOutput(text, maxChars);
		}
		String summary = text.isBlank() ? "Ran " + toolName : "Ran " + toolName + ": " + ForeignText.summarise(text, MAX_SUMMARY);
		return ActionResult.done(output, summary);
	}

	private static String textOutput(String text, int maxChars) {
		ObjectNode output = JsonMapper.shared().createObjectNode().put("text", ForeignText.cap(text, maxChars));
		if (text.length() > maxChars) {
			output.put("truncated", true);
		}
		return JsonMapper.shared().writeValueAsString(output);
	}

	/** Text parts as they are; other parts as a short placeholder, since binary data means nothing to the model. */
	static String joinedText(List<McpSchema.Content> content) {
		if (content == null) {
			return "";
		}
		return content.stream().map(ToolResults::asText).collect(Collectors.joining("\n"));
	}

	private static String asText(McpSchema.Content part) {
		return switch (part) {
			case McpSchema.TextContent text -> text.text();
			case McpSchema.ImageContent image -> "[image " + image.mimeType() + " omitted]";
			case McpSchema.AudioContent audio -> "[audio " + audio.mimeType() + " omitted]";
			case McpSchema.EmbeddedResource embedded
					when embedded.resource() instanceof McpSchema.TextResourceContents resource -> resource.text();
			case McpSchema.EmbeddedResource embedded -> "[resource " + embedded.resource().uri() + " ("
					+ embedded.resource().mimeType() + ") omitted]";
			case McpSchema.ResourceLink link -> "[resource link " + link.name() + ": " + link.uri() + "]";
			default -> "[" + part.type() + " omitted]";
		};
	}
}
