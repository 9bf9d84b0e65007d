package dev.switchboard.plugins.mcp.internal;

import dev.switchboard.sdk.action.ActionNames;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.text.ForeignText;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The actions made from one server's tool list, and the way back from an action name to its tool. Immutable.
 */
public final class ToolCatalog {

	/** A server's description reaches the model in every turn; a longer one is cut. */
	private static final int MAX_DESCRIPTION = 2_000;

	private final List<ActionSpec> specs;
	private final Map<String, String> toolByAction;

	private ToolCatalog(List<ActionSpec> specs, Map<String, String> toolByAction) {
		this.specs = List.copyOf(specs);
		this.toolByAction = Map.copyOf(toolByAction);
	}

	/** Builds the catalogue of the tools the settings expose, in the server's order. */
	public static ToolCatalog of(List<McpSchema.Tool> tools, McpSettings settings) {
		ActionNames names = new ActionNames("tool_");
		Map<String, String> toolByAction = new LinkedHashMap<>();
		List<ActionSpec> specs = new ArrayList<>();
		for (McpSchema.Tool tool : tools) {
			// Named before filtering, so a tool keeps its action name whichever others the admin exposes.
			String name = names.claim(settings.namePrefix() + tool.name());
			if (settings.exposes(tool.name())) {
				toolByAction.put(name, tool.name());
				specs.add(ActionSpec.of(name, title(tool), description(tool), inputSchema(tool), null,
						effect(tool, settings)));
			}
		}
		return new ToolCatalog(specs, toolByAction);
	}

	/** The actions, one per exposed tool. */
	public List<ActionSpec> specs() {
		return specs;
	}

	/** The MCP tool an action calls. */
	public Optional<String> toolName(String action) {
		return Optional.ofNullable(toolByAction.get(action));
	}

	/**
	 * Annotations are hints from a server we do not control: only the admin's list makes a tool read-only, and a
	 * server's explicit destructiveHint can only make it stricter. (The MCP default for an absent destructiveHint is
	 * true; following it would make every tool unrelaxable, so only an explicit true counts.)
	 */
	static Effect effect(McpSchema.Tool tool, McpSettings settings) {
		if (settings.readOnlyTools().contains(tool.name())) {
			return Effect.READ_ONLY;
		}
		McpSchema.ToolAnnotations hints = tool.annotations();
		return hints != null && Boolean.TRUE.equals(hints.destructiveHint()) ? Effect.DESTRUCTIVE : Effect.WRITE;
	}

	private static String title(McpSchema.Tool tool) {
		if (tool.title() != null && !tool.title().isBlank()) {
			return tool.title();
		}
		McpSchema.ToolAnnotations hints = tool.annotations();
		return hints != null && hints.title() != null && !hints.title().isBlank() ? hints.title() : tool.name();
	}

	private static String description(McpSchema.Tool tool) {
		String description = tool.description() == null || tool.description().isBlank()
				? "Calls the MCP tool " + tool.name() + "." : tool.description();
		return ForeignText.cap(description, MAX_DESCRIPTION);
	}

	private static String inputSchema(McpSchema.Tool tool) {
		JsonMapper json = JsonMapper.shared();
		ObjectNode schema = tool.inputSchema() == null ? json.createObjectNode()
				: json.valueToTree(tool.inputSchema());
		// MCP requires an object schema; a server that omits the type still takes an arguments object.
		if (!schema.has("type")) {
			schema.put("type", "object");
		}
		return json.writeValueAsString(schema);
	}
}
