package dev.switchboard.plugins.mcp.internal;

import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.http.EgressHttp;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/** Opens initialised MCP client sessions over the configured transport. Stateless. */
public final class McpSessions {

	private static final Logger LOG = LoggerFactory.getLogger(McpSessions.class);
	private static final McpSchema.Implementation CLIENT_INFO = new McpSchema.Implementation("switchboard", "0.1");
	// Explicit rather than the SDK's ServiceLoader defaults, which look in the context class loader: inside a plugin
	// that is the host's loader, where these classes do not exist.
	private static final McpJsonMapper JSON = new JacksonMcpJsonMapper(JsonMapper.shared());

	private McpSessions() {
	}

	/**
	 * Connects and runs the MCP initialisation handshake.
	 *
	 * @throws dev.switchboard.sdk.error.PluginException when the server cannot be reached, refuses or is too slow
	 */
	public static McpAsyncClient open(McpSettings settings, EgressHttp egress) {
		McpAsyncClient client = McpClient.async(transport(settings, egress)).clientInfo(CLIENT_INFO)
				.requestTimeout(settings.timeout()).initializationTimeout(settings.timeout())
				.jsonSchemaValidator(new DefaultJsonSchemaValidator()).build();
		try {
			client.initialize().block(settings.timeout());
			return client;
		} catch (RuntimeException e) {
			client.close();
			throw McpErrors.map(e, "connecting");
		}
	}

	private static McpClientTransport transport(McpSettings settings, EgressHttp egress) {
		return switch (settings.transport()) {
			case STREAMABLE_HTTP -> http(settings, egress);
			case STDIO -> stdio(settings);
		};
	}

	private static McpClientTransport http(McpSettings settings, EgressHttp egress) {
		URI server = egress.checkDestination(settings.serverUri());
		String path = server.getRawPath() == null || server.getRawPath().isEmpty() ? "/" : server.getRawPath();
		String endpoint = server.getRawQuery() == null ? path : path + "?" + server.getRawQuery();
		return HttpClientStreamableHttpTransport.builder(server.getScheme() + "://" + server.getRawAuthority())
				.endpoint(endpoint).jsonMapper(JSON).connectTimeout(settings.timeout()).openConnectionOnStartup(false)
				.httpRequestCustomizer((request, method, uri, body, context) -> {
					// Every request, not only the first: the host's egress rules may change while the session lives.
					egress.checkDestination(uri);
					if (settings.bearerToken() != null) {
						request.header("Authorization", "Bearer " + settings.bearerToken());
					}
				}).build();
	}

	private static McpClientTransport stdio(McpSettings settings) {
		// The SDK's transport only logs a failed start and the handshake then times out: say why at once instead.
		if (!isExecutable(settings.command())) {
			throw new UpstreamUnavailableException("cannot start the MCP server while connecting: command "
					+ settings.command() + " is not an executable file or on the PATH");
		}
		// ServerParameters passes the child only a minimal environment (PATH, HOME, ...), never the host's secrets.
		StdioClientTransport transport = new StdioClientTransport(
				ServerParameters.builder(settings.command()).args(settings.args()).build(), JSON);
		transport.setStdErrorHandler(line -> LOG.debug("MCP server {}: {}", settings.command(), line));
		return transport;
	}

	private static boolean isExecutable(String command) {
		if (command.contains(File.separator)) {
			return Files.isExecutable(Path.of(command));
		}
		String path = System.getenv().getOrDefault("PATH", "");
		return Arrays.stream(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
				.anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
	}
}
