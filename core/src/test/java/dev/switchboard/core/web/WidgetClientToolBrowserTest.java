package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.support.ActionTurns;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host page registers a tool with {@code Switchboard.registerTools}; the model calls it, the widget runs the page's
 * handler in the browser, sends its result, and the model's answer uses it.
 */
@QuarkusTest
class WidgetClientToolBrowserTest extends HostPageTestBase {

	private static final String TENANT = "widget-tools";
	private static final String CART_TOOL = """
			Switchboard.registerTools([{
			  name: "get_cart_total",
			  description: "The total of the shopping cart on this page",
			  parameters: { type: "object", properties: { currency: { type: "string", enum: ["EUR", "USD"] } }, required: ["currency"] },
			  handler: async ({ currency }) => {
			    window.cartCalls = (window.cartCalls || 0) + 1;
			    return { total: 42.5, currency, items: document.querySelectorAll("h1").length };
			  },
			}]);
			""";
	private static final String TITLE_TOOL = """
			Switchboard.registerTools([{
			  name: "get_page_title",
			  description: "The title of the page the user is on",
			  handler: async () => ({ title: document.title }),
			}]);
			""";
	private static boolean configured;

	@Override
	String preparedTenant() {
		if (!configured) {
			ActionTurns.actionTenant(TENANT, upstream);
			configured = true;
		}
		return TENANT;
	}

	@Test
	void should_run_a_tool_the_host_page_registered_and_answer_with_its_result() {
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_cart", "get_cart_total", "{\"currency\":\"EUR\"}")))
				.enqueue(Reply.text("Your cart comes to **42.50 EUR**."));
		page.navigate(launcherPage("", CART_TOOL));

		send("What is in my cart?");

		assertThat(assistantMessages().last()).containsText("Your cart comes to 42.50 EUR.");
		assertThat(assistantMessages().last().locator(".markdown strong")).hasText("42.50 EUR");
		assertThat(chat().locator("details.tool summary").first()).hasText("get_cart_total done");
		assertThat(page.evaluate("() => window.cartCalls")).isEqualTo(1);
		JsonNode offered = upstream.requests().get(0).body().path("tools");
		assertThat(offered.toString()).contains("get_cart_total", "The total of the shopping cart on this page");
		JsonNode messages = upstream.lastRequest().body().path("messages");
		JsonNode result = messages.get(messages.size() - 1);
		assertThat(result.path("role").asText()).isEqualTo("tool");
		assertThat(result.path("content").asText()).isEqualTo("{\"total\":42.5,\"currency\":\"EUR\",\"items\":1}");
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> hooks = (List<Map<String, Object>>) page.evaluate("() => window.hookCalls");
		assertThat(hooks).anySatisfy(hook -> {
			assertThat(hook).containsEntry("hook", "toolCall").containsEntry("name", "get_cart_total");
			assertThat(String.valueOf(hook.get("result"))).contains("42.5");
		});
		assertThat(onlyHostAndAppWereContacted()).isTrue();
	}

	@Test
	void should_run_every_tool_of_one_reply_and_follow_the_single_continuation() {
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_cart", "get_cart_total", "{\"currency\":\"USD\"}"),
				ScriptedToolCall.of("call_title", "get_page_title", "{}")))
				.enqueue(Reply.text("Your cart comes to 42.50 USD."));
		page.navigate(launcherPage("", CART_TOOL + TITLE_TOOL));

		send("What is in my cart?");

		assertThat(assistantMessages().last()).containsText("Your cart comes to 42.50 USD.");
		assertThat(page.evaluate("() => window.cartCalls")).isEqualTo(1);
		assertThat(upstream.requests()).hasSize(2);
		JsonNode messages = upstream.lastRequest().body().path("messages");
		JsonNode call = messages.get(messages.size() - 3);
		assertThat(call.path("tool_calls").findValuesAsText("id")).containsExactly("call_cart", "call_title");
		assertThat(messages.get(messages.size() - 2).path("tool_call_id").asText()).isEqualTo("call_cart");
		assertThat(messages.get(messages.size() - 1).path("tool_call_id").asText()).isEqualTo("call_title");
	}
}
