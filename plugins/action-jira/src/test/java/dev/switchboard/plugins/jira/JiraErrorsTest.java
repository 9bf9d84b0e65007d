package dev.switchboard.plugins.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.jira.JiraFake.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.error.ActionRejectedException;
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

/** Every Jira error answer, in Jira's {errorMessages, errors} format or not JSON at all, becomes the right SDK exception. */
class JiraErrorsTest {

	private static final String GET_ISSUE = "{\"issue_key\":\"SUP-12\"}";
	private static final String CREATE_ISSUE = "{\"summary\":\"x\"}";

	@RegisterExtension
	static WireMockExtension jira = JiraFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = JiraFake.connector(jira, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Test
	void should_report_rejected_credentials_without_echoing_the_plain_text_body() {
		answer(aResponse().withStatus(401).withHeader("Content-Type", "text/plain")
				.withBody("Client must be authenticated to access this resource."));

		AuthenticationException error = catchThrowableOfType(AuthenticationException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("email and API token").doesNotContain("Client must be authenticated")
				.doesNotContain(JiraFake.API_TOKEN);
	}

	@Test
	void should_report_a_missing_permission_with_jiras_message() {
		answer(json(403, "jira/error-403.json"));

		PluginException error = invokeFailing("jira_create_issue", CREATE_ISSUE);

		assertThat(error).isInstanceOf(AuthenticationException.class);
		assertThat(error.getMessage()).contains("You do not have permission to create issues in this project.");
	}

	@Test
	void should_name_the_missing_issue() {
		answer(json(404, "jira/error-404.json"));

		PluginException error = invokeFailing("jira_get_issue", GET_ISSUE);

		assertThat(error).isInstanceOf(NotFoundException.class);
		assertThat(error.getMessage()).contains("issue SUP-12");
	}

	@Test
	void should_report_a_wrong_site_when_verifying_the_connection() {
		answer(aResponse().withStatus(404).withHeader("Content-Type", "text/html").withBody("<html>Site not found</html>"));

		NotFoundException error = catchThrowableOfType(NotFoundException.class, connector::verifyConnection);

		assertThat(error.getMessage()).contains("check the site name").doesNotContain("<html>");
	}

	@Test
	void should_summarise_field_errors() {
		answer(json(400, "jira/error-400-summary.json"));

		PluginException error = invokeFailing("jira_create_issue", CREATE_ISSUE);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("summary: You must specify a summary of the issue.");
	}

	@Test
	void should_pass_on_a_conflict_message() {
		answer(json(409, "jira/error-409.json"));

		PluginException error = invokeFailing("jira_create_issue", CREATE_ISSUE);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("changed by someone else");
	}

	@Test
	void should_report_a_transition_that_needs_a_field() {
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12?fields=status")).willReturn(json(200, "jira/issue.json")));
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")).willReturn(json(200, "jira/transitions.json")));
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue/SUP-12/transitions"))
				.willReturn(json(400, "jira/error-400-resolution.json")));

		PluginException error = invokeFailing("jira_transition_issue_to_done", GET_ISSUE);

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("resolution: Resolution is required.");
	}

	@Test
	void should_reject_closing_when_the_workflow_has_no_way_to_done() {
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12?fields=status")).willReturn(json(200, "jira/issue.json")));
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12/transitions"))
				.willReturn(json(200, "jira/transitions-no-done.json")));

		PluginException error = invokeFailing("jira_transition_issue_to_done", GET_ISSUE);

		assertThat(error).isInstanceOf(ActionRejectedException.class);
		assertThat(error.getMessage()).contains("SUP-12").contains("In Progress");
	}

	@Test
	void should_honour_retry_after_when_rate_limited() {
		answer(aResponse().withStatus(429).withHeader("Retry-After", "30"));

		RateLimitException error = catchThrowableOfType(RateLimitException.class,
				() -> connector.invoke("jira_get_issue", GET_ISSUE, JiraFake.context()));

		assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
	}

	@Test
	void should_report_a_server_error_as_retriable() {
		answer(json(500, "jira/error-500.json"));

		PluginException error = invokeFailing("jira_get_issue", GET_ISSUE);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.retriable()).isTrue();
	}

	@Test
	void should_not_echo_an_html_error_page() {
		answer(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
				.withBody("<html><body>Atlassian is down for maintenance, node jira-int-42</body></html>"));

		PluginException error = invokeFailing("jira_get_issue", GET_ISSUE);

		assertThat(error).isInstanceOf(UpstreamUnavailableException.class);
		assertThat(error.getMessage()).doesNotContain("<html>").doesNotContain("jira-int-42");
	}

	@Test
	void should_refuse_an_issue_of_another_project_without_calling_jira() {
		PluginException error = invokeFailing("jira_get_issue", "{\"issue_key\":\"HR-7\"}");

		assertThat(error).isInstanceOf(InvalidRequestException.class);
		assertThat(error.getMessage()).contains("not in project SUP");
		assertThat(jira.getAllServeEvents()).isEmpty();
	}

	private PluginException invokeFailing(String action, String input) {
		return catchThrowableOfType(PluginException.class, () -> connector.invoke(action, input, JiraFake.context()));
	}

	private static void answer(ResponseDefinitionBuilder response) {
		jira.stubFor(any(anyUrl()).willReturn(response));
	}
}
