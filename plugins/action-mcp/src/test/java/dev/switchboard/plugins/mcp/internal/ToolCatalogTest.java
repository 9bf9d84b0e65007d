package dev.switchboard.plugins.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InstanceConfig;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool lists become valid, unique action names with effects the admin controls; offline. */
class ToolCatalogTest {

	@Test
	void should_sanitise_names_and_keep_them_unique() {
		ToolCatalog catalog = ToolCatalog.of(List.of(tool("get-sum", null), tool("get_sum", null),
				tool("9lives", null), tool("createIssue", null), tool("x".repeat(60), null)), settings(Map.of()));

		assertThat(catalog.specs()).extracting(ActionSpec::name).containsExactly("get_sum", "get_sum_2",
				"tool_9lives", "create_issue", "x".repeat(48));
		assertThat(catalog.toolName("get_sum_2")).contains("get_sum");
	}

	@Test
	void should_trust_only_the_admin_for_read_only_and_hints_only_to_be_stricter() {
		McpSchema.ToolAnnotations claimsReadOnly = new McpSchema.ToolAnnotations(null, true, false, true, false, null);
		McpSchema.ToolAnnotations claimsDestructive = new McpSchema.ToolAnnotations(null, false, true, false, false, null);
		ToolCatalog catalog = ToolCatalog.of(List.of(tool("lookup", claimsReadOnly), tool("wipe", claimsDestructive),
				tool("search", null)), settings(Map.of("readOnlyTools", "search")));

		assertThat(catalog.specs()).extracting(ActionSpec::effect).containsExactly(Effect.WRITE, Effect.DESTRUCTIVE,
				Effect.READ_ONLY);
	}

	@Test
	void should_give_a_schema_without_type_the_object_type() {
		ToolCatalog catalog = ToolCatalog.of(List.of(new McpSchema.Tool("bare", null, null, Map.of(), null, null, null)),
				settings(Map.of()));

		assertThat(catalog.specs().getFirst().inputSchema()).isEqualTo("{\"type\":\"object\"}");
		assertThat(catalog.specs().getFirst().description()).isEqualTo("Calls the MCP tool bare.");
	}

	private static McpSchema.Tool tool(String name, McpSchema.ToolAnnotations annotations) {
		return new McpSchema.Tool(name, null, "Does " + name, Map.of("type", "object"), null, annotations, null);
	}

	private static McpSettings settings(Map<String, String> values) {
		Map<String, String> all = new HashMap<>(values);
		all.put("serverUrl", "https://mcp.example.com/mcp");
		return McpSettings.from(new InstanceConfig("t", "i", all));
	}
}
