package dev.switchboard.plugins.mcp;

import dev.switchboard.plugins.mcp.internal.McpSettings;
import dev.switchboard.plugins.mcp.internal.McpSettings.Transport;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionConnectorFactory;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.config.ConfigProperty;
import dev.switchboard.sdk.config.ConfigSchema;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.host.HostServices;
import dev.switchboard.sdk.http.EgressHttp;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Connectors to one MCP server each, whose tools become actions. Two transports: Streamable HTTP to a server URL
 * (checked with {@link EgressHttp#checkDestination} before every request), and stdio, where <strong>the host starts
 * the configured command as a child process</strong> with the host's own privileges and a minimal environment. Whoever
 * sets the command and its arguments may run a program on the host, so two locks guard them: both settings are
 * {@linkplain ConfigProperty#platformAdminOnly() platform-admin only} (the host refuses a tenant admin with 403), and
 * the command must be one the deployment allows in the JVM system property
 * {@value McpSettings#ALLOWED_COMMANDS_PROPERTY} (e.g. {@code /usr/local/bin/mcp-github}); without it stdio is
 * refused. The allow-list stays because a platform admin's API credential should not by itself be a shell on the
 * host: the operator, who already has one, decides which programs may ever run.
 *
 * <p>An MCP server is not trusted to classify its own tools: every tool is a {@code WRITE} (confirmed by the user)
 * unless the admin lists it as read-only; a server's {@code readOnlyHint} never relaxes that, and its explicit
 * {@code destructiveHint} only makes a tool stricter. Stateless.
 */
@Extension
public final class McpActionConnectorFactory implements ActionConnectorFactory {

	private static final ConfigSchema SCHEMA = ConfigSchema.of(
			new ConfigProperty("transport", "Transport",
					"streamable-http: connect to the server URL. stdio: the host runs the command below and talks to it over"
							+ " its standard input and output.",
					ConfigProperty.Type.ENUM, true, false, Transport.STREAMABLE_HTTP.configValue(),
					List.of(Transport.STREAMABLE_HTTP.configValue(), Transport.STDIO.configValue())),
			ConfigProperty.url("serverUrl", "Server URL",
					"For streamable-http: the MCP endpoint, e.g. https://mcp.example.com/mcp.", false, null),
			ConfigProperty.secret("bearerToken", "Bearer token",
					"For streamable-http: sent as Authorization: Bearer to the server, if it needs one.", false),
			ConfigProperty.string("command", "Command (platform admins only)",
					"For stdio: the program the host starts, e.g. /usr/local/bin/mcp-github. It runs on the host with the"
							+ " host's privileges, so only a platform admin may set it, and it must be one the deployment"
							+ " allows in the system property " + McpSettings.ALLOWED_COMMANDS_PROPERTY + ".",
					false).onlyForPlatformAdmins(),
			ConfigProperty.string("args", "Arguments (platform admins only)",
					"For stdio: the command's arguments as a JSON array of strings, e.g. [\"/opt/mcp/server.js\", \"stdio\"]."
							+ " Only a platform admin may set them: they decide what the command runs.",
					false).onlyForPlatformAdmins(),
			ConfigProperty.string("readOnlyTools", "Read-only tools",
					"Comma-separated MCP tool names you have checked only read data; they run without confirmation. Every"
							+ " other tool asks the user first, whatever the server claims.",
					false),
			ConfigProperty.string("exposedTools", "Exposed tools",
					"Comma-separated MCP tool names to offer; empty offers every tool the server lists.", false),
			ConfigProperty.string("namePrefix", "Action name prefix",
					"Put before every action name, e.g. github_ to tell two MCP servers' tools apart.", false),
			ConfigProperty.integer("timeoutSeconds", "Timeout (seconds)",
					"The longest connecting or one tool call may take; a turn's own budget may be shorter.", "30"),
			ConfigProperty.integer("maxOutputChars", "Output cap (characters)",
					"Longer tool output is cut with a marker before it reaches the model.", "16000"));

	@Override
	public String id() {
		return "mcp";
	}

	@Override
	public String title() {
		return "MCP server";
	}

	@Override
	public ConfigSchema configSchema() {
		return SCHEMA;
	}

	@Override
	public ConnectorPermissions permissions(InstanceConfig config) {
		McpSettings settings = McpSettings.from(config);
		return settings.transport() == Transport.STDIO ? new ConnectorPermissions(Set.of(), false)
				: ConnectorPermissions.hosts(settings.serverUri().getHost());
	}

	@Override
	public ActionConnector create(InstanceConfig config, HostServices host) {
		return new McpActionConnector(McpSettings.from(config), host.http());
	}
}
