package dev.switchboard.plugins.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.error.EgressDeniedException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract over Streamable HTTP, against server-everything listening on a local port. */
class McpStreamableHttpContractTest extends McpEverythingContract {

	static ServerEverything server;

	@BeforeAll
	static void startServer() {
		server = ServerEverything.startStreamableHttp();
	}

	@AfterAll
	static void stopServer() throws InterruptedException {
		server.close();
	}

	@Override
	protected Map<String, String> transportSettings() {
		return Map.of("transport", "streamable-http", "serverUrl", server.url());
	}

	@Test
	void should_declare_the_server_host() {
		assertThat(FACTORY.permissions(config(transportSettings())).hosts()).containsExactly("127.0.0.1");
	}

	@Test
	void should_not_connect_where_the_egress_forbids() throws Exception {
		try (ActionConnector denied = FACTORY.create(config(transportSettings()), TestHostServices.allowing("example.org"))) {
			assertThatThrownBy(denied::verifyConnection).isInstanceOf(EgressDeniedException.class);
		}
	}

	@Test
	void should_explain_an_endpoint_that_is_not_mcp() throws Exception {
		try (ActionConnector wrong = connector(Map.of("serverUrl", server.url().replace("/mcp", "/nothing-here")))) {
			assertThatThrownBy(wrong::verifyConnection).isInstanceOf(UpstreamUnavailableException.class)
					.hasMessageContaining("connecting");
		}
	}

	private static InstanceConfig config(Map<String, String> values) {
		return new InstanceConfig("tenant", "everything", FACTORY.configSchema().validate(values));
	}
}
