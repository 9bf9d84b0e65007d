package dev.switchboard.core.chat;

import dev.switchboard.core.action.ActionInvocation;
import dev.switchboard.core.action.ActionRuntime;
import dev.switchboard.core.auth.Roles;
import dev.switchboard.core.chat.ChatApi.RunAccepted;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.core.tenant.Scope;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The only way an action that changes data gets to run: the end user who was asked approves it here, with the
 * single-use token of the confirmation event. Nothing a model, a tool result or a document says can reach this.
 */
@Path("/api/v1/conversations/{id}/approvals/{invocationId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "Conversations, their messages, and posting a message to get an answer")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.CHAT, Roles.END_USER })
public class ApprovalResource {

	private final CurrentTenant tenant;
	private final ActionRuntime runtime;
	private final ChatService chat;
	private final SecurityIdentity identity;
	private final ClientTools clientTools;

	public ApprovalResource(CurrentTenant tenant, ActionRuntime runtime, ChatService chat, SecurityIdentity identity,
			ClientTools clientTools) {
		this.clientTools = clientTools;
		this.tenant = tenant;
		this.runtime = runtime;
		this.chat = chat;
		this.identity = identity;
	}

	@Schema(name = "ApprovalDecision")
	public record DecisionRequest(
			@NotNull @Pattern(regexp = "approve|reject", message = "must be approve or reject") @Schema(enumeration = { "approve", "reject" }) String decision,
			@NotBlank @Schema(description = "The approvalToken of the confirmation_required event") String token,
			@Schema(description = ChatApi.CLIENT_TOOLS) List<ChatApi.ClientToolDeclaration> tools) {
	}

	@POST
	@Blocking
	@Operation(summary = "Approve or reject a proposed action", description = "Approving runs the action exactly once "
			+ "and lets the model carry on; rejecting tells the model it did not run. Both happen in the run that "
			+ "continues the model's reply, once every tool call of that reply has its outcome (each approval decided, "
			+ "each client tool's result posted): then the answer is a run to follow, like posting a message; until "
			+ "then the decision is kept, nothing runs, and the answer says what the reply still waits for.")
	@APIResponse(responseCode = "202", description = "Decided, and the reply continues: the run streams at the events URL",
			content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunAccepted.class)))
	@APIResponse(responseCode = "200", description = "Decided; the reply still waits for other calls' outcomes, no run started",
			content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChatApi.ReplyWaiting.class)))
	@APIResponse(responseCode = "403", description = "approval_token_invalid",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "404", description = "approval_not_found: no such proposal for this user",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "409", description = "approval_not_pending (already decided) or approval_expired",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public RestResponse<Object> decide(@PathParam("id") UUID conversationId, @PathParam("invocationId") UUID invocationId,
			@Valid @NotNull DecisionRequest request) {
		Scope scope = ReactiveCalls.await(tenant::scope);
		// Checked before deciding, so a bad declaration leaves the proposal undecided.
		List<ClientTools.ClientTool> tools = ReactiveCalls.await(() -> clientTools.check(scope.tenantId(), request.tools()));
		ActionInvocation decided;
		try {
			decided = runtime.decide(scope.tenantId(), conversationId, invocationId, scope.endUserId(),
					identity.getPrincipal().getName(), request.token(),
					"approve".equals(request.decision()) ? ActionRuntime.Decision.APPROVE : ActionRuntime.Decision.REJECT);
		} catch (ActionRuntime.DecisionRefused e) {
			int status = switch (e.code()) {
				case "approval_not_found" -> 404;
				case "approval_token_invalid" -> 403;
				default -> 409;
			};
			throw new ProblemException(status, e.code(), "Approval refused", e.getMessage());
		}
		return ConversationResource.continued(ReactiveCalls.await(() -> chat.afterDecision(scope, conversationId, decided,
				Caller.of(identity, null), tools)));
	}
}
