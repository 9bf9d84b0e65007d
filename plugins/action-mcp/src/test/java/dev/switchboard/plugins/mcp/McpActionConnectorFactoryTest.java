package dev.switchboard.plugins.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings each transport needs, and what the factory asks of the host; offline. */
class McpActionConnectorFactoryTest {

	private final McpActionConnectorFactory factory = new McpActionConnectorFactory();

	@Test
	void should_declare_the_server_host_only() {
		assertThat(factory.permissions(config(Map.of("serverUrl", "https://mcp.example.com:8443/mcp"))))
				.satisfies(permissions -> {
					assertThat(permissions.hosts()).containsExactly("mcp.example.com");
					assertThat(permissions.receivesEndUserIdentity()).isFalse();
				});
	}

	@Test
	void should_require_a_server_url_for_streamable_http() {
		assertThatThrownBy(() -> factory.permissions(config(Map.of()))).isInstanceOf(InvalidConfigException.class)
				.satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsKey("serverUrl"));
	}

	@Test
	void should_require_a_command_for_stdio() {
		assertThatThrownBy(() -> factory.permissions(config(Map.of("transport", "stdio"))))
				.isInstanceOf(InvalidConfigException.class)
				.satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsKey("command"));
	}

	@Test
	void should_refuse_arguments_that_are_not_a_json_array() {
		assertThatThrownBy(() -> factory.permissions(
				config(Map.of("transport", "stdio", "command", "node", "args", "server.js stdio"))))
				.isInstanceOf(InvalidConfigException.class)
				.satisfies(e -> assertThat(((InvalidConfigException) e).problems()).containsKey("args"));
	}

	@Test
	void should_refuse_a_stdio_command_the_operator_did_not_allow() {
		assertThatThrownBy(() -> factory.permissions(config(Map.of("transport", "stdio", "command", "/bin/sh"))))
				.isInstanceOf(InvalidConfigException.class)
				.satisfies(e -> assertThat(((InvalidConfigException) e).problems().get("command"))
						.contains("switchboard.mcp.stdio.allowedCommands"));
	}

	@Test
	void should_let_only_platform_admins_set_the_stdio_command_and_its_arguments() {
		assertThat(factory.configSchema().platformAdminOnlyNames()).containsExactlyInAnyOrder("command", "args");
	}

	@Test
	void should_keep_the_bearer_token_secret() {
		assertThat(factory.configSchema().secretNames()).containsExactly("bearerToken");
	}

	private InstanceConfig config(Map<String, String> values) {
		return new InstanceConfig("tenant", "mcp", factory.configSchema().validate(values));
	}
}
