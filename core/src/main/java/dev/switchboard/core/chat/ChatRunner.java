package dev.switchboard.core.chat;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.model.BackendHealth;
import dev.switchboard.core.model.ConfiguredBackend;
import dev.switchboard.core.model.ModelBackends;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.usage.UsageMeter;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.model.CallContext;
import dev.switchboard.sdk.model.ChatCall;
import dev.switchboard.sdk.model.ChatResult;
import dev.switchboard.sdk.model.TokenUsage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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

	private final ModelBackends backends;
	private final RunEvents runEvents;
	private final EventJson json;
	private final Duration modelTimeout;
	private final UsageMeter usage;
	private final BackendHealth health;
	private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("run-", 0).factory());

	public ChatRunner(ModelBackends backends, RunEvents runEvents, EventJson json, UsageMeter usage, BackendHealth health,
			@ConfigProperty(name = "switchboard.chat.model-timeout") Duration modelTimeout) {
		this.backends = backends;
		this.runEvents = runEvents;
		this.json = json;
		this.modelTimeout = modelTimeout;
		this.usage = usage;
		this.health = health;
	}

	/** Publishes RUN_STARTED and executes the run in the background. */
	void start(PreparedRun run) {
		RunStream stream = runEvents.open(run.runId(), run.tenantId());
		stream.append("RUN_STARTED", json.runStarted(run.conversationId(), run.runId()));
		threads.execute(() -> execute(run, stream));
	}

	private void execute(PreparedRun run, RunStream stream) {
		ChatCall call = ChatCall.of(run.history());
		List<ConfiguredBackend> candidates;
		try {
			candidates = ReactiveCalls.await(() -> backends.candidates(run.tenantId(), call));
		} catch (ProblemException e) {
			fail(run, stream, null, null, e.problem().code(), e.problem().detail(), List.of());
			return;
		}
		List<Fallback> fallbacks = new ArrayList<>();
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
					: new dev.switchboard.sdk.error.UpstreamUnavailableException(
							"the model plugin '" + backend.factoryId() + "' failed without an answer");
			if (error != null) {
				health.failed(run.tenantId(), backend.name(), error);
				if (!answer.hasOutput() && backend != candidates.get(candidates.size() - 1)) {
					// Nothing reached the client yet: the next backend takes over invisibly.
					fallbacks.add(new Fallback(backend.name(), error.code()));
					continue;
				}
				answer.close();
				fail(run, stream, backend, result, error.code(), error.getMessage(), fallbacks);
				return;
			}
			health.succeeded(run.tenantId(), backend.name());
			answer.close();
			usage.record(run.tenantId(), backend.name(), result.usage());
			Message message = assistantMessage(run, backend, Message.COMPLETE, null, result.usage());
			message.parts = parts(result);
			runEvents.end(stream, message, Run.FINISHED, null, "RUN_FINISHED", json.runFinished(run.conversationId(),
					run.runId(), run.assistantMessageId(), backend.name(), result.model(), result.usage(), fallbacks));
			return;
		}
	}

	/** A backend that failed before its first token, and why; the next one took over. */
	record Fallback(String backend, String code) {
	}

	private void fail(PreparedRun run, RunStream stream, ConfiguredBackend backend, ChatResult partial, String code,
			String detail, List<Fallback> fallbacks) {
		// The answer's text is not kept: a failed answer is recorded with its error, not as half a reply.
		Message message = assistantMessage(run, backend, Message.FAILED, code,
				partial == null ? TokenUsage.UNKNOWN : partial.usage());
		message.parts = List.of();
		runEvents.end(stream, message, Run.FAILED, code, "RUN_ERROR", json.runError(code, detail, fallbacks));
	}

	private static Message assistantMessage(PreparedRun run, ConfiguredBackend backend, String status, String code,
			TokenUsage usage) {
		Message message = new Message();
		message.id = run.assistantMessageId();
		message.tenantId = run.tenantId();
		message.conversationId = run.conversationId();
		message.role = Message.ASSISTANT;
		message.status = status;
		message.errorCode = code;
		message.backend = backend == null ? null : backend.name();
		message.model = backend == null ? null : backend.info().model();
		message.inputTokens = usage.inputTokens();
		message.outputTokens = usage.outputTokens();
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
