package dev.switchboard.plugins.hubspot;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** A WireMock stand-in for api.hubapi.com and connectors pointed at it. Response bodies live in __files/hubspot. */
final class HubSpotFake {

	static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
	static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T06:00:00Z"), ZoneOffset.UTC);

	private HubSpotFake() {
	}

	static WireMockExtension server() {
		return WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();
	}

	static InstanceConfig config(String baseUrl) {
		return new InstanceConfig("tenant-a", "hubspot-main", Map.of("accessToken", TOKEN, "baseUrl", baseUrl));
	}

	static ActionConnector connector(WireMockExtension server, TestEgressHttp http) {
		return new HubSpotActionConnectorFactory().create(config("http://127.0.0.1:" + server.getPort()), http, CLOCK);
	}

	static ActionContext context() {
		return new ActionContext("tenant-a", "user-1", "idem-1", null, Duration.ofSeconds(10));
	}
}
