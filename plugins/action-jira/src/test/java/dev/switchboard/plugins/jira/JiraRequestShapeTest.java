package dev.switchboard.plugins.jira;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.switchboard.plugins.jira.JiraFake.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.switchboard.sdk.action.ActionConnector;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.testkit.http.TestEgressHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What goes over the wire: method, path, basic auth, and bodies in Atlassian Document Format. */
class JiraRequestShapeTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static WireMockExtension jira = JiraFake.server();

	private ActionConnector connector;

	@BeforeEach
	void connect() {
		connector = JiraFake.connector(jira, TestEgressHttp.allowing("127.0.0.1"));
	}

	@Test
	void should_create_an_issue_in_the_configured_project_with_an_adf_description() throws Exception {
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(201, "jira/issue-created.json")));

		ActionResult result = invoke("jira_create_issue", """
				{"summary": "Export to CSV times out",
				 "description": "Happens for workspaces over 10k rows.\\n\\nSteps:\\n1. Open reports\\n2. Export",
				 "labels": ["customer-reported"]}
				""");

		jira.verify(postRequestedFor(urlEqualTo("/rest/api/3/issue"))
				.withHeader("Authorization", equalTo(JiraFake.BASIC_AUTH))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("""
						{"fields": {
						   "project": {"key": "SUP"},
						   "issuetype": {"name": "Task"},
						   "summary": "Export to CSV times out",
						   "labels": ["customer-reported"],
						   "description": {"type": "doc", "version": 1, "content": [
						     {"type": "paragraph", "content": [{"type": "text", "text": "Happens for workspaces over 10k rows."}]},
						     {"type": "paragraph", "content": [
						       {"type": "text", "text": "Steps:"}, {"type": "hardBreak"},
						       {"type": "text", "text": "1. Open reports"}, {"type": "hardBreak"},
						       {"type": "text", "text": "2. Export"}]}]}}}
						""")));
		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("key").asText()).isEqualTo("SUP-24");
		assertThat(output.get("url").asText()).isEqualTo("http://127.0.0.1:" + jira.getPort() + "/browse/SUP-24");
	}

	@Test
	void should_leave_out_an_absent_description() {
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue")).willReturn(json(201, "jira/issue-created.json")));

		invoke("jira_create_issue", "{\"summary\":\"Short one\"}");

		jira.verify(postRequestedFor(urlEqualTo("/rest/api/3/issue")).withRequestBody(equalToJson(
				"{\"fields\":{\"project\":{\"key\":\"SUP\"},\"issuetype\":{\"name\":\"Task\"},\"summary\":\"Short one\"}}")));
	}

	@Test
	void should_read_status_assignee_and_last_update() throws Exception {
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12?fields=summary,status,assignee,priority,issuetype,updated"))
				.willReturn(json(200, "jira/issue.json")));

		ActionResult result = invoke("jira_get_issue", "{\"issue_key\":\"SUP-12\"}");

		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("status").asText()).isEqualTo("In Progress");
		assertThat(output.get("status_category").asText()).isEqualTo("indeterminate");
		assertThat(output.get("assignee").asText()).isEqualTo("Mia Krystof");
		assertThat(output.get("updated").asText()).isEqualTo("2026-11-28T16:20:05.123+0000");
		assertThat(result.summary()).isEqualTo("SUP-12 is In Progress, assigned to Mia Krystof");
		jira.verify(getRequestedFor(urlEqualTo("/rest/api/3/issue/SUP-12?fields=summary,status,assignee,priority,issuetype,updated"))
				.withHeader("Authorization", equalTo(JiraFake.BASIC_AUTH)));
	}

	@Test
	void should_report_an_unassigned_issue_with_a_null_assignee() throws Exception {
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12?fields=summary,status,assignee,priority,issuetype,updated"))
				.willReturn(json(200, "jira/issue-unassigned-done.json")));

		JsonNode output = JSON.readTree(invoke("jira_get_issue", "{\"issue_key\":\"SUP-12\"}").output());

		assertThat(output.get("assignee").isNull()).isTrue();
		assertThat(output.get("status_category").asText()).isEqualTo("done");
	}

	@Test
	void should_post_a_comment_in_adf() throws Exception {
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue/SUP-12/comment")).willReturn(json(201, "jira/comment.json")));

		ActionResult result = invoke("jira_add_comment",
				"{\"issue_key\":\"SUP-12\",\"body\":\"The customer confirmed it happens daily.\"}");

		jira.verify(postRequestedFor(urlEqualTo("/rest/api/3/issue/SUP-12/comment")).withRequestBody(equalToJson("""
				{"body": {"type": "doc", "version": 1, "content": [
				  {"type": "paragraph", "content": [{"type": "text", "text": "The customer confirmed it happens daily."}]}]}}
				""")));
		assertThat(JSON.readTree(result.output()).get("comment_id").asText()).isEqualTo("10100");
	}

	@Test
	void should_take_the_transition_whose_target_status_is_in_the_done_category() throws Exception {
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12?fields=status")).willReturn(json(200, "jira/issue.json")));
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")).willReturn(json(200, "jira/transitions.json")));
		jira.stubFor(post(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")).willReturn(aResponse().withStatus(204)));

		ActionResult result = invoke("jira_transition_issue_to_done", "{\"issue_key\":\"SUP-12\"}");

		jira.verify(postRequestedFor(urlEqualTo("/rest/api/3/issue/SUP-12/transitions"))
				.withRequestBody(equalToJson("{\"transition\": {\"id\": \"31\"}}")));
		JsonNode output = JSON.readTree(result.output());
		assertThat(output.get("transitioned").asBoolean()).isTrue();
		assertThat(output.get("status").asText()).isEqualTo("Done");
	}

	@Test
	void should_leave_an_issue_that_is_already_done_alone() throws Exception {
		jira.stubFor(get(urlEqualTo("/rest/api/3/issue/SUP-12?fields=status"))
				.willReturn(json(200, "jira/issue-unassigned-done.json")));

		ActionResult result = invoke("jira_transition_issue_to_done", "{\"issue_key\":\"SUP-12\"}");

		assertThat(JSON.readTree(result.output()).get("transitioned").asBoolean()).isFalse();
		jira.verify(0, postRequestedFor(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")));
		jira.verify(0, getRequestedFor(urlEqualTo("/rest/api/3/issue/SUP-12/transitions")));
	}

	private ActionResult invoke(String action, String input) {
		return connector.invoke(action, input, JiraFake.context());
	}
}
