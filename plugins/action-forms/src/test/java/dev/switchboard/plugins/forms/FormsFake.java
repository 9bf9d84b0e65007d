package dev.switchboard.plugins.forms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * WireMock webhook receivers and forms connectors pointed at them: the shipped example forms, with their placeholder
 * webhooks replaced by the fake's loopback address (allowed through the http override).
 */
final class FormsFake {

	static final String SIGNING_SECRET = "3f9d1c0b7a5e4f2d8c6b1a0e9f7d5c3b2a1f0e9d8c7b6a5f";
	static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
	static final String IDEMPOTENCY_KEY = "0b6f3c2e-8d4a-4e1b-9c7f-5a2d1e0f3b4c";
	static final String REFUND_PATH = "/switchboard/refund-request";
	static final String DEMO_PATH = "/switchboard/demo-booking";

	static final String REFUND = """
			{"order_id": "ORD-20481932", "amount": 49.9, "reason": "damaged",
			 "details": "The mug arrived in three pieces."}
			""";
	static final String DEMO = """
			{"name": "Ada Lovelace", "work_email": "ada.lovelace@example.com", "company": "Analytical Engines Ltd",
			 "team_size": "11-50", "preferred_date": "2026-01-15"}
			""";

	private FormsFake() {
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	/** The shipped examples, exactly as an admin would copy them. */
	static String examples() {
		try (InputStream in = FormsFake.class.getResourceAsStream("/examples/forms.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static Map<String, String> settings(String forms) {
		Map<String, String> settings = new HashMap<>();
		settings.put("forms", forms);
		settings.put("signingSecret", SIGNING_SECRET);
		settings.put("allowHttpWebhooks", "true");
		return settings;
	}

	static InstanceConfig config(WireMockExtension server) {
		return new InstanceConfig("tenant-a", "forms-main", settings(
				examples().replace("https://hooks.example.com", "http://127.0.0.1:" + server.getPort())));
	}

	static ActionConnector connector(WireMockExtension server, TestEgressHttp http) {
		return new FormsActionConnectorFactory(CLOCK).create(config(server), TestHostServices.with(http));
	}

	static ActionConnector connector(WireMockExtension server) {
		return connector(server, TestEgressHttp.allowing("127.0.0.1"));
	}

	static ActionContext context() {
		return new ActionContext("tenant-a", "user-1", IDEMPOTENCY_KEY, null, Duration.ofSeconds(10));
	}

	static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}
}
