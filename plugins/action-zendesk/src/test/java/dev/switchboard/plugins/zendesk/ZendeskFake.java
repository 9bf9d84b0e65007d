package dev.switchboard.plugins.zendesk;

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

/** A WireMock stand-in for a Zendesk account and connectors pointed at it. Response bodies live in __files/zendesk. */
final class ZendeskFake {

	static final String EMAIL = "support-bot@example.com";
	static final String API_TOKEN = "6wiIBWbGkBMo1mRDMuVwkw1EPsNkeUj95PIz2akv";
	static final String BASIC_AUTH = "Basic " + Base64.getEncoder()
			.encodeToString((EMAIL + "/token:" + API_TOKEN).getBytes(StandardCharsets.UTF_8));
	static final String IDEMPOTENCY_KEY = "6f1c2b9e-5d2a-4c1e-9b7a-3e8d4f0a1b2c";

	private ZendeskFake() {
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	static Map<String, String> settings() {
		Map<String, String> settings = new HashMap<>();
		settings.put("subdomain", "acme");
		settings.put("email", EMAIL);
		settings.put("apiToken", API_TOKEN);
		return settings;
	}

	static InstanceConfig config(String baseUrl) {
		Map<String, String> settings = settings();
		settings.put("baseUrl", baseUrl);
		return new InstanceConfig("tenant-a", "zendesk-main", settings);
	}

	static ActionConnector connector(WireMockExtension server, TestEgressHttp http) {
		return new ZendeskActionConnectorFactory().create(config("http://127.0.0.1:" + server.getPort()), TestHostServices.with(http));
	}

	static ActionContext context() {
		return new ActionContext("tenant-a", "user-1", IDEMPOTENCY_KEY, null, Duration.ofSeconds(10));
	}

	static ResponseDefinitionBuilder json(int status, String file) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
				.withBodyFile(file);
	}
}
