package dev.switchboard.core.chat;

import dev.switchboard.core.chat.ChatApi.ConversationDetail;
import dev.switchboard.core.chat.ChatApi.ConversationView;
import dev.switchboard.core.chat.ChatApi.CreateConversation;
import dev.switchboard.core.chat.ChatApi.MessageView;
import dev.switchboard.core.chat.ChatApi.PostMessage;
import dev.switchboard.core.chat.ChatApi.ReplyWaiting;
import dev.switchboard.core.chat.ChatApi.RunAccepted;
import dev.switchboard.core.chat.ChatApi.ToolResult;
import dev.switchboard.core.problem.Problem;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.CurrentTenant;
import dev.switchboard.core.tenant.RateLimits;
import dev.switchboard.core.usage.UsageMeter;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import dev.switchboard.core.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Conversations", description = "Conversations, their messages, and posting a message to get an answer")
@SecurityRequirement(name = "bearer")
@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.CHAT, Roles.END_USER })
public class ConversationResource {

	private final CurrentTenant tenant;
	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final ChatService chat;
	private final RunEvents runEvents;
	private final StreamErrors streamErrors;
	private final RateLimits rateLimits;
	private final SecurityIdentity identity;
	private final UsageMeter usage;
	private final ConversationEvents conversationEvents;

	public ConversationResource(CurrentTenant tenant, ConversationRepository conversations, MessageRepository messages,
			ChatService chat, RunEvents runEvents, StreamErrors streamErrors, RateLimits rateLimits,
			SecurityIdentity identity, UsageMeter usage, ConversationEvents conversationEvents) {
		this.conversationEvents = conversationEvents;
		this.usage = usage;
		this.rateLimits = rateLimits;
		this.identity = identity;
		this.streamErrors = streamErrors;
		this.tenant = tenant;
		this.conversations = conversations;
		this.messages = messages;
		this.chat = chat;
		this.runEvents = runEvents;
	}

	@POST
	@WithTransaction
	@ResponseStatus(201)
	@Operation(summary = "Start a conversation")
	public Uni<ConversationView> create(@Valid CreateConversation request) {
		return tenant.scope().flatMap(scope -> {
			Conversation conversation = new Conversation();
			conversation.id = UUID.randomUUID();
			conversation.tenantId = scope.tenantId();
			conversation.endUserId = scope.endUserId();
			conversation.title = request == null ? null : request.title();
			conversation.createdAt = OffsetDateTime.now();
			conversation.updatedAt = conversation.createdAt;
			return conversations.persist(conversation).map(ConversationView::of);
		});
	}

	@GET
	@WithSession
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.CHAT, Roles.END_USER })
	@Operation(summary = "List conversations", description = "Most recently active first.")
	public Uni<List<ConversationView>> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
			@QueryParam("size") @DefaultValue("20") @Min(1) @Max(100) int size) {
		return tenant.scope().flatMap(scope -> conversations.listOwned(scope, page, size))
				.map(list -> list.stream().map(ConversationView::of).toList());
	}

	@GET
	@Path("/{id}")
	@WithSession
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.CHAT, Roles.END_USER })
	@Operation(summary = "Read a conversation with its messages", description = "Messages oldest first. An answer "
			+ "still being generated is not listed until its run ends; follow the run's events for it.")
	@APIResponse(responseCode = "404", description = "No such conversation in this tenant",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<ConversationDetail> get(@PathParam("id") UUID id) {
		return tenant.scope().flatMap(scope -> conversations.findOwned(scope, id).flatMap(c -> {
			if (c == null) {
				throw ProblemException.notFound("conversation_not_found", "Conversation",
						"No conversation " + id + " in this tenant.");
			}
			return messages.listOwned(scope.tenantId(), id).map(list -> new ConversationDetail(c.id, c.title, c.createdAt,
					c.updatedAt, list.stream().map(MessageView::of).toList()));
		}));
	}

	@POST
	@Path("/{id}/messages")
	@WithSession
	@Operation(summary = "Post a user message", description = "Stores the message and starts the answer. Follow it at "
			+ "the returned events URL (SSE), or send 'Accept: text/event-stream' to get the stream in this response.")
	@APIResponse(responseCode = "202", description = "Accepted; the answer streams at the events URL",
			content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunAccepted.class)))
	@APIResponse(responseCode = "400", description = "Malformed or invalid message",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "413", description = "Message or image over the limits",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "429", description = "Over the caller's messages per minute; see Retry-After",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "415", description = "Unsupported image type",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<RestResponse<RunAccepted>> post(@PathParam("id") UUID id, @Valid @NotNull PostMessage message) {
		return tenant.scope().call(scope -> rateLimits.take(identity, scope.tenantId()))
				.call(scope -> usage.checkBudget(scope.tenantId())).flatMap(scope -> chat.post(scope, id, message.parts(), Caller.of(identity, message.attributes()), message.tools())).map(ConversationResource::accepted);
	}

	@GET
	@Path("/{id}/events")
	@Produces(MediaType.SERVER_SENT_EVENTS)
	@RolesAllowed({ Roles.PLATFORM_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_VIEWER, Roles.CHAT, Roles.END_USER })
	@Operation(summary = "Watch a conversation's jobs", description = "Server-sent events of what happens in the "
			+ "conversation outside its runs: CUSTOM events job_started {invocationId, action, jobId, summary}, "
			+ "job_progress {invocationId, action, jobId, fraction (0..1 or null), message, progress} and job_finished "
			+ "{invocationId, action, jobId, status (succeeded, failed, outcome_unknown), summary, messageId, text} - the "
			+ "job's result, already stored as that assistant message. The stream ends when no job of the conversation "
			+ "is running. Each event's SSE id is its number in the conversation; send the last one seen as "
			+ "Last-Event-ID (or ?after=) to resume.")
	public Multi<OutboundSseEvent> events(@PathParam("id") UUID id,
			@Parameter(description = "The id of the last event received") @HeaderParam("Last-Event-ID") String lastEventId,
			@Parameter(description = "Same as Last-Event-ID, for clients that cannot set headers") @QueryParam("after") Integer after,
			@Context Sse sse) {
		int afterSeq = RunResource.afterSeq(after, lastEventId);
		return tenant.scope().flatMap(scope -> Panache.withSession(() -> conversations.findOwned(scope, id)))
				.map(conversation -> {
					if (conversation == null) {
						throw ProblemException.notFound("conversation_not_found", "Conversation",
								"No conversation " + id + " in this tenant.");
					}
					return conversation;
				}).toMulti().flatMap(owned -> conversationEvents.follow(owned.tenantId, owned.id, afterSeq))
				.map(event -> RunResource.sse(sse, event))
				.onFailure().recoverWithItem(failure -> streamErrors.event(sse, failure));
	}

	@POST
	@Path("/{id}/tool-results")
	@WithSession
	@Operation(summary = "Give the result of a client-side tool", description = "When a run ends with "
			+ "result.awaitingToolResults, the caller runs each tool itself and posts its result here. The model carries "
			+ "on in a new run once every tool call of its reply has its outcome (each result posted, each approval "
			+ "decided); until then the result is kept and the answer says what the reply still waits for. Only the end "
			+ "user the call was made for can answer it, once; the result is handed to the model as tool output and "
			+ "cannot approve anything.")
	@APIResponse(responseCode = "202", description = "Accepted, and the reply continues: the run streams at the events URL",
			content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RunAccepted.class)))
	@APIResponse(responseCode = "200", description = "Accepted; the reply still waits for other calls' outcomes, no run started",
			content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplyWaiting.class)))
	@APIResponse(responseCode = "400", description = "invalid_client_tool or client_tool_name_taken (the re-declared tools)",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "404", description = "tool_call_not_found: no such call awaits this user's result here",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	@APIResponse(responseCode = "409", description = "tool_call_not_pending (already answered), tool_call_expired "
			+ "(waited longer than switchboard.chat.client-tool-lifetime) or run_in_progress",
			content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
	public Uni<RestResponse<Object>> toolResult(@PathParam("id") UUID id, @Valid @NotNull ToolResult result) {
		return tenant.scope().flatMap(scope -> chat.afterToolResult(scope, id, result.toolCallId(), result.content(),
				Caller.of(identity, null), result.tools())).map(ConversationResource::continued);
	}

	static RestResponse<RunAccepted> accepted(PreparedRun run) {
		return RestResponse.status(RestResponse.Status.ACCEPTED, new RunAccepted(run.runId(), run.conversationId(),
				run.userMessageId(), run.assistantMessageId(), "/api/v1/runs/" + run.runId() + "/events"));
	}

	/** 202 with the run that continues the reply, or 200 with what the reply still waits for. */
	static RestResponse<Object> continued(Continuation continuation) {
		return switch (continuation) {
			case Continuation.Started run -> RestResponse.status(RestResponse.Status.ACCEPTED, new RunAccepted(run.runId(),
					run.conversationId(), run.userMessageId(), run.assistantMessageId(), "/api/v1/runs/" + run.runId() + "/events"));
			case Continuation.Waiting waiting -> RestResponse.ok(new ReplyWaiting(waiting.conversationId(),
					waiting.awaitingApproval(), waiting.awaitingToolResults()));
		};
	}

	@POST
	@Path("/{id}/messages")
	@Produces(MediaType.SERVER_SENT_EVENTS)
	@Operation(summary = "Post a user message and stream the answer", description = "The same as the JSON variant, "
			+ "answering with the run's events (AG-UI style) as server-sent events. A refused message is answered with "
			+ "a single RUN_ERROR event carrying the same stable code the JSON variant gives.")
	public Multi<OutboundSseEvent> postAndStream(@PathParam("id") UUID id, @Valid @NotNull PostMessage message,
			@Context Sse sse) {
		return tenant.scope().call(scope -> rateLimits.take(identity, scope.tenantId()))
				.call(scope -> usage.checkBudget(scope.tenantId())).flatMap(scope -> chat.post(scope, id, message.parts(), Caller.of(identity, message.attributes()), message.tools())).toMulti()
				.flatMap(run -> runEvents.follow(run.tenantId(), run.runId(), 0))
				.map(event -> RunResource.sse(sse, event))
				.onFailure().recoverWithItem(failure -> streamErrors.event(sse, failure));
	}
}
