package dev.switchboard.plugins.mcp.internal;

import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The settings of one MCP connector, read from its validated configuration.
 *
 * @param exposedTools empty to expose every tool
 */
public record McpSettings(Transport transport, URI serverUri, String bearerToken, String command, List<String> args,
		Set<String> readOnlyTools, Set<String> exposedTools, String namePrefix, Duration timeout, int maxOutputChars) {

	/** How the connector reaches the server. */
	public enum Transport {
		STREAMABLE_HTTP("streamable-http"), STDIO("stdio");

		private final String configValue;

		Transport(String configValue) {
			this.configValue = configValue;
		}

		/** The value of the {@code transport} setting. */
		public String configValue() {
			return configValue;
		}
	}

	/**
	 * Reads the settings, checking what the schema alone cannot: which settings each transport needs.
	 *
	 * @throws InvalidConfigException naming the offending settings
	 */
	public static McpSettings from(InstanceConfig config) {
		Transport transport = Transport.STREAMABLE_HTTP.configValue.equals(config.get("transport").orElse("streamable-http"))
				? Transport.STREAMABLE_HTTP : Transport.STDIO;
		URI serverUri = null;
		String command = null;
		List<String> args = List.of();
		if (transport == Transport.STREAMABLE_HTTP) {
			serverUri = URI.create(config.get("serverUrl").filter(url -> !url.isBlank()).orElseThrow(
					() -> new InvalidConfigException(Map.of("serverUrl", "is required for the streamable-http transport"))));
		} else {
			command = config.get("command").filter(c -> !c.isBlank()).orElseThrow(
					() -> new InvalidConfigException(Map.of("command", "is required for the stdio transport")));
			if (!allowedCommands().contains(command)) {
				throw new InvalidConfigException(Map.of("command", "is not one the platform operator allowed in the"
						+ " system property " + ALLOWED_COMMANDS_PROPERTY));
			}
			args = config.get("args").filter(a -> !a.isBlank()).map(McpSettings::parseArgs).orElse(List.of());
		}
		return new McpSettings(transport, serverUri, config.get("bearerToken").filter(t -> !t.isBlank()).orElse(null),
				command, args, names(config.get("readOnlyTools").orElse("")),
				names(config.get("exposedTools").orElse("")), config.get("namePrefix").orElse(""),
				Duration.ofSeconds(config.getInt("timeoutSeconds", 30)), config.getInt("maxOutputChars", 16_000));
	}

	/**
	 * The stdio commands the deployment allows, comma-separated; unset, stdio is off. Beside the settings being
	 * platform-admin only, so that an API credential alone never chooses which program the host runs.
	 */
	public static final String ALLOWED_COMMANDS_PROPERTY = "switchboard.mcp.stdio.allowedCommands";

	/** Whether the admin chose to offer this tool. */
	public boolean exposes(String toolName) {
		return exposedTools.isEmpty() || exposedTools.contains(toolName);
	}

	private static List<String> parseArgs(String json) {
		try {
			return JsonMapper.shared().readValue(json, new TypeReference<List<String>>() {
			});
		} catch (JacksonException e) {
			throw new InvalidConfigException(Map.of("args", "must be a JSON array of strings"));
		}
	}

	private static Set<String> allowedCommands() {
		return names(System.getProperty(ALLOWED_COMMANDS_PROPERTY, ""));
	}

	private static Set<String> names(String commaSeparated) {
		return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty())
				.collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public String toString() {
		// The bearer token is a secret: never print it.
		return "McpSettings[transport=" + transport + ", serverUri=" + serverUri + ", command=" + command + "]";
	}
}
