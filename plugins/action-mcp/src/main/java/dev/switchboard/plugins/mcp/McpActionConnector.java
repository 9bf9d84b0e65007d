package dev.switchboard.plugins.mcp;

import dev.switchboard.plugins.mcp.internal.McpErrors;
import dev.switchboard.plugins.mcp.internal.McpSessions;
import dev.switchboard.plugins.mcp.internal.McpSettings;
import dev.switchboard.plugins.mcp.internal.ToolCatalog;
import dev.switchboard.plugins.mcp.internal.ToolResults;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UnsupportedFeatureException;
import dev.switchboard.sdk.http.EgressHttp;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One MCP server's tools as actions. Connects on first use and keeps one session; a session broken by a transport
 * failure or timeout is dropped and the next call connects anew (for stdio: starts the command again). The tool list
 * is read once, so the actions stay stable for the life of the instance, as the SDK requires. Thread-safe.
 */
final class McpActionConnector implements ActionConnector {

	/** Guards against a server that pages its tool list forever. */
	private static final int MAX_TOOL_PAGES = 50;

	private final McpSettings settings;
	private final EgressHttp egress;
	private McpAsyncClient session;
	private ToolCatalog catalog;

	McpActionConnector(McpSettings settings, EgressHttp egress) {
		this.settings = settings;
		this.egress = egress;
	}

	@Override
	public List<ActionSpec> actions() {
		return catalog().specs();
	}

	@Override
	public ActionResult invoke(String action, String input, ActionContext context) {
		String tool = catalog().toolName(action)
				.orElseThrow(() -> new UnsupportedFeatureException("this MCP connector has no action " + action));
		Map<String, Object> arguments = arguments(input);
		Duration budget = context.timeout().compareTo(settings.timeout()) < 0 ? context.timeout() : settings.timeout();
		McpAsyncClient client = session();
		McpSchema.CallToolResult result;
		try {
			result = client.callTool(new McpSchema.CallToolRequest(tool, arguments)).timeout(budget).block();
		} catch (RuntimeException e) {
			throw failed(client, e, "calling tool " + tool);
		}
		return ToolResults.toActionResult(tool, result, settings.maxOutputChars());
	}

	/** Initialises a session and lists the tools, as {@link #actions()} would on first use. */
	@Override
	public void verifyConnection() {
		McpAsyncClient client = session();
		try {
			client.listTools().block(settings.timeout());
		} catch (RuntimeException e) {
			throw failed(client, e, "listing tools");
		}
		catalog();
	}

	@Override
	public synchronized void close() {
		if (session != null) {
			session.close();
			session = null;
		}
	}

	private synchronized ToolCatalog catalog() {
		if (catalog == null) {
			McpAsyncClient client = session();
			try {
				catalog = ToolCatalog.of(listAllTools(client), settings);
			} catch (RuntimeException e) {
				throw failed(client, e, "listing tools");
			}
		}
		return catalog;
	}

	private synchronized McpAsyncClient session() {
		if (session == null) {
			session = McpSessions.open(settings, egress);
		}
		return session;
	}

	private List<McpSchema.Tool> listAllTools(McpAsyncClient client) {
		List<McpSchema.Tool> tools = new ArrayList<>();
		String cursor = null;
		for (int page = 0; page < MAX_TOOL_PAGES; page++) {
			McpSchema.ListToolsResult result = client.listTools(cursor).block(settings.timeout());
			tools.addAll(result.tools());
			cursor = result.nextCursor();
			if (cursor == null || cursor.isEmpty()) {
				break;
			}
		}
		return tools;
	}

	private PluginException failed(McpAsyncClient client, RuntimeException failure, String doing) {
		PluginException mapped = McpErrors.map(failure, doing);
		if (McpErrors.breaksSession(mapped)) {
			synchronized (this) {
				if (session == client) {
					session.close();
					session = null;
				}
			}
		}
		return mapped;
	}

	private static Map<String, Object> arguments(String input) {
		try {
			return JsonMapper.shared().readValue(input, new TypeReference<Map<String, Object>>() {
			});
		} catch (JacksonException e) {
			throw new InvalidRequestException("action input must be a JSON object");
		}
	}
}
