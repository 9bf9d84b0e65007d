package dev.switchboard.plugins.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** A WireMock stand-in for a Jira Cloud site and connectors pointed at it. Response bodies live in __files/jira. */
final class JiraFake {

	static final String EMAIL = "support-bot@example.com";
	static final String API_TOKEN = "ATATT3xFfGF0-test-token";
	static final String BASIC_AUTH = "Basic " + Base64.getEncoder()
			.encodeToString((EMAIL + ":" + API_TOKEN).getBytes(StandardCharsets.UTF_8));

	private JiraFake() {
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	static Map<String, String> settings() {
		Map<String, String> settings = new HashMap<>();
		settings.put("site", "acme");
		settings.put("email", EMAIL);
		settings.put("apiToken", API_TOKEN);
		settings.put("projectKey", "SUP");
		return settings;
	}

	static InstanceConfig config(String baseUrl) {
		Map<String, String> settings = settings();
		settings.put("baseUrl", baseUrl);
		return new InstanceConfig("tenant-a", "jira-main", settings);
	}

	static ActionConnector connector(WireMockExtension server, TestEgressHttp http) {
		return new JiraActionConnectorFactory().create(config("http://127.0.0.1:" + server.getPort()), TestHostServices.with(http));
	}

	static ActionContext context() {
		return new ActionContext("tenant-a", "user-1", "idem-1", null, Duration.ofSeconds(10));
	}

	static ResponseDefinitionBuilder json(int status, String file) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=UTF-8")
				.withBodyFile(file);
	}
}
