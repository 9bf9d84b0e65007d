package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The confirmation card against the contract of approvals (a CUSTOM {@code confirmation_required} event, then
 * {@code POST /api/v1/conversations/{id}/approvals/{invocationId}} answering 202 with a run to stream), with the
 * server's side stubbed so the card meets arguments no test connector declares: nested objects and lists, and the
 * exact decision body. The run against the real action runtime is {@link WidgetApprovalBrowserTest}.
 */
@QuarkusTest
class ConfirmationCardContractBrowserTest extends HostPageTestBase {

	private static final ObjectMapper JSON = new ObjectMapper();

	@Test
	void should_show_the_arguments_for_review_and_stream_the_approved_run() throws Exception {
		List<Map<String, Object>> confirmation = List.of(
				Map.of("type", "RUN_STARTED"),
				Map.of("type", "CUSTOM", "name", "confirmation_required", "value", Map.of(
						"invocationId", "inv-1", "action", "jira_create_issue", "title", "Create Jira issue",
						"summary", "Creates a bug in project OPS.", "effect", "WRITE",
						// JSON text rather than Map.of, whose iteration order changes from one JVM to the next
						"arguments", JSON.readTree("""
								{"projectKey": "OPS", "summary": "<img src=x onerror=\\"window.pwned=1\\">",
								 "labels": ["bug", "urgent"], "fields": {"priority_name": "High"}}"""),
						"expiresAt", Instant.now().plusSeconds(600).toString(), "approvalToken", "tok-123")),
				Map.of("type", "RUN_FINISHED"));
		List<Map<String, Object>> approved = List.of(
				Map.of("type", "RUN_STARTED"),
				Map.of("type", "TOOL_CALL_START", "toolCallId", "inv-1", "toolCallName", "jira_create_issue"),
				Map.of("type", "TOOL_CALL_END", "toolCallId", "inv-1"),
				Map.of("type", "TOOL_CALL_RESULT", "toolCallId", "inv-1", "content", "{\"key\":\"OPS-7\"}"),
				Map.of("type", "TEXT_MESSAGE_START", "messageId", "m-2"),
				Map.of("type", "TEXT_MESSAGE_CONTENT", "messageId", "m-2", "delta", "Created **OPS-7**."),
				Map.of("type", "TEXT_MESSAGE_END", "messageId", "m-2"),
				Map.of("type", "RUN_FINISHED"));
		page.route("**/api/v1/conversations/*/messages", route -> accepted(route, "message-run"));
		page.route("**/api/v1/runs/*/events", route -> stream(route,
				route.request().url().contains("/runs/approval-run/") ? approved : confirmation));
		List<String> decisions = new CopyOnWriteArrayList<>();
		page.route("**/api/v1/conversations/*/approvals/*", route -> {
			decisions.add(route.request().url().replaceAll(".*/conversations/", "") + " " + route.request().postData());
			accepted(route, "approval-run");
		});
		page.navigate(launcherPage(""));
		send("File a bug about the login page");

		Locator card = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Create Jira issue"));
		assertThat(card).containsText("Creates a bug in project OPS.");
		assertThat(card.locator("dt")).hasText(new String[] { "Project key", "Summary", "Labels", "Fields", "Priority name" });
		assertThat(card.locator("dd").nth(1)).hasText("<img src=x onerror=\"window.pwned=1\">");
		assertThat(card.locator("dd").nth(2)).hasText("bug, urgent");
		assertThat(card.locator("img")).hasCount(0);

		card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();
		assertThat(card.getByRole(AriaRole.STATUS)).hasText("Approved.");
		assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject"))).isDisabled();
		Locator result = assistantMessages().last();
		assertThat(result.locator(".markdown strong")).hasText("OPS-7");
		assertThat(result.locator("details.tool summary")).hasText("jira_create_issue done");
		assertThat(decisions).hasSize(1);
		String conversation = page.evaluate("() => document.querySelector('switchboard-chat').conversationId").toString();
		assertThat(decisions.get(0)).startsWith(conversation + "/approvals/inv-1 ");
		JsonNode body = JSON.readTree(decisions.get(0).substring(decisions.get(0).indexOf(' ') + 1));
		assertThat(body).isEqualTo(JSON.readTree("{\"decision\":\"approve\",\"token\":\"tok-123\"}"));
		assertThat(page.evaluate("() => window.pwned")).isNull();
	}

	/** 202 with a run to stream, the answer to a message and, by the contract, to a decision. */
	private static void accepted(Route route, String runId) {
		route.fulfill(new Route.FulfillOptions().setStatus(202).setContentType("application/json")
				.setHeaders(Map.of("Access-Control-Allow-Origin", HostPages.get().origin()))
				.setBody("{\"runId\":\"" + runId + "\",\"events\":\"/api/v1/runs/" + runId + "/events\"}"));
	}

	private static void stream(Route route, List<Map<String, Object>> events) {
		StringBuilder body = new StringBuilder();
		try {
			for (int i = 0; i < events.size(); i++) {
				body.append("id:").append(i + 1).append("\ndata:").append(JSON.writeValueAsString(events.get(i))).append("\n\n");
			}
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
		route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/event-stream")
				.setHeaders(Map.of("Access-Control-Allow-Origin", HostPages.get().origin())).setBody(body.toString()));
	}
}
