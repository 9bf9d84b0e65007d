package dev.switchboard.plugins.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.zendesk.ZendeskFake.json;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration, declared permissions, effects, and the egress client as the connector's only way out. */
class ZendeskConnectorSetupTest {

	@RegisterExtension
	static WireMockExtension zendesk = ZendeskFake.server();

	private final ZendeskActionConnectorFactory factory = new ZendeskActionConnectorFactory();

	@Test
	void should_mark_the_api_token_secret_and_require_the_credentials() {
		assertThat(factory.configSchema().secretNames()).containsExactly("apiToken");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> factory.create(new InstanceConfig("t", "i", Map.of()), TestHostServices.allowing("127.0.0.1")));

		assertThat(error.problems()).containsKeys("subdomain", "email", "apiToken");
	}

	@Test
	void should_refuse_a_malformed_subdomain() {
		Map<String, String> settings = ZendeskFake.settings();
		settings.put("subdomain", "acme.example.com/support");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> factory.create(new InstanceConfig("t", "i", settings), TestHostServices.allowing("127.0.0.1")));

		assertThat(error.problems()).containsKeys("subdomain");
		assertThat(error.getMessage()).doesNotContain(ZendeskFake.API_TOKEN);
	}

	@ParameterizedTest
	@ValueSource(strings = {"acme", "acme.zendesk.com", "https://acme.zendesk.com/", "ACME"})
	void should_call_the_account_however_the_admin_wrote_it(String subdomain) {
		Map<String, String> settings = ZendeskFake.settings();
		settings.put("subdomain", subdomain);
		TestEgressHttp egress = TestEgressHttp.allowing("127.0.0.1");
		ActionConnector connector = factory.create(new InstanceConfig("t", "i", settings), TestHostServices.with(egress));

		EgressDeniedException denied = catchThrowableOfType(EgressDeniedException.class, connector::verifyConnection);

		// The test egress allows only the loopback fake, so the refusal names the host the connector derived.
		assertThat(denied.getMessage()).contains("acme.zendesk.com");
		assertThat(egress.sent()).isEmpty();
	}

	@Test
	void should_declare_zendesk_hosts_and_no_end_user_identity() {
		ConnectorPermissions permissions = factory.permissions(new InstanceConfig("t", "i", ZendeskFake.settings()));

		assertThat(permissions.hosts()).containsExactly("*.zendesk.com");
		assertThat(permissions.receivesEndUserIdentity()).isFalse();
	}

	@Test
	void should_declare_the_overridden_base_url_host_too() {
		assertThat(factory.permissions(ZendeskFake.config("http://127.0.0.1:8089")).hosts())
				.containsExactlyInAnyOrder("*.zendesk.com", "127.0.0.1");
	}

	@Test
	void should_declare_each_actions_effect() {
		ActionConnector connector = ZendeskFake.connector(zendesk, TestEgressHttp.allowing("127.0.0.1"));

		Map<String, Effect> effects = connector.actions().stream()
				.collect(Collectors.toMap(ActionSpec::name, ActionSpec::effect));

		assertThat(effects).containsExactlyInAnyOrderEntriesOf(Map.of(
				"zendesk_create_ticket", Effect.WRITE,
				"zendesk_get_ticket", Effect.READ_ONLY,
				"zendesk_add_comment", Effect.WRITE,
				"zendesk_solve_ticket", Effect.WRITE));
		assertThat(connector.actions()).allSatisfy(spec -> assertThat(spec.requiresConfirmation())
				.isEqualTo(spec.effect() != Effect.READ_ONLY));
	}

	@Test
	void should_send_every_request_it_makes_through_the_egress_client() {
		TestEgressHttp egress = TestEgressHttp.allowing("127.0.0.1");
		zendesk.stubFor(get(urlEqualTo("/api/v2/users/me.json")).willReturn(json(200, "zendesk/me.json")));
		ActionConnector connector = ZendeskFake.connector(zendesk, egress);

		connector.verifyConnection();

		assertThat(egress.sent()).hasSize(zendesk.findAll(anyRequestedFor(anyUrl())).size()).hasSize(1);
		assertThat(egress.sent().getFirst().uri().getPath()).isEqualTo("/api/v2/users/me.json");
	}
}
