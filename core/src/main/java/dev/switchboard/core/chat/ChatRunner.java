package dev.switchboard.core.chat;

import dev.switchboard.core.action.ActionInvocation;
import dev.switchboard.core.action.ActionRuntime;
import dev.switchboard.core.action.Connectors;
import dev.switchboard.core.action.Connectors.EnabledAction;
import dev.switchboard.core.action.ToolArguments;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.BackendHealth;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.routing.Route;
import dev.switchboard.core.routing.RoutingCatalog;
import dev.switchboard.core.routing.TurnRouter;
import dev.switchboard.core.routing.TurnRouter.RoutedTurn;
import dev.switchboard.core.usage.MeteredCall;
import dev.switchboard.core.usage.UsageMeter;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.error.UpstreamUnavailableException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.Capability;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatMessage;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.ContentPart;
import dev.switchboard.sdk.model.TokenUsage;
import dev.switchboard.sdk.model.ToolCall;
import dev.switchboard.sdk.model.ToolDefinition;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Executes runs, each on its own virtual thread (model calls block), independent of any client connection: the
 * answer is streamed to whoever follows the run and persisted whether or not anyone still listens.
 */
@ApplicationScoped
public class ChatRunner {

	private static final Logger LOG = Logger.getLogger(ChatRunner.class);

	/** Model calls per turn, tool rounds included. */
	static final int MAX_STEPS = 8;
	/** Model rounds with a refused tool call (unknown action, invalid arguments) before the turn gives up. */
	static final int MAX_REFUSED_ROUNDS = 3;
	private static final String CLIENT_TOOL_EXPIRED = "{\"status\":\"expired\",\"note\":\"The caller did not return "
			+ "this tool's result in time.\"}";

	private final TurnRouter router;
	private final Connectors connectors;
	private final ActionRuntime runtime;
	private final Delegation delegation;
	private final Duration turnBudget;
	private final RunEvents runEvents;
	private final EventJson json;
	private final Duration modelTimeout;
	private final UsageMeter usage;
	private final BackendHealth health;
	private final ClientTools clientTools;
	private final ClientToolCallRepository clientToolCalls;
	private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("run-", 0).factory());

	public ChatRunner(TurnRouter router, Connectors connectors, ActionRuntime runtime,
			Delegation delegation, RunEvents runEvents, EventJson json, UsageMeter usage, BackendHealth health,
			ClientTools clientTools, ClientToolCallRepository clientToolCalls,
			@ConfigProperty(name = "switchboard.chat.model-timeout") Duration modelTimeout,
			@ConfigProperty(name = "switchboard.actions.turn-budget", defaultValue = "120s") Duration turnBudget) {
		this.router = router;
		this.connectors = connectors;
		this.runtime = runtime;
		this.delegation = delegation;
		this.turnBudget = turnBudget;
		this.runEvents = runEvents;
		this.json = json;
		this.modelTimeout = modelTimeout;
		this.usage = usage;
		this.health = health;
		this.clientTools = clientTools;
		this.clientToolCalls = clientToolCalls;
	}

	/** Publishes RUN_STARTED and executes the run in the background. */
	void start(PreparedRun run) {
		RunStream stream = runEvents.open(run.runId(), run.tenantId());
		stream.append("RUN_STARTED", json.runStarted(run.conversationId(), run.runId()));
		threads.execute(() -> execute(run, stream));
	}

	/**
	 * A run that continues a reply whose tool calls all have their outcome.
	 *
	 * @param waitingRunId the run that ended waiting with the reply
	 * @param reply        the assistant message that run wrote
	 * @param earlier      the conversation's messages, the reply's included
	 */
	record Resumption(PreparedRun run, UUID waitingRunId, Message reply, List<Message> earlier) {
	}

	/** Publishes RUN_STARTED and continues the reply in the background. */
	void resume(Resumption resumption) {
		PreparedRun run = resumption.run();
		RunStream stream = runEvents.open(run.runId(), run.tenantId());
		stream.append("RUN_STARTED", json.runStarted(run.conversationId(), run.runId()));
		threads.execute(() -> continueReply(run, stream, resumption));
	}

	private void execute(PreparedRun run, RunStream stream) {
		RoutedTurn routed;
		List<EnabledAction> actions;
		try {
			actions = ReactiveCalls.await(() -> connectors.enabledActions(run.tenantId()));
			routed = router.route(run.tenantId(), ChatCall.of(run.history()), run.turn(), run.previous(),
					actions.stream().map(a -> RoutingCatalog.ActionEntry.of(a.spec())).toList());
		} catch (ProblemException e) {
			fail(run, stream, null, e.problem().code(), e.problem().detail(), null, List.of());
			return;
		}
		routed.calls().forEach(c -> usage.record(run.tenantId(), c));
		List<EnabledAction> offered = routed.decision().route() == Route.ACTION ? actions : List.of();
		converse(run, stream, routed, new ArrayList<>(run.history()), offered, new ArrayList<>(routed.calls()), List.of());
	}

	/**
	 * Continues a reply that ended waiting: each call that waited gets its outcome, in the reply's order — an approved
	 * action runs (once), a rejected or expired one is reported as not run, a client tool's result is handed over — and
	 * the model carries on, on the reply's route, seeing the whole reply with one result per call.
	 */
	private void continueReply(PreparedRun run, RunStream stream, Resumption resumption) {
		List<EnabledAction> actions;
		RoutedTurn routed;
		try {
			actions = ReactiveCalls.await(() -> connectors.enabledActions(run.tenantId()));
			routed = router.resume(run.tenantId(), ChatCall.of(ModelHistory.of(resumption.earlier())), run.previous(),
					"context: continues the reply whose tool calls all have their outcome");
		} catch (ProblemException e) {
			fail(run, stream, null, e.problem().code(), e.problem().detail(), null, List.of());
			return;
		}
		Map<String, ActionInvocation> proposals = new HashMap<>();
		runtime.proposalsOf(run.tenantId(), resumption.waitingRunId()).forEach(p -> proposals.put(p.toolCallId, p));
		Map<String, ClientToolCall> clientCalls = new HashMap<>();
		ReactiveCalls.await(() -> Panache.withSession(() -> clientToolCalls.ofRun(resumption.waitingRunId()))).forEach(c -> clientCalls.put(c.toolCallId, c));
		List<MessagePart> outcomes = new ArrayList<>();
		for (MessagePart part : resumption.reply().parts) {
			if (!MessagePart.TOOL_CALL.equals(part.type())) {
				continue;
			}
			ActionInvocation proposal = proposals.remove(part.toolCallId());
			ClientToolCall clientCall = clientCalls.remove(part.toolCallId());
			if (proposal == null && clientCall == null) {
				continue; // it had its result at once
			}
			String content = proposal != null ? decisionResult(run, proposal, actions)
					: ClientToolCall.ANSWERED.equals(clientCall.status) ? clientCall.result : CLIENT_TOOL_EXPIRED;
			stream.append("TOOL_CALL_RESULT", json.toolCallResult(run.assistantMessageId(), part.toolCallId(), content));
			outcomes.add(MessagePart.toolResult(part.toolCallId(), content));
		}
		// The outcomes open this run's message, where the history finds them for the reply they answer.
		Message continuing = new Message();
		continuing.role = Message.ASSISTANT;
		continuing.status = Message.COMPLETE;
		continuing.parts = outcomes;
		List<Message> conversation = new ArrayList<>(resumption.earlier());
		conversation.add(continuing);
		converse(run, stream, routed, new ArrayList<>(ModelHistory.of(conversation)),
				routed.decision().route() == Route.ACTION ? actions : List.of(), new ArrayList<>(), outcomes);
	}

	/** What the model is told of a proposal the user decided on: the approved action's result, or that it did not run. */
	private String decisionResult(PreparedRun run, ActionInvocation decided, List<EnabledAction> actions) {
		switch (decided.status) {
			case ActionInvocation.APPROVED -> {
				EnabledAction action = actions.stream().filter(a -> a.spec().name().equals(decided.action)).findFirst()
						.orElse(null);
				return action == null
						? "{\"status\":\"error\",\"code\":\"action_disabled\",\"message\":\"The action was disabled before it could run.\"}"
						: runtime.runApproved(decided, action, run.sealedEndUserToken()).toolResult();
			}
			case ActionInvocation.REJECTED -> {
				return "{\"status\":\"rejected_by_user\",\"note\":\"The user rejected this action. It did not run.\"}";
			}
			default -> {
				runtime.expire(decided.id);
				return "{\"status\":\"expired\",\"note\":\"The user did not decide on this action in time. It did not run.\"}";
			}
		}
	}

	/**
	 * The model loop of a turn: call the model; run the tools it asks for (reads at once, changes only after the user
	 * approves); give it the results; until it answers in words, asks for approval, or hits the step cap or time budget.
	 * The answer's message keeps every tool call and every result the model saw, so later turns see them too.
	 *
	 * @param outcomes the results a continuation gave the calls of the reply it continues; they open the message and
	 *                 are kept even if the turn fails, as they record what ran
	 */
	private void converse(PreparedRun run, RunStream stream, RoutedTurn routed, List<ChatMessage> messages,
			List<EnabledAction> offered, List<MeteredCall> calls, List<MessagePart> outcomes) {
		List<ToolDefinition> tools = new ArrayList<>(offered.stream().map(a -> new ToolDefinition(a.spec().name(),
				a.spec().description(), a.spec().inputSchema())).toList());
		boolean canCallTools = routed.candidates().stream().anyMatch(b -> b.info().can(Capability.TOOLS));
		if (routed.decision().route() == Route.REASONING && canCallTools) {
			tools.addAll(delegation.tools(run.tenantId()));
		}
		// The caller's own tools go with every turn a backend can call tools on, whatever its route (AG-UI frontend tools).
		Map<String, ClientTools.ClientTool> declared = new LinkedHashMap<>();
		if (canCallTools) {
			run.clientTools().forEach(t -> declared.put(t.name(), t));
		}
		declared.values().forEach(t -> tools.add(t.definition()));
		List<Fallback> fallbacks = new ArrayList<>();
		List<MessagePart> parts = new ArrayList<>(outcomes);
		long deadline = System.nanoTime() + turnBudget.toNanos();
		int refused = 0;
		ActionRuntime.CallSite site = new ActionRuntime.CallSite(run.tenantId(), run.conversationId(), run.runId(),
				run.endUserId(), run.sealedEndUserToken());
		for (int step = 1;; step++) {
			if (step > MAX_STEPS || System.nanoTime() > deadline) {
				String code = step > MAX_STEPS ? "action_step_limit" : "action_time_budget";
				fail(run, stream, null, code, step > MAX_STEPS ? "The turn used its " + MAX_STEPS + " model calls "
						+ "without finishing; nothing further was run." : "The turn used its time budget of "
						+ turnBudget.toSeconds() + " s; nothing further was run.", TurnTrace.of(routed, null, null, fallbacks, calls),
						outcomes);
				return;
			}
			ChatCall call = new ChatCall(messages, tools, null, null);
			Answered answered = answer(run, stream, routed, call, fallbacks, calls, outcomes);
			if (answered == null) {
				return;
			}
			ChatResult result = answered.result();
			parts.addAll(parts(result));
			if (result.toolCalls().isEmpty() || tools.isEmpty()) {
				finish(run, stream, routed, answered, parts, fallbacks, calls, List.of(), List.of());
				return;
			}
			messages.add(new ChatMessage(ChatMessage.Role.ASSISTANT, result.text().isEmpty() ? List.of()
					: List.of(new ContentPart.Text(result.text())), result.toolCalls(), null));
			List<UUID> awaiting = new ArrayList<>();
			List<ClientToolCall> awaitingClient = new ArrayList<>();
			boolean anyRefused = false;
			for (ToolCall toolCall : result.toolCalls()) {
				if (Delegation.handles(toolCall)) {
					String delegated = delegation.run(run, toolCall, calls);
					stream.append("TOOL_CALL_RESULT", json.toolCallResult(run.assistantMessageId(), toolCall.id(), delegated));
					messages.add(ChatMessage.toolResult(toolCall.id(), delegated));
					parts.add(MessagePart.toolResult(toolCall.id(), delegated));
					continue;
				}
				ClientTools.ClientTool clientTool = declared.get(toolCall.name());
				if (clientTool != null && offered.stream().noneMatch(a -> a.spec().name().equals(toolCall.name()))) {
					ToolArguments.Checked checked = clientTools.arguments(clientTool, toolCall.arguments());
					if (checked.refusal() == null) {
						awaitingClient.add(clientCall(run, toolCall, checked.arguments().toString()));
					} else {
						stream.append("TOOL_CALL_RESULT", json.toolCallResult(run.assistantMessageId(), toolCall.id(),
								checked.refusal()));
						messages.add(ChatMessage.toolResult(toolCall.id(), checked.refusal()));
						parts.add(MessagePart.toolResult(toolCall.id(), checked.refusal()));
						anyRefused = true;
					}
					continue;
				}
				ActionRuntime.Outcome outcome = runtime.handle(site, toolCall, offered);
				if (outcome instanceof ActionRuntime.Proposed proposal) {
					stream.append("CUSTOM", json.confirmationRequired(proposal));
					awaiting.add(proposal.invocationId());
				} else {
					stream.append("TOOL_CALL_RESULT", json.toolCallResult(run.assistantMessageId(), toolCall.id(),
							outcome.toolResult()));
					parts.add(MessagePart.toolResult(toolCall.id(), outcome.toolResult()));
					anyRefused |= outcome instanceof ActionRuntime.Refused;
				}
				messages.add(ChatMessage.toolResult(toolCall.id(), outcome.toolResult()));
			}
			if (!awaiting.isEmpty() || !awaitingClient.isEmpty()) {
				if (!awaitingClient.isEmpty()) {
					ReactiveCalls.await(() -> Panache.withTransaction(() -> clientToolCalls.persist(awaitingClient)));
				}
				finish(run, stream, routed, answered, parts, fallbacks, calls, awaiting, awaitingClient);
				return;
			}
			refused += anyRefused ? 1 : 0;
			if (refused >= MAX_REFUSED_ROUNDS) {
				fail(run, stream, answered.backend(), "invalid_tool_calls", "The model kept calling actions with invalid "
						+ "arguments; nothing was run.", TurnTrace.of(routed, answered.backend().name(), result.model(), fallbacks, calls),
						outcomes);
				return;
			}
		}
	}

	/** A model's complete answer and the backend that gave it. */
	private record Answered(ConfiguredBackend backend, ChatResult result) {
	}

	/**
	 * One model call, trying the turn's backends in order: a backend that fails before its first token is replaced
	 * invisibly; after that, the run fails with a typed error and the answer's text is not kept.
	 *
	 * @return the answer, or null when the run failed
	 */
	private Answered answer(PreparedRun run, RunStream stream, RoutedTurn routed, ChatCall call, List<Fallback> fallbacks,
			List<MeteredCall> calls, List<MessagePart> outcomes) {
		List<ConfiguredBackend> candidates = call.tools().isEmpty() ? routed.candidates()
				: routed.candidates().stream().filter(b -> b.info().can(Capability.TOOLS)).toList();
		if (candidates.isEmpty()) {
			fail(run, stream, null, "no_capable_model", "None of the action role's backends can call tools.",
					TurnTrace.of(routed, null, null, fallbacks, calls), outcomes);
			return null;
		}
		for (ConfiguredBackend backend : candidates) {
			StreamedAnswer answer = new StreamedAnswer(stream, json, run.assistantMessageId());
			try {
				ChatCall sent = backend.info().can(Capability.TOOLS) ? call : new ChatCall(
						ModelHistory.withoutToolCalls(call.messages()), call.tools(), call.temperature(), call.maxOutputTokens());
				backend.backend().stream(sent, new CallContext(run.tenantId(), run.runId().toString(), modelTimeout), answer);
			} catch (PluginException e) {
				answer.onError(e);
			} catch (RuntimeException | LinkageError e) {
				LOG.errorf(e, "Model plugin %s failed on run %s", backend.factoryId(), run.runId());
			}
			ChatResult result = answer.result();
			PluginException error = answer.error() != null || result != null ? answer.error()
					: new UpstreamUnavailableException("the model plugin '" + backend.factoryId() + "' failed without an answer");
			if (result != null) {
				MeteredCall answered = MeteredCall.of("answer", backend, result.model(), result.usage());
				usage.record(run.tenantId(), answered);
				calls.add(answered);
			}
			if (error != null) {
				health.failed(run.tenantId(), backend.name(), error);
				if (!answer.hasOutput() && backend != candidates.get(candidates.size() - 1)) {
					// Nothing reached the client yet: the next backend takes over invisibly.
					fallbacks.add(new Fallback(backend.name(), error.code()));
					continue;
				}
				answer.close();
				fail(run, stream, backend, error.code(), error.getMessage(),
						TurnTrace.of(routed, backend.name(), backend.info().model(), fallbacks, calls), outcomes);
				return null;
			}
			health.succeeded(run.tenantId(), backend.name());
			answer.close();
			return new Answered(backend, result);
		}
		throw new IllegalStateException("unreachable: the last candidate either answers or fails the run");
	}

	private void finish(PreparedRun run, RunStream stream, RoutedTurn routed, Answered answered, List<MessagePart> parts,
			List<Fallback> fallbacks, List<MeteredCall> calls, List<UUID> awaitingApproval,
			List<ClientToolCall> awaitingToolResults) {
		ChatResult result = answered.result();
		TurnTrace trace = TurnTrace.of(routed, answered.backend().name(), result.model(), fallbacks, calls);
		Message message = assistantMessage(run, answered.backend(), Message.COMPLETE, null, trace);
		message.parts = parts;
		runEvents.end(stream, message, Run.FINISHED, null, "RUN_FINISHED", json.runFinished(run.conversationId(),
				run.runId(), run.assistantMessageId(), answered.backend().name(), result.model(),
				new TokenUsage(trace.inputTokens(), trace.outputTokens()), fallbacks, awaitingApproval, awaitingToolResults));
	}

	/** A valid call of a client-side tool, to be stored as waiting for the caller's result. */
	private static ClientToolCall clientCall(PreparedRun run, ToolCall toolCall, String arguments) {
		ClientToolCall call = new ClientToolCall();
		call.id = UUID.randomUUID();
		call.tenantId = run.tenantId();
		call.conversationId = run.conversationId();
		call.runId = run.runId();
		call.endUserId = run.endUserId();
		call.toolCallId = toolCall.id();
		call.name = toolCall.name();
		call.arguments = arguments;
		call.status = ClientToolCall.PENDING;
		call.createdAt = OffsetDateTime.now();
		return call;
	}

	/** A backend that failed before its first token, and why; the next one took over. */
	record Fallback(String backend, String code) {
	}

	private void fail(PreparedRun run, RunStream stream, ConfiguredBackend backend, String code, String detail,
			TurnTrace trace, List<MessagePart> outcomes) {
		// The answer's text is not kept: a failed answer is recorded with its error, not as half a reply; only the
		// outcomes it gave the reply it continued, which record what ran.
		Message message = assistantMessage(run, backend, Message.FAILED, code, trace);
		message.parts = outcomes;
		runEvents.end(stream, message, Run.FAILED, code, "RUN_ERROR",
				json.runError(code, detail, trace == null ? List.of() : trace.fallbacks()));
	}

	private static Message assistantMessage(PreparedRun run, ConfiguredBackend backend, String status, String code,
			TurnTrace trace) {
		Message message = new Message();
		message.id = run.assistantMessageId();
		message.tenantId = run.tenantId();
		message.conversationId = run.conversationId();
		message.role = Message.ASSISTANT;
		message.status = status;
		message.errorCode = code;
		message.backend = backend == null ? null : backend.name();
		message.model = backend == null ? null : backend.info().model();
		if (trace != null) {
			message.route = trace.route();
			message.trace = trace;
			message.inputTokens = trace.inputTokens();
			message.outputTokens = trace.outputTokens();
			message.cost = trace.cost();
		}
		message.createdAt = OffsetDateTime.now();
		return message;
	}

	private static List<MessagePart> parts(ChatResult result) {
		List<MessagePart> parts = new ArrayList<>();
		if (!result.text().isEmpty()) {
			parts.add(MessagePart.text(result.text()));
		}
		result.toolCalls().forEach(c -> parts.add(MessagePart.toolCall(c.id(), c.name(), c.arguments())));
		return parts;
	}

	@PreDestroy
	void stop() {
		threads.shutdown();
	}
}
