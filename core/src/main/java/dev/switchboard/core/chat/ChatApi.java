package dev.switchboard.core.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the chat API. Entities never leave core; these records do. */
public final class ChatApi {

	private ChatApi() {
	}

	@Schema(name = "CreateConversation")
	public record CreateConversation(@Size(max = 200) @Schema(example = "Billing question") String title) {
	}

	@Schema(name = "Conversation")
	public record ConversationView(UUID id, @Schema(example = "Billing question") String title,
			OffsetDateTime createdAt, OffsetDateTime updatedAt) {

		static ConversationView of(Conversation c) {
			return new ConversationView(c.id, c.title, c.createdAt, c.updatedAt);
		}
	}

	@Schema(name = "ConversationWithMessages")
	public record ConversationDetail(UUID id, String title, OffsetDateTime createdAt, OffsetDateTime updatedAt,
			List<MessageView> messages) {
	}

	@Schema(name = "InputPart", description = "A part of a user message: text, or an image as base64 bytes")
	public record InputPart(
			@NotNull @Schema(enumeration = { "text", "image" }, example = "text") String type,
			@Schema(example = "What does this error mean?") String text,
			@Schema(example = "image/png", description = "image/png, image/jpeg, image/webp or image/gif") String mediaType,
			@Schema(description = "The image bytes, base64-encoded") String data) {
	}

	@Schema(name = "PostMessage")
	public record PostMessage(@NotEmpty @Schema(example = "[{\"type\":\"text\",\"text\":\"Hello!\"}]") List<@NotNull @Valid InputPart> parts,
			@Size(max = 20) @Schema(description = "Attributes of the user this message is sent for, which tenant routing "
					+ "rules match on, e.g. {\"userTier\": \"enterprise\"}. From API keys only: a widget user's come from "
					+ "their verified identity token.", example = "{\"userTier\": \"enterprise\"}") Map<String, String> attributes,
			@Schema(description = CLIENT_TOOLS) List<ClientToolDeclaration> tools) {
	}

	static final String CLIENT_TOOLS = "Client-side tools for this run (AG-UI frontend tools): the model may call them, "
			+ "the run then ends with result.awaitingToolResults, and the caller runs the tool and posts its result to "
			+ "/api/v1/conversations/{id}/tool-results. At most 16; names must not be those of the tenant's actions.";

	@Schema(name = "ClientTool", description = "A tool the caller runs itself (e.g. in the browser)")
	public record ClientToolDeclaration(
			@Schema(example = "get_cart_total", description = "[a-zA-Z][a-zA-Z0-9_-]{0,63}") String name,
			@Schema(example = "The total of the shopping cart on this page", description = "At most 1,000 characters") String description,
			@Schema(implementation = Object.class, example = "{\"type\":\"object\",\"properties\":{\"currency\":{\"type\":\"string\"}}}",
					description = "JSON Schema (draft 2020-12) of the arguments, an object; self-contained (no $ref outside it); "
							+ "at most 16,000 characters. Omitted: no arguments.") JsonNode parameters) {
	}

	@Schema(name = "ToolResult")
	public record ToolResult(
			@NotBlank @Size(max = 200) @Schema(description = "The toolCallId of the call, from result.awaitingToolResults") String toolCallId,
			@NotNull @Size(max = 1_000_000) @Schema(description = "What the tool returned, as the model should read it "
					+ "(usually JSON); cut at 16,000 characters with a marker") String content,
			@Schema(description = CLIENT_TOOLS) List<ClientToolDeclaration> tools) {
	}

	@Schema(name = "RunAccepted")
	public record RunAccepted(UUID runId, UUID conversationId, UUID userMessageId, UUID assistantMessageId,
			@Schema(example = "/api/v1/runs/5b1c.../events") String events) {
	}

	@Schema(name = "ReplyWaiting", description = "The outcome was recorded; the model's reply had several tool calls "
			+ "and continues, in one run, when the last of them has its outcome. Nothing runs until then.")
	public record ReplyWaiting(UUID conversationId,
			@Schema(description = "Invocation ids of the reply's actions still awaiting the user's decision") List<UUID> awaitingApproval,
			@Schema(description = "Ids of the reply's client tool calls still awaiting their result") List<String> awaitingToolResults) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "MessagePart")
	public record PartView(@Schema(enumeration = { "text", "image", "tool_call", "tool_result" },
			description = "tool_result: what the model was told for the call toolCallId (in text)") String type, String text,
			UUID attachmentId, String mediaType, @Schema(example = "/api/v1/attachments/0b7f...") String url,
			String toolCallId, String name, String arguments) {

		static PartView of(MessagePart p) {
			return new PartView(p.type(), p.text(), p.attachmentId(), p.mediaType(),
					p.attachmentId() == null ? null : "/api/v1/attachments/" + p.attachmentId(), p.toolCallId(), p.name(),
					p.arguments());
		}
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "Message")
	public record MessageView(UUID id, @Schema(enumeration = { "user", "assistant" }) String role, List<PartView> parts,
			@Schema(enumeration = { "complete", "failed", "interrupted" }) String status,
			@Schema(example = "upstream_rate_limited") String errorCode, @Schema(example = "default") String backend,
			@Schema(example = "gpt-4o-mini") String model, long inputTokens, long outputTokens, OffsetDateTime createdAt) {

		static MessageView of(Message m) {
			return new MessageView(m.id, m.role, m.parts.stream().map(PartView::of).toList(), m.status, m.errorCode,
					m.backend, m.model, m.inputTokens, m.outputTokens, m.createdAt);
		}
	}
}
