package dev.switchboard.core.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import dev.switchboard.sdk.testkit.openai.Reply;
import dev.switchboard.sdk.testkit.openai.Reply.ScriptedToolCall;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The widget on a customer's page, talking to the app across origins: streaming, Markdown, tools and images. */
@QuarkusTest
class WidgetChatBrowserTest extends HostPageTestBase {

	@Test
	void should_stream_a_markdown_answer_into_the_chat_of_another_sites_page() {
		upstream.enqueue(Reply.text("Here is **your", " plan**:\n\n", "- first step\n", "- second step"));
		page.navigate(launcherPage(""));
		send("Plan my week");

		Locator answer = assistantMessages().last();
		assertThat(answer).hasAttribute("aria-busy", "false");
		assertThat(answer.locator("strong")).hasText("your plan");
		assertThat(answer.locator("li")).hasText(new String[] { "first step", "second step" });
		assertThat(page.locator("switchboard-chat .message.user")).hasText("You: Plan my week");
		assertThat(upstream.lastRequest().body().path("messages").toString()).contains("Plan my week");
		assertThat(page.evaluate("() => hookCalls.filter(c => c.hook === 'message').map(c => c.role + ':' + c.text)"))
				.isEqualTo(List.of("user:Plan my week", "assistant:Here is **your plan**:\n\n- first step\n- second step"));
		assertThat(onlyHostAndAppWereContacted()).as("requests: %s", requested).isTrue();
	}

	@Test
	void should_render_model_output_without_running_its_scripts_or_handlers() {
		upstream.enqueue(Reply.text("Fine **print** <script>window.pwned = 'script'</script>",
				"<img src=x onerror=\"window.pwned = 'onerror'\"> <a href=\"javascript:window.pwned='link'\">more</a>",
				" [docs](javascript:window.pwned='markdown') <svg onload=\"window.pwned='svg'\"></svg>",
				"<iframe srcdoc=\"<script>parent.pwned='iframe'</script>\"></iframe>"));
		page.navigate(launcherPage(""));
		send("Show me something tricky");

		Locator answer = assistantMessages().last();
		assertThat(answer).hasAttribute("aria-busy", "false");
		assertThat(answer.locator("strong")).hasText("print");
		assertThat(answer.locator("script, img, svg, iframe, [onerror], [onload]")).hasCount(0);
		assertThat(answer.locator("a")).hasText(new String[] { "more", "docs" });
		for (Locator link : answer.locator("a").all()) {
			assertThat(link).not().hasAttribute("href", Pattern.compile("(?i)^\\s*javascript:"));
		}
		answer.locator("a").first().click();
		assertThat(page.evaluate("() => window.pwned")).isNull();
	}

	@Test
	void should_show_the_tools_the_model_calls() {
		upstream.enqueue(Reply.toolCalls(ScriptedToolCall.of("call_7", "lookup_order", "{\"orderId\":", "\"A-42\"}")));
		page.navigate(launcherPage(""));
		send("Where is my order A-42?");

		Locator tool = assistantMessages().last().locator("details.tool");
		assertThat(tool.locator("summary")).hasText("Called lookup_order");
		tool.locator("summary").click();
		assertThat(tool.locator("pre")).hasText("{\"orderId\":\"A-42\"}");
		assertThat(page.evaluate("() => hookCalls.filter(c => c.hook === 'toolCall').map(c => c.name + ' ' + c.arguments)"))
				.isEqualTo(List.of("lookup_order {\"orderId\":\"A-42\"}"));
	}

	@Test
	void should_send_picked_and_pasted_images_with_the_turn() {
		upstream.enqueue(Reply.text("Two pixels."));
		byte[] png = Base64.getDecoder().decode(PIXEL);
		page.navigate(launcherPage(""));
		page.getByRole(AriaRole.BUTTON,
				new Page.GetByRoleOptions().setName("Open chat")).click();

		page.locator("switchboard-chat input[type=file]").setInputFiles(new FilePayload("screenshot.png", "image/png", png));
		Locator message = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
		message.focus();
		// A real paste event with a file in its clipboard data, as the browser fires it for a pasted screenshot.
		message.evaluate("""
				(input, base64) => {
				  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
				  const data = new DataTransfer();
				  data.items.add(new File([bytes], "pasted.png", { type: "image/png" }));
				  input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
				}""", PIXEL);
		assertThat(page.locator("switchboard-chat .pending img")).hasCount(2);
		assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove screenshot.png"))).isVisible();
		message.fill("What are these?");
		message.press("Enter");

		assertThat(assistantMessages().last()).containsText("Two pixels.");
		assertThat(page.locator("switchboard-chat .message.user img")).hasCount(2);
		JsonNode content = lastUserContent();
		assertThat(content.get(0).path("text").asText()).isEqualTo("What are these?");
		for (int image = 1; image <= 2; image++) {
			assertThat(content.get(image).path("image_url").path("url").asText()).isEqualTo("data:image/png;base64," + PIXEL);
		}
	}

	private JsonNode lastUserContent() {
		JsonNode messages = upstream.lastRequest().body().path("messages");
		return messages.get(messages.size() - 1).path("content");
	}
}
