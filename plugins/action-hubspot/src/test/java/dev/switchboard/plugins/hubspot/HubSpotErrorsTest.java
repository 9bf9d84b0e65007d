package dev.switchboard.plugins.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.error.AuthenticationException;
import dev.switchboard.sdk.error.InvalidRequestException;
import dev.switchboard.sdk.error.NotFoundException;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.RateLimitException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every HubSpot error answer, in HubSpot's own error body format, becomes the right SDK exception. */
class HubSpotErrorsTest {

	private static final String UPDATE_CONTACT = "{\"contact_id\":\"512\",\"properties\":{\"phone\":\"1\"}}";
	private static final String CREATE_CONTACT = "{\"email\":\"ada@example.com\"}";

	@RegisterExtension
	static WireMockExtension hubspot = HubSpotFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = HubSpotFake.connector(hubspot, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Test
	void should_report_a_rejected_token_as_an_authentication_failure() {
		answer(json(401, "hubspot/error-401.json"));

		PluginException error = invokeFailing("hubspot_update_contact", UPDATE_CONTACT);

		assertThat(error).isInstanceOf(AuthenticationException.class);
		assertThat(error.getMessage()).contains("access token").doesNotContain(HubSpotFake.TOKEN);
	}

	@Test
	void should_name_the_missing_scopes_when_verifying_the_connection() {
		answer(json(403, "hubspot/error-403-missing-scopes.json"));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("lacks the scope crm.objects.contacts.read").contains("private app");
	}

	@Test
	void should_report_a_bad_token_when_verifying_the_connection() {
		answer(json(401, "hubspot/error-401.json"));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("refused the access token");
	}

	@Test
	void should_name_the_missing_contact() {
		answer(json(404, "hubspot/error-404.json"));

		PluginException error = invokeFailing("hubspot_update_contact", UPDATE_CONTACT);

		assertThat(error).isInstanceOf(NotFoundException.class);
		assertThat(error.getMessage()).contains("contact 512");
	}

	@Test
	void should_pass_on_hubspots_conflict_message() {
		answer(json(409, "hubspot/error-409-conflict.json"));

		PluginException error = invokeFailing("hubspot_create_contact", CREATE_CONTACT);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("Contact already exists. Existing ID: 512")
				.doesNotContain("correlationId");
	}

	@Test
	void should_pass_on_hubspots_validation_message() {
		answer(json(400, "hubspot/error-400-validation.json"));

		PluginException error = invokeFailing("hubspot_create_contact", CREATE_CONTACT);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("Property values were not valid");
	}

	@Test
	void should_honour_retry_after_when_rate_limited() {
		answer(json(429, "hubspot/error-429.json").withHeader("Retry-After", "10"));

		RateLimitException error = catchThrowableOfType(RateLimitException.class,
				() -> connector.invoke("hubspot_update_contact", UPDATE_CONTACT, HubSpotFake.context()));

		assertThat(error.retryAfter()).contains(Duration.ofSeconds(10));
		assertThat(error.getMessage()).contains("secondly limit");
	}

	@Test
	void should_report_a_server_error_as_retriable_unavailability() {
		answer(json(500, "hubspot/error-500.json"));

		PluginException error = invokeFailing("hubspot_update_contact", UPDATE_CONTACT);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.retriable()).isTrue();
	}

	@Test
	void should_not_echo_a_body_that_is_not_json() {
		answer(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
				.withBody("<html><body><h1>502 Bad Gateway</h1><p>secret-internal-host</p></body></html>"));

		PluginException error = invokeFailing("hubspot_update_contact", UPDATE_CONTACT);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.getMessage()).doesNotContain("<html>").doesNotContain("secret-internal-host");
	}

	@Test
	void should_map_a_non_json_client_error_without_its_body() {
		answer(aResponse().withStatus(400).withHeader("Content-Type", "text/plain").withBody("Bad Request: raw detail"));

		PluginException error = invokeFailing("hubspot_create_contact", CREATE_CONTACT);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).doesNotContain("raw detail");
	}

	@Test
	void should_report_a_success_body_that_is_not_json_as_unavailable() {
		answer(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>maintenance</html>"));

		PluginException error = invokeFailing("hubspot_update_contact", UPDATE_CONTACT);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.getMessage()).doesNotContain("maintenance");
	}

	private PluginException invokeFailing(String action, String input) {
		return catchThrowableOfType(PluginException.class, () -> connector.invoke(action, input, HubSpotFake.context()));
	}

	private static void answer(ResponseDefinitionBuilder response) {
		hubspot.stubFor(any(anyUrl()).willReturn(response));
	}

	private static ResponseDefinitionBuilder json(int status, String file) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json;charset=utf-8")
				.withBodyFile(file);
	}
}
