package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.LedgerApi;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Action confirmations end to end, in the browser: a tenant whose every turn is an action turn, the ledger connector
 * loaded as a real plugin jar, the real approval endpoint, and a fake product API that counts what reached it.
 */
@QuarkusTest
class WidgetApprovalBrowserTest extends HostPageTestBase {

	private static final String TENANT = "widget-actions";
	private static boolean configured;

	private final LedgerApi ledger = LedgerApi.get();

	@Override
	String preparedTenant() {
		if (!configured) {
			Api.admin().body(Map.of("id", TENANT, "name", TENANT)).post("/api/v1/admin/tenants");
			Api.admin(TENANT).body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", upstream.baseUrl(), "model",
					"agent-model", "capabilities", "streaming,tools"))).put("/api/v1/admin/backends/agent").then()
					.statusCode(200);
			// Every turn is an action turn: these tests are about the confirmation, not about routing.
			Api.admin(TENANT).body(Map.of("roles", Map.of("action", Map.of("backends", List.of("agent"))), "rules", List.of(
					Map.of("if", Map.of("route", "small"), "route", "action"),
					Map.of("if", Map.of("route", "reasoning"), "route", "action")))).put("/api/v1/admin/routing").then()
					.statusCode(200);
			Api.admin(TENANT).body(Map.of("factoryId", "ledger", "config", Map.of("baseUrl", ledger.baseUrl()),
					"allowPrivateNetwork", true)).put("/api/v1/admin/connectors/books").then().statusCode(200);
			Api.admin(TENANT).body(Map.of()).put("/api/v1/admin/connectors/books/actions/ledger_add_entry").then()
					.statusCode(200);
			configured = true;
		}
		return TENANT;
	}

	@BeforeEach
	void emptyLedger() {
		ledger.reset();
	}

	@Test
	void should_run_an_approved_write_exactly_once_and_stream_the_continuation() {
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_w", "ledger_add_entry",
				"{\"account\":\"A-1\",\"amount\":20,\"memo\":\"<img src=x onerror=\\\"window.pwned=1\\\">\"}")))
				.enqueue(Reply.text("Added **20** to A-1."));
		page.navigate(launcherPage(""));
		send("Add 20 to account A-1");

		Locator card = confirmationCard();
		assertThat(card).containsText("This will change data.");
		assertThat(card.locator("dt")).hasText(new String[] { "Account", "Amount", "Memo" });
		assertThat(card.locator("dd")).hasText(new String[] { "A-1", "20", "<img src=x onerror=\"window.pwned=1\">" });
		assertThat(card.locator("img")).hasCount(0);
		assertThat(ledger.received()).as("a write waits for the user").isEmpty();

		card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve")).click();

		assertThat(card.getByRole(AriaRole.STATUS)).hasText("Approved.");
		assertThat(card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve"))).isDisabled();
		Locator continuation = assistantMessages().last();
		assertThat(continuation).hasAttribute("aria-busy", "false");
		assertThat(continuation.locator(".markdown strong")).hasText("20");
		assertThat(continuation.locator("details.tool summary")).hasText("ledger_add_entry done");
		assertThat(ledger.received()).singleElement().satisfies(request -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/accounts/A-1");
		});
		assertThat(page.evaluate("() => window.pwned")).isNull();
		Api.admin(TENANT).get("/api/v1/admin/actions/invocations?action=ledger_add_entry&status=succeeded").then()
				.statusCode(200).body("[0].arguments.account", equalTo("A-1"));
	}

	@Test
	void should_not_run_a_rejected_write_and_let_the_model_answer() {
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_r", "ledger_add_entry", "{\"account\":\"B-2\",\"amount\":5}")))
				.enqueue(Reply.text("Okay, I left the ledger as it was."));
		page.navigate(launcherPage(""));
		send("Add 5 to account B-2");

		Locator card = confirmationCard();
		card.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reject")).click();

		assertThat(card.getByRole(AriaRole.STATUS)).hasText("Rejected.");
		assertThat(assistantMessages().last()).containsText("Okay, I left the ledger as it was.");
		assertThat(upstream.lastRequest().body().toString()).contains("rejected_by_user");
		assertThat(ledger.received()).isEmpty();
	}

	private Locator confirmationCard() {
		return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Add entry"));
	}
}
