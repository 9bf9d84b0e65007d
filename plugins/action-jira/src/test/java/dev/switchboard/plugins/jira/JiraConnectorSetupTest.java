package dev.switchboard.plugins.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.jira.JiraFake.json;
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
class JiraConnectorSetupTest {

	@RegisterExtension
	static WireMockExtension jira = JiraFake.server();

	private final JiraActionConnectorFactory factory = new JiraActionConnectorFactory();

	@Test
	void should_mark_the_api_token_secret_and_require_the_credentials() {
		assertThat(factory.configSchema().secretNames()).containsExactly("apiToken");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> factory.create(new InstanceConfig("t", "i", Map.of()), TestHostServices.allowing("127.0.0.1")));

		assertThat(error.problems()).containsKeys("site", "email", "apiToken", "projectKey");
	}

	@Test
	void should_refuse_a_malformed_site_and_project_key() {
		Map<String, String> settings = JiraFake.settings();
		settings.put("site", "acme.example.com/jira");
		settings.put("projectKey", "support desk");

		InvalidConfigException error = catchThrowableOfType(InvalidConfigException.class,
				() -> factory.create(new InstanceConfig("t", "i", settings), TestHostServices.allowing("127.0.0.1")));

		assertThat(error.problems()).containsKeys("site", "projectKey");
		assertThat(error.getMessage()).doesNotContain(JiraFake.API_TOKEN);
	}

	@ParameterizedTest
	@ValueSource(strings = {"acme", "acme.atlassian.net", "https://acme.atlassian.net/", "ACME"})
	void should_call_the_site_however_the_admin_wrote_it(String site) {
		Map<String, String> settings = JiraFake.settings();
		settings.put("site", site);
		TestEgressHttp egress = TestEgressHttp.allowing("127.0.0.1");
		ActionConnector connector = factory.create(new InstanceConfig("t", "i", settings), TestHostServices.with(egress));

		EgressDeniedException denied = catchThrowableOfType(EgressDeniedException.class, connector::verifyConnection);

		// The test egress allows only the loopback fake, so the refusal names the host the connector derived.
		assertThat(denied.getMessage()).contains("acme.atlassian.net");
		assertThat(egress.sent()).isEmpty();
	}

	@Test
	void should_declare_atlassian_hosts_and_no_end_user_identity() {
		ConnectorPermissions permissions = factory.permissions(new InstanceConfig("t", "i", JiraFake.settings()));

		assertThat(permissions.hosts()).containsExactly("*.atlassian.net");
		assertThat(permissions.receivesEndUserIdentity()).isFalse();
	}

	@Test
	void should_declare_the_overridden_base_url_host_too() {
		assertThat(factory.permissions(JiraFake.config("http://127.0.0.1:8089")).hosts())
				.containsExactlyInAnyOrder("*.atlassian.net", "127.0.0.1");
	}

	@Test
	void should_declare_each_actions_effect() {
		ActionConnector connector = JiraFake.connector(jira, TestEgressHttp.allowing("127.0.0.1"));

		Map<String, Effect> effects = connector.actions().stream()
				.collect(Collectors.toMap(ActionSpec::name, ActionSpec::effect));

		assertThat(effects).containsExactlyInAnyOrderEntriesOf(Map.of(
				"jira_create_issue", Effect.WRITE,
				"jira_get_issue", Effect.READ_ONLY,
				"jira_add_comment", Effect.WRITE,
				"jira_transition_issue_to_done", Effect.WRITE));
		assertThat(connector.actions()).allSatisfy(spec -> assertThat(spec.requiresConfirmation())
				.isEqualTo(spec.effect() != Effect.READ_ONLY));
	}

	@Test
	void should_send_every_request_it_makes_through_the_egress_client() {
		TestEgressHttp egress = TestEgressHttp.allowing("127.0.0.1");
		jira.stubFor(get(urlEqualTo("/rest/api/3/myself")).willReturn(json(200, "jira/myself.json")));
		ActionConnector connector = JiraFake.connector(jira, egress);

		connector.verifyConnection();

		assertThat(egress.sent()).hasSize(jira.findAll(anyRequestedFor(anyUrl())).size()).hasSize(1);
		assertThat(egress.sent().getFirst().uri().getPath()).isEqualTo("/rest/api/3/myself");
	}
}
