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
import dev.switchboard.core.secret.SecretBox;
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
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
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

	private final TurnRouter router;
	private final Connectors connectors;
	private final ActionRuntime runtime;
	private final SecretBox secrets;
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

	public ChatRunner(TurnRouter router, Connectors connectors, ActionRuntime runtime, SecretBox secrets,
			Delegation delegation, RunEvents runEvents, EventJson json, UsageMeter usage, BackendHealth health,
			ClientTools clientTools, ClientToolCallRepository clientToolCalls,
			@ConfigProperty(name = "switchboard.chat.model-timeout") Duration modelTimeout,
			@ConfigProperty(name = "switchboard.actions.turn-budget", defaultValue = "120s") Duration turnBudget) {
		this.router = router;
		this.connectors = connectors;
		this.runtime = runtime;
		this.secrets = secrets;
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
	 * Publishes RUN_STARTED and, in the background, runs the action the user just decided on (or tells the model it
	 * was rejected), then lets the model carry on from the result.
	 */
	void resume(PreparedRun run, ActionInvocation decided) {
		RunStream stream = runEvents.open(run.runId(), run.tenantId());
		stream.append("RUN_STARTED", json.runStarted(run.conversationId(), run.runId()));
		ToolCall call = new ToolCall(decided.toolCallId, decided.action, secrets.decrypt(decided.tenantId, decided.argumentsSealed));
		threads.execute(() -> continueWith(run, stream, call, "context: continues the action the user just decided on",
				actions -> decisionResult(run, decided, actions)));
	}

	/**
	 * Publishes RUN_STARTED and, in the background, gives the model the result the caller's client-side tool returned
	 * and lets it carry on. The result is untrusted tool output like any other: cut to size, and able to approve nothing.
	 */
	void resumeWithToolResult(PreparedRun run, ClientToolCall answered, String content) {
		RunStream stream = runEvents.open(run.runId(), run.tenantId());
		stream.append("RUN_STARTED", json.runStarted(run.conversationId(), run.runId()));
		ToolCall call = new ToolCall(answered.toolCallId, answered.name, answered.arguments);
		threads.execute(() -> continueWith(run, stream, call, "context: continues the turn whose client-side tool answered",
				actions -> ActionRuntime.truncate(content)));
	}

	private String decisionResult(PreparedRun run, ActionInvocation decided, List<EnabledAction> actions) {
		if (ActionInvocation.REJECTED.equals(decided.status)) {
			return "{\"status\":\"rejected_by_user\",\"note\":\"The user rejected this action. It did not run.\"}";
		}
		EnabledAction action = actions.stream().filter(a -> a.spec().name().equals(decided.action)).findFirst().orElse(null);
		return action == null
				? "{\"status\":\"error\",\"code\":\"action_disabled\",\"message\":\"The action was disabled before it could run.\"}"
				: runtime.runApproved(decided, action, run.sealedEndUserToken()).toolResult();
	}

	private void execute(PreparedRun run, RunStream stream) {
		RoutedTurn routed;
		List<EnabledAction> actions;
		try {
			actions = ReactiveCalls.await(() -> connectors.enabledActions(run.tenantId()));
			routed = router.route(run.tenantId(), ChatCall.of(run.history()), run.turn(), run.previous(),
					actions.stream().map(a -> RoutingCatalog.ActionEntry.of(a.spec())).toList());
		} catch (ProblemException e) {
			fail(run, stream, null, e.problem().code(), e.problem().detail(), null);
			return;
		}
		routed.calls().forEach(c -> usage.record(run.tenantId(), c));
		List<EnabledAction> offered = routed.decision().route() == Route.ACTION ? actions : List.of();
		converse(run, stream, routed, new ArrayList<>(run.history()), offered, new ArrayList<>(routed.calls()));
	}

	/**
	 * Continues a turn that ended waiting (for the user's decision, or a client-side tool's result): the model sees its
	 * call and the result, on the route of the turn it continues, and carries on.
	 */
	private void continueWith(PreparedRun run, RunStream stream, ToolCall call, String reason,
			Function<List<EnabledAction>, String> result) {
		List<ChatMessage> messages = new ArrayList<>(run.history());
		messages.add(ChatMessage.assistantToolCalls(List.of(call)));
		List<EnabledAction> actions;
		RoutedTurn routed;
		try {
			actions = ReactiveCalls.await(() -> connectors.enabledActions(run.tenantId()));
			routed = router.resume(run.tenantId(), ChatCall.of(messages), run.previous(), reason);
		} catch (ProblemException e) {
			fail(run, stream, null, e.problem().code(), e.problem().detail(), null);
			return;
		}
		String content = result.apply(actions);
		stream.append("TOOL_CALL_RESULT", json.toolCallResult(run.assistantMessageId(), call.id(), content));
		messages.add(ChatMessage.toolResult(call.id(), content));
		converse(run, stream, routed, messages, routed.decision().route() == Route.ACTION ? actions : List.of(),
				new ArrayList<>());
	}

	/**
	 * The model loop of a turn: call the model; run the tools it asks for (reads at once, changes only after the user
	 * approves); give it the results; until it answers in words, asks for approval, or hits the step cap or time budget.
	 */
	private void converse(PreparedRun run, RunStream stream, RoutedTurn routed, List<ChatMessage> messages,
			List<EnabledAction> offered, List<MeteredCall> calls) {
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
		List<MessagePart> parts = new ArrayList<>();
		long deadline = System.nanoTime() + turnBudget.toNanos();
		int refused = 0;
		ActionRuntime.CallSite site = new ActionRuntime.CallSite(run.tenantId(), run.conversationId(), run.runId(),
				run.endUserId(), run.sealedEndUserToken());
		for (int step = 1;; step++) {
			if (step > MAX_STEPS || System.nanoTime() > deadline) {
				String code = step > MAX_STEPS ? "action_step_limit" : "action_time_budget";
				fail(run, stream, null, code, step > MAX_STEPS ? "The turn used its " + MAX_STEPS + " model calls "
						+ "without finishing; nothing further was run." : "The turn used its time budget of "
						+ turnBudget.toSeconds() + " s; nothing further was run.", TurnTrace.of(routed, null, null, fallbacks, calls));
				return;
			}
			ChatCall call = new ChatCall(messages, tools, null, null);
			Answered answered = answer(run, stream, routed, call, fallbacks, calls);
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
					continue;
				}
				ClientTools.ClientTool clientTool = declared.get(toolCall.name());
				if (clientTool != null && offered.stream().noneMatch(a -> a.spec().name().equals(toolCall.name()))) {
					ToolArguments.Checked checked = clientTools.arguments(clientTool, toolCall.arguments());
					if (checked.refusal() == null) {
						awaitingClient.add(clientCall(run, routed, toolCall, checked.arguments().toString()));
					} else {
						stream.append("TOOL_CALL_RESULT", json.toolCallResult(run.assistantMessageId(), toolCall.id(),
								checked.refusal()));
						messages.add(ChatMessage.toolResult(toolCall.id(), checked.refusal()));
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
						+ "arguments; nothing was run.", TurnTrace.of(routed, answered.backend().name(), result.model(), fallbacks, calls));
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
			List<MeteredCall> calls) {
		List<ConfiguredBackend> candidates = call.tools().isEmpty() ? routed.candidates()
				: routed.candidates().stream().filter(b -> b.info().can(Capability.TOOLS)).toList();
		if (candidates.isEmpty()) {
			fail(run, stream, null, "no_capable_model", "None of the action role's backends can call tools.",
					TurnTrace.of(routed, null, null, fallbacks, calls));
			return null;
		}
		for (ConfiguredBackend backend : candidates) {
			StreamedAnswer answer = new StreamedAnswer(stream, json, run.assistantMessageId());
			try {
				backend.backend().stream(call, new CallContext(run.tenantId(), run.runId().toString(), modelTimeout), answer);
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
						TurnTrace.of(routed, backend.name(), backend.info().model(), fallbacks, calls));
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
	private static ClientToolCall clientCall(PreparedRun run, RoutedTurn routed, ToolCall toolCall, String arguments) {
		ClientToolCall call = new ClientToolCall();
		call.id = UUID.randomUUID();
		call.tenantId = run.tenantId();
		call.conversationId = run.conversationId();
		call.runId = run.runId();
		call.endUserId = run.endUserId();
		call.toolCallId = toolCall.id();
		call.name = toolCall.name();
		call.arguments = arguments;
		call.route = routed.decision().route() == null ? null : routed.decision().route().id();
		call.status = ClientToolCall.PENDING;
		call.createdAt = OffsetDateTime.now();
		return call;
	}

	/** A backend that failed before its first token, and why; the next one took over. */
	record Fallback(String backend, String code) {
	}

	private void fail(PreparedRun run, RunStream stream, ConfiguredBackend backend, String code, String detail,
			TurnTrace trace) {
		// The answer's text is not kept: a failed answer is recorded with its error, not as half a reply.
		Message message = assistantMessage(run, backend, Message.FAILED, code, trace);
		message.parts = List.of();
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
