package dev.switchboard.plugins.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.switchboard.plugins.jira.JiraFake.json;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.testkit.contract.AbstractActionConnectorContract;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's action-connector contract, run against a Jira Cloud fake answering every example. */
class JiraActionConnectorContractTest extends AbstractActionConnectorContract {

	@RegisterExtension
	static WireMockExtension jira = JiraFake.server();

	@Override
	protected ActionConnector createConnector() {
		jira.stubFor(get(urlEqualTo("/rest/api/3/myself")).willReturn(json(200, "jira/myself.json")));
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(201, "jira/issue-created.json")));
		jira.stubFor(get(urlPathEqualTo("/rest/api/3/issue/SUP-12")).willReturn(json(200, "jira/issue.json")));
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue/SUP-12/comment")).willReturn(json(201, "jira/comment.json")));
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")).willReturn(json(200, "jira/transitions.json")));
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")).willReturn(aResponse().withStatus(204)));
		return JiraFake.connector(jira, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Override
	protected Map<String, String> exampleInputs() {
		return Map.of(
				"jira_create_issue", "{\"summary\":\"Export to CSV times out\",\"description\":\"Steps:\\n1. Open reports\"}",
				"jira_get_issue", "{\"issue_key\":\"SUP-12\"}",
				"jira_add_comment", "{\"issue_key\":\"SUP-12\",\"body\":\"The customer confirmed it happens daily.\"}",
				"jira_transition_issue_to_done", "{\"issue_key\":\"SUP-12\"}");
	}
}
