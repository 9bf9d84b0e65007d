package dev.switchboard.core.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
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
					+ "their verified identity token.", example = "{\"userTier\": \"enterprise\"}") Map<String, String> attributes) {
	}

	@Schema(name = "RunAccepted")
	public record RunAccepted(UUID runId, UUID conversationId, UUID userMessageId, UUID assistantMessageId,
			@Schema(example = "/api/v1/runs/5b1c.../events") String events) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	@Schema(name = "MessagePart")
	public record PartView(@Schema(enumeration = { "text", "image", "tool_call" }) String type, String text,
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
