package dev.switchboard.core.chat;

import dev.switchboard.core.chat.ChatApi.ClientToolDeclaration;
import dev.switchboard.core.chat.ChatApi.InputPart;
import dev.switchboard.core.chat.MessageLimits.CheckedPart;
import dev.switchboard.core.action.ActionInvocation;
import dev.switchboard.core.action.ActionRuntime;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RouteDecision;
import dev.switchboard.core.routing.Turn;
import dev.switchboard.core.tenant.Scope;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ContentPart;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import java.util.stream.Collectors;

/**
 * Accepts a user message: checks it, stores it with its images and a new run in one transaction, builds what the
 * model will see, and starts the run after the commit.
 */
@ApplicationScoped
public class ChatService {

	private static final Logger LOG = Logger.getLogger(ChatService.class);

	private final ConversationRepository conversations;
	private final MessageRepository messages;
	private final AttachmentRepository attachments;
	private final RunRepository runs;
	private final MessageLimits limits;
	private final ChatRunner runner;
	private final ClientTools clientTools;
	private final ClientToolCallRepository clientToolCalls;
	private final ActionRuntime runtime;
	private final Duration clientToolLifetime;

	public ChatService(ConversationRepository conversations, MessageRepository messages,
			AttachmentRepository attachments, RunRepository runs, MessageLimits limits, ChatRunner runner,
			ClientTools clientTools, ClientToolCallRepository clientToolCalls, ActionRuntime runtime,
			@ConfigProperty(name = "switchboard.chat.client-tool-lifetime") Duration clientToolLifetime) {
		this.runtime = runtime;
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
		List<ChatMessage> history = new ArrayList<>(ModelHistory.of(earlier));
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
	 * After the user's decision on a proposed action (already recorded): continues the reply that proposed it if that
	 * was the last of its calls waiting — the action then runs, once, or the model hears of the rejection — or leaves
	 * the reply waiting for the rest.
	 */
	Uni<Continuation> afterDecision(Scope scope, UUID conversationId, ActionInvocation decided, Caller caller,
			List<ClientTools.ClientTool> tools) {
		return Panache.withTransaction(() -> settle(scope, conversationId, decided.runId, caller, tools, OffsetDateTime.now())).invoke(this::start);
	}

	/**
	 * Records the result of a client-side tool the model called and continues the reply that called it if that was the
	 * last of its calls waiting. The result must answer a pending call made in this conversation for this end user,
	 * and answers it once.
	 */
	Uni<Continuation> afterToolResult(Scope scope, UUID conversationId, String toolCallId, String content, Caller caller,
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
					// Cut to size like any tool output; it is untrusted and can approve nothing.
					return clientToolCalls.answer(call.id, ActionRuntime.truncate(content)).flatMap(answered -> {
						if (!answered) {
							throw toolCallAnswered(toolCallId);
						}
						return settle(scope, conversationId, call.runId, caller, declared, OffsetDateTime.now());
					});
				}))).invoke(this::start);
	}

	private void start(Continuation continuation) {
		if (continuation instanceof Continuation.Started started && started.resumption() != null) {
			runner.resume(started.resumption());
		}
	}

	@Scheduled(every = "${switchboard.chat.expiry-sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
	void continueExpiredReplies() {
		try {
			continueExpired(OffsetDateTime.now());
		} catch (RuntimeException e) {
			LOG.warnf("Continuing replies whose calls expired failed; retried at the next interval: %s", e.getMessage());
		}
	}

	/**
	 * Continues each reply whose last outcome is an expiry at {@code now} (a client tool call the page never answered,
	 * an approval never decided), the way the last outcome a request brings does: an approved action runs once and
	 * the model hears which calls did not run. No caller is at hand, so the continuation offers no client tools and
	 * acts without the end user's identity token. Every node may sweep at once: the reply still continues once.
	 *
	 * @return how many continuations this sweep started
	 */
	int continueExpired(OffsetDateTime now) {
		int started = 0;
		for (Run waiting : ReactiveCalls.await(() -> Panache.withSession(() -> runs.waitingOnExpired(
				now.minus(clientToolLifetime), now)))) {
			try {
				Continuation continuation = ReactiveCalls.await(() -> Panache.withTransaction(() -> conversations
						.findById(waiting.conversationId).flatMap(conversation -> settle(new Scope(waiting.tenantId,
								conversation.endUserId), waiting.conversationId, waiting.id, Caller.NONE, List.of(), now))));
				if (continuation instanceof Continuation.Started s && s.resumption() != null) {
					start(continuation);
					started++;
				}
			} catch (ProblemException e) {
				// e.g. the conversation is being answered: the next sweep tries again.
				LOG.debugf("Run %s not continued yet: %s", waiting.id, e.problem().code());
			}
		}
		return started;
	}

	private static ProblemException toolCallAnswered(String toolCallId) {
		return new ProblemException(409, "tool_call_not_pending", "Tool call already answered",
				"The client tool call " + toolCallId + " already has its result.");
	}

	/**
	 * After an outcome of one call of a reply that ended waiting: starts the run that continues the reply once every
	 * call has its outcome (each approval decided or expired, each client tool answered or expired), or says what it
	 * still waits for. The waiting run is locked first, so of outcomes that arrive together exactly one sees the reply
	 * complete; one that finds it continued already gets that run. Call it in a transaction.
	 *
	 * @param now the time calls count as expired at
	 */
	private Uni<Continuation> settle(Scope scope, UUID conversationId, UUID waitingRunId, Caller caller,
			List<ClientTools.ClientTool> tools, OffsetDateTime now) {
		return runs.findById(waitingRunId, LockModeType.PESSIMISTIC_WRITE)
				.flatMap(waiting -> runs.continuationOf(waitingRunId).flatMap(existing -> {
					if (existing != null) {
						return Uni.createFrom().item(Continuation.Started.of(existing));
					}
					return clientToolCalls.awaiting(waitingRunId, now.minus(clientToolLifetime))
							.flatMap(toolResults -> runtime.awaitingApproval(scope.tenantId(), waitingRunId, now)
									.flatMap(approvals -> approvals.isEmpty() && toolResults.isEmpty()
											? continuation(scope, conversationId, caller, tools, waiting)
											: Uni.createFrom().item(new Continuation.Waiting(conversationId, approvals,
													toolResults))));
				}));
	}

	/**
	 * A new run that continues the waiting run's reply, for a conversation the scope owns and that is not being
	 * answered; it starts after the commit, on the route of the reply it continues. Call it in a transaction.
	 */
	private Uni<Continuation> continuation(Scope scope, UUID conversationId, Caller caller,
			List<ClientTools.ClientTool> tools, Run waiting) {
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
					run.userMessageId = waiting.userMessageId;
					run.assistantMessageId = UUID.randomUUID();
					run.continues = waiting.id;
					run.status = Run.RUNNING;
					run.createdAt = now;
					run.heartbeatAt = now;
					conversation.updatedAt = now;
					Message reply = earlier.stream().filter(m -> m.id.equals(waiting.assistantMessageId)).findFirst()
							.orElseThrow();
					PreparedRun prepared = new PreparedRun(conversation.tenantId, conversation.id, run.id,
							run.userMessageId, run.assistantMessageId, List.of(), Turn.text(""), routeOf(reply),
							conversation.endUserId, caller.sealedEndUserToken(), tools);
					return runs.persist(run).replaceWith(new Continuation.Started(run.id, run.conversationId,
							run.userMessageId, run.assistantMessageId, new ChatRunner.Resumption(prepared, waiting.id, reply, earlier)));
				});
			});
		});
	}

	/** The route of the latest routed answer: a short confirmation like "yes, do it" continues it. */
	private static RouteDecision previousRoute(List<Message> earlier) {
		for (int i = earlier.size() - 1; i >= 0; i--) {
			if (Message.ASSISTANT.equals(earlier.get(i).role)) {
				return routeOf(earlier.get(i));
			}
		}
		return null;
	}

	/** The route an assistant message was answered on, which a continuation of it keeps. */
	private static RouteDecision routeOf(Message answer) {
		Route route = Route.ofId(answer.route);
		return route == null ? null : RouteDecision.previous(route, answer.trace == null ? null : answer.trace.action());
	}
}
