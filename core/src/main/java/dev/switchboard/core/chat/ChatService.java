package dev.switchboard.core.chat;

import dev.switchboard.core.chat.ChatApi.ClientToolDeclaration;
import dev.switchboard.core.chat.ChatApi.InputPart;
import dev.switchboard.core.chat.MessageLimits.CheckedPart;
import dev.switchboard.core.action.ActionInvocation;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteDecision;
import dev.switchboard.core.routing.Turn;
import dev.switchboard.core.tenant.Scope;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.util.stream.Collectors;

/**
 * Accepts a user message: checks it, stores it with its images and a new run in one transaction, builds what the
 * model will see, and starts the run after the commit.
 */
@ApplicationScoped
public class ChatService {

	/** How many earlier messages the model sees. */
	private static final int HISTORY_LIMIT = 50;

	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final AttachmentRepository attachments;
	private final RunRepository runs;
	private final MessageLimits limits;
	private final ChatRunner runner;
	private final ClientTools clientTools;
	private final ClientToolCallRepository clientToolCalls;
	private final Duration clientToolLifetime;

	public ChatService(ConversationRepository conversations, MessageRepository messages,
			AttachmentRepository attachments, RunRepository runs, MessageLimits limits, ChatRunner runner,
			ClientTools clientTools, ClientToolCallRepository clientToolCalls,
			@ConfigProperty(name = "switchboard.chat.client-tool-lifetime") Duration clientToolLifetime) {
		this.clientToolLifetime = clientToolLifetime;
		this.clientTools = clientTools;
		this.clientToolCalls = clientToolCalls;
		this.conversations = conversations;
		this.messages = messages;
		this.attachments = attachments;
		this.runs = runs;
		this.limits = limits;
		this.runner = runner;
	}

	Uni<PreparedRun> post(Scope scope, UUID conversationId, List<InputPart> input, Caller caller,
			List<ClientToolDeclaration> tools) {
		List<CheckedPart> checked = limits.check(input);
		return clientTools.check(scope.tenantId(), tools).flatMap(declared -> Panache.withTransaction(() -> conversations.findOwned(scope, conversationId).flatMap(conversation -> {
			if (conversation == null) {
				throw ProblemException.notFound("conversation_not_found", "Conversation",
						"No conversation " + conversationId + " in this tenant.");
			}
			return runs.hasLiveRun(conversationId).flatMap(busy -> {
				if (busy) {
					throw new ProblemException(409, "run_in_progress", "Answer in progress",
							"The previous message is still being answered; send this one when it has finished.");
				}
				return messages.listOwned(scope.tenantId(), conversationId)
						.flatMap(earlier -> store(conversation, checked, earlier, caller, declared));
			});
		}))).invoke(runner::start);
	}

	private Uni<PreparedRun> store(Conversation conversation, List<CheckedPart> checked, List<Message> earlier,
			Caller caller, List<ClientTools.ClientTool> tools) {
		OffsetDateTime now = OffsetDateTime.now();
		List<Attachment> images = new ArrayList<>();
		List<MessagePart> parts = new ArrayList<>();
		List<ContentPart> modelParts = new ArrayList<>();
		for (CheckedPart part : checked) {
			if (part.text() != null) {
				parts.add(MessagePart.text(part.text()));
				modelParts.add(new ContentPart.Text(part.text()));
			} else {
				Attachment image = new Attachment();
				image.id = UUID.randomUUID();
				image.tenantId = conversation.tenantId;
				image.conversationId = conversation.id;
				image.mediaType = part.mediaType();
				image.data = part.image();
				image.createdAt = now;
				images.add(image);
				parts.add(MessagePart.image(image.id, image.mediaType));
				modelParts.add(new ContentPart.Image(part.mediaType(), part.image()));
			}
		}
		Message user = new Message();
		user.id = UUID.randomUUID();
		user.tenantId = conversation.tenantId;
		user.conversationId = conversation.id;
		user.role = Message.USER;
		user.parts = parts;
		user.status = Message.COMPLETE;
		user.createdAt = now;

		Run run = new Run();
		run.id = UUID.randomUUID();
		run.tenantId = conversation.tenantId;
		run.conversationId = conversation.id;
		run.userMessageId = user.id;
		run.assistantMessageId = UUID.randomUUID();
		run.status = Run.RUNNING;
		run.createdAt = now;
		run.heartbeatAt = now;

		conversation.updatedAt = now;
		List<ChatMessage> history = history(earlier);
		history.add(ChatMessage.user(modelParts));
		Turn turn = new Turn(checked.stream().map(CheckedPart::text).filter(Objects::nonNull).collect(Collectors.joining("\n")),
				images.stream().map(i -> i.mediaType).toList(), caller.attributes());
		PreparedRun prepared = new PreparedRun(conversation.tenantId, conversation.id, run.id, user.id,
				run.assistantMessageId, history, turn, previousRoute(earlier), conversation.endUserId,
				caller.sealedEndUserToken(), tools);
		Uni<Void> storeImages = images.isEmpty() ? Uni.createFrom().voidItem() : attachments.persist(images);
		return storeImages.flatMap(v -> messages.persist(user)).flatMap(m -> runs.persist(run))
				.replaceWith(prepared);
	}

	/**
	 * Starts the run that carries an action turn on after the user approved or rejected the proposed action: the
	 * action runs (once) or the model hears of the rejection, and the model continues.
	 */
	Uni<PreparedRun> afterDecision(Scope scope, UUID conversationId, ActionInvocation decided, Caller caller,
			List<ClientTools.ClientTool> tools) {
		return Panache.withTransaction(() -> continuation(scope, conversationId, caller, tools,
				RouteDecision.previous(Route.ACTION, decided.action))).invoke(prepared -> runner.resume(prepared, decided));
	}

	/**
	 * Starts the run that carries a turn on with the result of a client-side tool the model called: the result must
	 * answer a pending call made in this conversation for this end user, and answers it once.
	 */
	Uni<PreparedRun> afterToolResult(Scope scope, UUID conversationId, String toolCallId, String content, Caller caller,
			List<ClientToolDeclaration> tools) {
		return clientTools.check(scope.tenantId(), tools).flatMap(declared -> Panache.withTransaction(() -> clientToolCalls
				.findOwned(scope, conversationId, toolCallId).flatMap(call -> {
					if (call == null) {
						throw ProblemException.notFound("tool_call_not_found", "Tool call", "No client tool call "
								+ toolCallId + " awaits a result from this user in this conversation.");
					}
					if (!ClientToolCall.PENDING.equals(call.status)) {
						throw toolCallAnswered(toolCallId);
					}
					// A result long after the call would continue a turn the user has likely left behind.
					if (call.createdAt.plus(clientToolLifetime).isBefore(OffsetDateTime.now())) {
						throw new ProblemException(409, "tool_call_expired", "Tool call expired", "The client tool call "
								+ toolCallId + " waited more than " + clientToolLifetime.toMinutes() + " min for its "
								+ "result; send a new message instead.");
					}
					Route route = Route.ofId(call.route);
					return continuation(scope, conversationId, caller, declared,
							route == null ? null : RouteDecision.previous(route, null))
							.call(prepared -> clientToolCalls.answer(call.id).invoke(answered -> {
								if (!answered) {
									throw toolCallAnswered(toolCallId);
								}
							}))
							.map(prepared -> new Answered(prepared, call));
				})))
				.invoke(answered -> runner.resumeWithToolResult(answered.run(), answered.call(), content))
				.map(Answered::run);
	}

	/** A continuation run and the client tool call whose result it carries. */
	private record Answered(PreparedRun run, ClientToolCall call) {
	}

	private static ProblemException toolCallAnswered(String toolCallId) {
		return new ProblemException(409, "tool_call_not_pending", "Tool call already answered",
				"The client tool call " + toolCallId + " already has its result.");
	}

	/**
	 * A new run that continues the conversation's last turn, for a conversation the scope owns and that is not being
	 * answered. Call it in a transaction.
	 */
	private Uni<PreparedRun> continuation(Scope scope, UUID conversationId, Caller caller, List<ClientTools.ClientTool> tools,
			RouteDecision previous) {
		return conversations.findOwned(scope, conversationId).flatMap(conversation -> {
			if (conversation == null) {
				throw ProblemException.notFound("conversation_not_found", "Conversation",
						"No conversation " + conversationId + " in this tenant.");
			}
			return runs.hasLiveRun(conversationId).flatMap(busy -> {
				if (busy) {
					throw new ProblemException(409, "run_in_progress", "Answer in progress",
							"The conversation is still being answered; continue when it has finished.");
				}
				return messages.listOwned(scope.tenantId(), conversationId).flatMap(earlier -> {
					OffsetDateTime now = OffsetDateTime.now();
					Run run = new Run();
					run.id = UUID.randomUUID();
					run.tenantId = conversation.tenantId;
					run.conversationId = conversation.id;
					run.userMessageId = earlier.stream().filter(m -> Message.USER.equals(m.role)).reduce((a, b) -> b)
							.orElseThrow().id;
					run.assistantMessageId = UUID.randomUUID();
					run.status = Run.RUNNING;
					run.createdAt = now;
					run.heartbeatAt = now;
					conversation.updatedAt = now;
					PreparedRun prepared = new PreparedRun(conversation.tenantId, conversation.id, run.id,
							run.userMessageId, run.assistantMessageId, history(earlier), Turn.text(""), previous,
							conversation.endUserId, caller.sealedEndUserToken(), tools);
					return runs.persist(run).replaceWith(prepared);
				});
			});
		});
	}

	/** The route of the latest routed answer: a short confirmation like "yes, do it" continues it. */
	private static RouteDecision previousRoute(List<Message> earlier) {
		for (int i = earlier.size() - 1; i >= 0; i--) {
			Message m = earlier.get(i);
			if (Message.ASSISTANT.equals(m.role)) {
				Route route = Route.ofId(m.route);
				return route == null ? null : RouteDecision.previous(route, m.trace == null ? null : m.trace.action());
			}
		}
		return null;
	}

	/**
	 * Earlier complete messages as the model sees them. Earlier images are named, not re-sent: the model saw them on
	 * their own turn, and re-sending every image on every turn would multiply cost.
	 */
	private static List<ChatMessage> history(List<Message> earlier) {
		List<ChatMessage> history = new ArrayList<>();
		List<Message> complete = earlier.stream().filter(m -> Message.COMPLETE.equals(m.status)).toList();
		for (Message m : complete.subList(Math.max(0, complete.size() - HISTORY_LIMIT), complete.size())) {
			StringBuilder text = new StringBuilder();
			for (MessagePart part : m.parts) {
				switch (part.type()) {
					case MessagePart.TEXT -> text.append(part.text());
					case MessagePart.IMAGE -> text.append(text.isEmpty() ? "" : "\n").append("[image sent earlier]");
					default -> {
					}
				}
			}
			if (!text.isEmpty()) {
				history.add(Message.USER.equals(m.role) ? ChatMessage.user(text.toString())
						: ChatMessage.assistant(text.toString()));
			}
		}
		return history;
	}
}
