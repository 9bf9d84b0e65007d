package dev.switchboard.core.chat;

import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * How each answer of a conversation was routed and what it cost. For operators only: end users see their answers, not
 * the tenant's routing and prices.
 */
@Path("/api/v1/conversations/{id}/trace")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "Conversations, their messages, and posting a message to get an answer")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER })
public class TraceResource {

	private final CurrentTenant tenant;
	private final ConversationRepository conversations;
	private final MessageRepository messages;

	public TraceResource(CurrentTenant tenant, ConversationRepository conversations, MessageRepository messages) {
		this.tenant = tenant;
		this.conversations = conversations;
		this.messages = messages;
	}

	@Schema(name = "AnswerTrace")
	public record AnswerTrace(UUID messageId, OffsetDateTime createdAt,
			@Schema(enumeration = { "complete", "failed" }) String status, String errorCode,
			@Schema(description = "Routing decision, backends and model calls; absent for answers older than routing") TurnTrace trace) {
	}

	@Schema(name = "ConversationTrace")
	public record ConversationTrace(UUID conversationId, List<AnswerTrace> answers, long inputTokens, long outputTokens,
			@Schema(description = "US dollars of all answers; null when any answer's cost is unknown", example = "0.0042") BigDecimal cost) {
	}

	@GET
	@WithSession
	@Operation(summary = "Read how each answer was routed and what it cost", description = "Per answer: the role, "
			+ "signals, scores and reasons of the routing decision, the backend that answered and those that failed "
			+ "first, every model call with tokens and cost; totals for the conversation.")
	@APIResponse(responseCode = "404", description = "No such conversation in this tenant",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<ConversationTrace> get(@PathParam("id") UUID id) {
		return tenant.scope().flatMap(scope -> conversations.findOwned(scope, id).flatMap(c -> {
			if (c == null) {
				throw ProblemException.notFound("conversation_not_found", "Conversation",
						"No conversation " + id + " in this tenant.");
			}
			return messages.listOwned(scope.tenantId(), id);
		})).map(list -> {
			List<Message> answers = list.stream().filter(m -> Message.ASSISTANT.equals(m.role)).toList();
			BigDecimal cost = answers.stream().anyMatch(m -> m.cost == null) ? null
					: answers.stream().map(m -> m.cost).filter(Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
			return new ConversationTrace(id,
					answers.stream().map(m -> new AnswerTrace(m.id, m.createdAt, m.status, m.errorCode, m.trace)).toList(),
					answers.stream().mapToLong(m -> m.inputTokens).sum(), answers.stream().mapToLong(m -> m.outputTokens).sum(),
					cost);
		});
	}
}
