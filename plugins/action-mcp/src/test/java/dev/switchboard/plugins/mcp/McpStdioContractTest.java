package dev.switchboard.plugins.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The contract over stdio: the connector starts server-everything as its child process. */
class McpStdioContractTest extends McpEverythingContract {

	@Override
	protected Map<String, String> transportSettings() {
		return Map.of("transport", "stdio", "command", "node", "args",
				JsonMapper.shared().writeValueAsString(ServerEverything.stdioArgs()));
	}

	@Test
	void should_declare_no_hosts_for_a_local_process() {
		assertThat(FACTORY.permissions(config(transportSettings())).hosts()).isEmpty();
	}

	@Test
	void should_explain_a_command_that_cannot_start() throws Exception {
		try (ActionConnector broken = connector(Map.of("command", "/nonexistent/mcp-server", "args", "[]"))) {
			assertThatThrownBy(broken::verifyConnection).isInstanceOf(UpstreamUnavailableException.class)
					.hasMessageContaining("connecting");
		}
	}

	private static InstanceConfig config(Map<String, String> values) {
		return new InstanceConfig("tenant", "everything", FACTORY.configSchema().validate(values));
	}
}
