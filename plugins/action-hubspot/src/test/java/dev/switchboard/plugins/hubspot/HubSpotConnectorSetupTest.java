package dev.switchboard.plugins.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionSpec;
import dev.switchboard.sdk.action.ConnectorPermissions;
import dev.switchboard.sdk.action.Effect;
import dev.switchboard.sdk.config.InstanceConfig;
import dev.switchboard.sdk.config.InvalidConfigException;
import dev.switchboard.sdk.error.EgressDeniedException;
import dev.switchboard.sdk.testkit.host.TestHostServices;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Configuration, declared permissions, effects, and the egress client as the connector's only way out. */
class HubSpotConnectorSetupTest {

	@RegisterExtension
	static WireMockExtension hubspot = HubSpotFake.server();

	private final HubSpotActionConnectorFactory factory = new HubSpotActionConnectorFactory();

	@Test
	void should_mark_the_access_token_secret_and_require_it() {
		assertThat(factory.configSchema().secretNames()).containsExactly("accessToken");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> factory.create(new InstanceConfig("t", "i", Map.of()), TestHostServices.allowing("127.0.0.1")));

		assertThat(error.problems()).containsEntry("accessToken", "is required");
	}

	@Test
	void should_refuse_a_base_url_that_is_not_http() {
		InstanceConfig config = new InstanceConfig("t", "i", Map.of("accessToken", "x", "baseUrl", "ftp://example.com"));

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> factory.create(config, TestHostServices.allowing("127.0.0.1")));

		assertThat(error.problems()).containsKey("baseUrl").doesNotContainValue("x");
	}

	@Test
	void should_declare_only_the_hubspot_api_host_and_no_end_user_identity() {
		ConnectorPermissions permissions = factory.permissions(new InstanceConfig("t", "i", Map.of("accessToken", "x")));

		assertThat(permissions.hosts()).containsExactly("api.hubapi.com");
		assertThat(permissions.receivesEndUserIdentity()).isFalse();
	}

	@Test
	void should_declare_the_overridden_base_url_host_too() {
		assertThat(factory.permissions(HubSpotFake.config("http://127.0.0.1:8089")).hosts())
				.containsExactlyInAnyOrder("api.hubapi.com", "127.0.0.1");
	}

	@Test
	void should_give_reads_no_confirmation_and_writes_their_effect() {
		ActionConnector connector = HubSpotFake.connector(hubspot, TestEgressHttp.allowing("127.0.0.1"));

		Map<String, Effect> effects = connector.actions().stream()
				.collect(Collectors.toMap(ActionSpec::name, ActionSpec::effect));

		assertThat(effects).containsExactlyInAnyOrderEntriesOf(Map.of(
				"hubspot_find_contacts", Effect.READ_ONLY,
				"hubspot_create_contact", Effect.WRITE,
				"hubspot_update_contact", Effect.IDEMPOTENT_WRITE,
				"hubspot_add_note_to_contact", Effect.WRITE,
				"hubspot_find_deals", Effect.READ_ONLY,
				"hubspot_update_deal", Effect.IDEMPOTENT_WRITE));
	}

	@Test
	void should_reach_the_network_only_through_the_egress_client() {
		// The default base URL is api.hubapi.com; an egress client that allows only the loopback fake must refuse it.
		TestEgressHttp loopbackOnly = TestEgressHttp.allowing("127.0.0.1");
		ActionConnector connector = factory.create(new InstanceConfig("t", "i", Map.of("accessToken", "x")), loopbackOnly,
				HubSpotFake.CLOCK);

		EgressDeniedException error = catchThrowableOfType(EgressDeniedException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("api.hubapi.com");
		assertThat(loopbackOnly.sent()).isEmpty();
	}

	@Test
	void should_send_every_request_it_makes_through_the_egress_client() {
		TestEgressHttp egress = TestEgressHttp.allowing("127.0.0.1");
		hubspot.stubFor(any(anyUrl()).willReturn(
				okJson("{\"results\":[]}")));
		ActionConnector connector = HubSpotFake.connector(hubspot, egress);

		connector.verifyConnection();
		connector.invoke("hubspot_find_contacts", "{\"email\":\"ada@example.com\"}", HubSpotFake.context());

		assertThat(egress.sent()).hasSize(hubspot.findAll(anyRequestedFor(anyUrl())).size()).hasSize(2);
	}
}
