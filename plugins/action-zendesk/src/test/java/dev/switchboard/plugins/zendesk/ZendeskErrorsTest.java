package dev.switchboard.plugins.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.zendesk.ZendeskFake.json;
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

/** Every Zendesk error answer, in Zendesk's {error, description, details} format or not JSON, becomes an SDK exception. */
class ZendeskErrorsTest {

	private static final String GET_TICKET = "{\"ticket_id\":35436}";
	private static final String COMMENT = "{\"ticket_id\":35436,\"body\":\"Any news?\",\"public\":true}";

	@RegisterExtension
	static WireMockExtension zendesk = ZendeskFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = ZendeskFake.connector(zendesk, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Test
	void should_report_rejected_credentials_when_verifying() {
		answer(json(401, "zendesk/error-401.json"));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("email and API token").contains("Couldn't authenticate you")
				.doesNotContain(ZendeskFake.API_TOKEN);
	}

	@Test
	void should_treat_an_anonymous_answer_as_rejected_credentials() {
		zendesk.stubFor(get(urlEqualTo("/api/v2/users/me.json")).willReturn(json(200, "zendesk/me-anonymous.json")));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("did not recognise the email and API token");
	}

	@Test
	void should_refuse_an_end_user_account_when_verifying() {
		zendesk.stubFor(get(urlEqualTo("/api/v2/users/me.json")).willReturn(json(200, "zendesk/me-end-user.json")));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("end user").contains("agent or admin");
	}

	@Test
	void should_report_a_wrong_subdomain_when_verifying() {
		answer(aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<html>Help Center Closed</html>"));

		NotFoundException error = catchThrowableOfType(NotFoundException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("check the subdomain").doesNotContain("<html>");
	}

	@Test
	void should_report_a_forbidden_call_with_zendesks_description() {
		answer(json(403, "zendesk/error-403.json"));

		PluginException error = invokeFailing("zendesk_add_comment", COMMENT);

		assertThat(error).isInstanceOf(AuthenticationException.class);
		assertThat(error.getMessage()).contains("You do not have access to this page.");
	}

	@Test
	void should_name_the_missing_ticket() {
		answer(json(404, "zendesk/error-404.json"));

		PluginException error = invokeFailing("zendesk_get_ticket", GET_TICKET);

		assertThat(error).isInstanceOf(NotFoundException.class);
		assertThat(error.getMessage()).contains("ticket 35436");
	}

	@Test
	void should_summarise_validation_details() {
		answer(json(422, "zendesk/error-422-closed.json"));

		PluginException error = invokeFailing("zendesk_add_comment", COMMENT);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("Record validation errors")
				.contains("Status: closed prevents ticket update");
	}

	@Test
	void should_honour_retry_after_when_rate_limited() {
		answer(json(429, "zendesk/error-429.json").withHeader("Retry-After", "93"));

		RateLimitException error = catchThrowableOfType(RateLimitException.class,
				() -> connector.invoke("zendesk_get_ticket", GET_TICKET, ZendeskFake.context()));

		assertThat(error.retryAfter()).contains(Duration.ofSeconds(93));
		assertThat(error.getMessage()).contains("APIRateLimitExceeded");
	}

	@Test
	void should_report_a_server_error_as_retriable() {
		answer(aResponse().withStatus(500));

		PluginException error = invokeFailing("zendesk_get_ticket", GET_TICKET);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.retriable()).isTrue();
	}

	@Test
	void should_not_echo_an_html_error_page() {
		answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
				.withBody("<html><body>Maintenance on pod 23</body></html>"));

		PluginException error = invokeFailing("zendesk_get_ticket", GET_TICKET);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.getMessage()).doesNotContain("<html>").doesNotContain("pod 23");
	}

	@Test
	void should_report_solving_a_ticket_zendesk_refuses() {
		zendesk.stubFor(get(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(200, "zendesk/ticket.json")));
		zendesk.stubFor(put(urlEqualTo("/api/v2/tickets/35436.json")).willReturn(json(422, "zendesk/error-422-closed.json")));

		PluginException error = invokeFailing("zendesk_solve_ticket", GET_TICKET);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
	}

	private PluginException invokeFailing(String action, String input) {
		return catchThrowableOfType(PluginException.class, () -> connector.invoke(action, input, ZendeskFake.context()));
	}

	private static void answer(ResponseDefinitionBuilder response) {
		zendesk.stubFor(any(anyUrl()).willReturn(response));
	}
}
