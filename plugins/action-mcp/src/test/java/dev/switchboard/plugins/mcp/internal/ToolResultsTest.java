package dev.switchboard.plugins.mcp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.error.ActionRejectedException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tool answers become bounded action results; offline, with hand-made answers. */
class ToolResultsTest {

	@Test
	void should_join_text_parts_and_describe_the_others() {
		McpSchema.CallToolResult answer = new McpSchema.CallToolResult(List.of(new McpSchema.TextContent("first"),
				new McpSchema.ImageContent(null, "AAAA", "image/png"),
				new McpSchema.EmbeddedResource(null, new McpSchema.TextResourceContents("file:///a.txt", "text/plain", "inside")),
				new McpSchema.TextContent("last")), false, null, null);

		ActionResult result = ToolResults.toActionResult("t", answer, 1_000);

		assertThat(result.output()).isEqualTo("{\"text\":\"first\\n[image image/png omitted]\\ninside\\nlast\"}");
	}

	@Test
	void should_wrap_structured_content_that_is_not_an_object() {
		McpSchema.CallToolResult answer = new McpSchema.CallToolResult(List.of(), false, List.of(1, 2), null);

		assertThat(ToolResults.toActionResult("t", answer, 1_000).output()).isEqualTo("{\"result\":[1,2]}");
	}

	@Test
	void should_fall_back_to_capped_text_when_structured_content_is_too_large() {
		McpSchema.CallToolResult answer = new McpSchema.CallToolResult(List.of(), false,
				Map.of("rows", "y".repeat(100)), null);

		String output = ToolResults.toActionResult("t", answer, 30).output();

		assertThat(output).startsWith("{\"text\":\"{\\\"rows\\\":\\\"yyy").contains("… [truncated ")
				.endsWith("\"truncated\":true}");
	}

	@Test
	void should_reject_an_error_result_with_a_summary_of_its_text() {
		McpSchema.CallToolResult answer = new McpSchema.CallToolResult(
				List.of(new McpSchema.TextContent("Ticket   is\nclosed " + "z".repeat(1_000))), true, null, null);

		assertThatThrownBy(() -> ToolResults.toActionResult("close-ticket", answer, 16_000))
				.isInstanceOf(ActionRejectedException.class)
				.hasMessageStartingWith("MCP tool close-ticket reported an error: Ticket is closed zzz")
				.message().hasSizeLessThan(400);
	}
}
