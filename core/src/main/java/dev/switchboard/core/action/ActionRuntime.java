package dev.switchboard.core.action;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.action.Connectors.EnabledAction;
import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.secret.SecretBox;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.ActionResult;
import dev.switchboard.sdk.error.PluginException;
import dev.switchboard.sdk.model.ToolCall;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the tool calls of an action turn safely: checks each against its action's JSON Schema, runs reads at once,
 * turns every other call into a proposal the user must approve with a single-use token, and runs an approved call
 * exactly once. Every invocation is a row whose state only moves forward through guarded updates, which is also the
 * audit trail. Blocking; called from the run's virtual thread.
 */
@ApplicationScoped
public class ActionRuntime {

	private static final Logger LOG = Logger.getLogger(ActionRuntime.class);
	/** A tool result longer than this is cut before it reaches the model. */
	public static final int MAX_RESULT_CHARS = 16_000;
	private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|api[_-]?key|authorization|credential).*");
	private static final SecureRandom RANDOM = new SecureRandom();

	private final Pool pool;
	private final SecretBox secrets;
	private final ObjectMapper mapper;
	private final Duration actionTimeout;
	private final Duration approvalLifetime;
	private final ToolArguments toolArguments;
	private final Event<JobWatcher.JobStarted> jobStarted;
	private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("action-sweep").daemon().factory());

	public ActionRuntime(Pool pool, SecretBox secrets, ObjectMapper mapper, ToolArguments toolArguments,
			Event<JobWatcher.JobStarted> jobStarted,
			@ConfigProperty(name = "switchboard.actions.timeout", defaultValue = "30s") Duration actionTimeout,
			@ConfigProperty(name = "switchboard.actions.approval-lifetime", defaultValue = "15m") Duration approvalLifetime) {
		this.pool = pool;
		this.secrets = secrets;
		this.mapper = mapper;
		this.toolArguments = toolArguments;
		this.jobStarted = jobStarted;
		this.actionTimeout = actionTimeout;
		this.approvalLifetime = approvalLifetime;
		sweeper.scheduleWithFixedDelay(this::sweep, 5, 30, TimeUnit.SECONDS);
	}

	/** Creates the runtime at start, so invocations a crashed node left running are marked soon after a restart. */
	void onStart(@Observes StartupEvent event) {
		LOG.debug("Action runtime ready");
	}

	private void sweep() {
		try {
			markAbandoned();
		} catch (RuntimeException e) {
			LOG.warnf("Could not mark abandoned action invocations: %s", e.getMessage());
		}
	}

	@PreDestroy
	void stop() {
		sweeper.shutdownNow();
	}

	/**
	 * Who and where a tool call is made.
	 *
	 * @param sealedEndUserToken the verified end user's identity token, encrypted; decrypted only for a connector that
	 *                           declared it forwards it
	 */
	public record CallSite(String tenantId, UUID conversationId, UUID runId, String endUserId, String sealedEndUserToken) {
	}

	/** What became of one tool call. */
	public sealed interface Outcome {
		/** What the model is told. */
		String toolResult();
	}

	/** The call ran (or failed at the connector); the result goes back to the model. */
	public record Ran(UUID invocationId, String status, String toolResult) implements Outcome {
	}

	/** The call never reached a connector: unknown action or invalid arguments. */
	public record Refused(String code, String toolResult) implements Outcome {
	}

	/** The call waits for the user's approval. */
	public record Proposed(UUID invocationId, EnabledAction action, JsonNode arguments, String summary,
			String approvalToken, OffsetDateTime expiresAt) implements Outcome {
		@Override
		public String toolResult() {
			return "{\"status\":\"awaiting_user_approval\",\"note\":\"The user was asked to approve this action. It has not run.\"}";
		}
	}

	/** Handles one tool call of the model. */
	public Outcome handle(CallSite site, ToolCall call, List<EnabledAction> offered) {
		Optional<EnabledAction> action = offered.stream().filter(a -> a.spec().name().equals(call.name())).findFirst();
		if (action.isEmpty()) {
			return new Refused("unknown_action", error("unknown_action", "There is no action named '" + call.name()
					+ "'. Use only the tools offered."));
		}
		ToolArguments.Checked checked = toolArguments.check(Connectors.specHash(action.get().spec()),
				action.get().spec().inputSchema(), call.arguments());
		if (checked.refusal() != null) {
			return new Refused("invalid_arguments", checked.refusal());
		}
		JsonNode arguments = checked.arguments();
		if (!action.get().confirm()) {
			UUID id = insert(site, call, action.get(), arguments, ActionInvocation.RUNNING, null, null);
			return run(id, site, action.get(), arguments);
		}
		String token = token();
		OffsetDateTime expiresAt = OffsetDateTime.now().plus(approvalLifetime);
		UUID id = insert(site, call, action.get(), arguments, ActionInvocation.PROPOSED, sha256(token), expiresAt);
		return new Proposed(id, action.get(), arguments, summary(action.get(), arguments), token, expiresAt);
	}

	/** A decision taken through the approval endpoint. */
	public enum Decision {
		APPROVE, REJECT
	}

	/** Why a decision was refused. */
	public static final class DecisionRefused extends RuntimeException {
		private final String code;

		DecisionRefused(String code, String message) {
			super(message, null, false, false);
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/**
	 * Records the user's decision on a proposal: the token must match, be unexpired and unused, and come from the same
	 * end user in the same conversation. The state moves from {@code proposed} in one guarded update, so a replayed or
	 * concurrent decision finds nothing left to decide.
	 *
	 * @return the invocation, now approved or rejected
	 * @throws DecisionRefused with {@code approval_not_found}, {@code approval_token_invalid}, {@code approval_expired}
	 *                         or {@code approval_not_pending}
	 */
	public ActionInvocation decide(String tenantId, UUID conversationId, UUID invocationId, String endUserId,
			String decidedBy, String token, Decision decision) {
		ActionInvocation invocation = find(tenantId, invocationId);
		if (invocation == null || !invocation.conversationId.equals(conversationId)
				|| !java.util.Objects.equals(invocation.endUserId, endUserId)) {
			throw new DecisionRefused("approval_not_found", "No action awaiting this user's approval has id " + invocationId + ".");
		}
		if (invocation.approvalTokenHash == null || token == null || !MessageDigest.isEqual(
				invocation.approvalTokenHash.getBytes(StandardCharsets.UTF_8), sha256(token).getBytes(StandardCharsets.UTF_8))) {
			throw new DecisionRefused("approval_token_invalid", "The approval token does not match this action.");
		}
		String to = decision == Decision.APPROVE ? ActionInvocation.APPROVED : ActionInvocation.REJECTED;
		int changed = ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET status = $1, "
				+ "decided_by = $2, decided_at = now(), updated_at = now() WHERE id = $3 AND tenant_id = $4 "
				+ "AND status = 'proposed' AND expires_at > now()").execute(Tuple.of(to, decidedBy, invocationId, tenantId))
				.map(rows -> rows.rowCount()));
		if (changed == 0) {
			ActionInvocation now = find(tenantId, invocationId);
			if (ActionInvocation.PROPOSED.equals(now.status)) {
				expire(invocationId);
				throw new DecisionRefused("approval_expired", "The approval for this action expired; ask again.");
			}
			throw new DecisionRefused("approval_not_pending", "This action was already " + now.status.replace('_', ' ') + ".");
		}
		return find(tenantId, invocationId);
	}

	/** Marks a proposal that was never decided in time expired; a decided one stays as it is. */
	public void expire(UUID invocationId) {
		ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET status = 'expired', "
				+ "updated_at = now() WHERE id = $1 AND status = 'proposed'").execute(Tuple.of(invocationId)));
	}

	/** The proposals of a run still waiting for the user's decision at {@code now} (neither decided nor expired), oldest first. */
	public Uni<List<UUID>> awaitingApproval(String tenantId, UUID runId, OffsetDateTime now) {
		return pool.preparedQuery("SELECT id FROM action_invocation WHERE tenant_id = $1 AND run_id = $2 "
				+ "AND status = 'proposed' AND expires_at > $3 ORDER BY created_at")
				.execute(Tuple.of(tenantId, runId, now)).map(rows -> {
					List<UUID> ids = new ArrayList<>();
					rows.forEach(r -> ids.add(r.getUUID("id")));
					return ids;
				});
	}

	/** Every proposal a run made: the calls of its reply that asked for the user's approval, whatever became of them. */
	public List<ActionInvocation> proposalsOf(String tenantId, UUID runId) {
		return ReactiveCalls.await(() -> pool.preparedQuery("SELECT * FROM action_invocation WHERE tenant_id = $1 "
				+ "AND run_id = $2 AND approval_token_hash IS NOT NULL").execute(Tuple.of(tenantId, runId)).map(rows -> {
					List<ActionInvocation> proposals = new ArrayList<>();
					rows.forEach(r -> proposals.add(row(r)));
					return proposals;
				}));
	}

	/** Runs an approved invocation, once: only the caller that moves it from approved to running executes it. */
	public Ran runApproved(ActionInvocation invocation, EnabledAction action, String sealedEndUserToken) {
		int claimed = ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET status = 'running', "
				+ "updated_at = now() WHERE id = $1 AND status = 'approved'").execute(Tuple.of(invocation.id))
				.map(rows -> rows.rowCount()));
		if (claimed == 0) {
			return new Ran(invocation.id, invocation.status, error("not_run", "This action was not run again."));
		}
		JsonNode arguments;
		try {
			arguments = mapper.readTree(secrets.decrypt(invocation.tenantId, invocation.argumentsSealed));
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("sealed arguments are not JSON", e);
		}
		return run(invocation.id, new CallSite(invocation.tenantId, invocation.conversationId, invocation.runId,
				invocation.endUserId, sealedEndUserToken), action, arguments);
	}

	/** Reads an invocation of the tenant. */
	public ActionInvocation find(String tenantId, UUID id) {
		return ReactiveCalls.await(() -> pool.preparedQuery("SELECT * FROM action_invocation WHERE id = $1 AND tenant_id = $2")
				.execute(Tuple.of(id, tenantId)).map(rows -> rows.iterator().hasNext() ? row(rows.iterator().next()) : null));
	}

	/**
	 * Marks invocations that were running when their node died as {@code outcome_unknown}: whether the product API
	 * acted is not known, so nothing re-runs by itself; the audit shows it for a human to check.
	 */
	public void markAbandoned() {
		Duration grace = actionTimeout.plusSeconds(60);
		ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET status = 'outcome_unknown', "
				+ "error_code = 'outcome_unknown', error_message = 'The node running this action stopped before it "
				+ "recorded the outcome.', updated_at = now() WHERE status = 'running' AND job_id IS NULL "
				+ "AND updated_at < now() - $1 * interval '1 second'")
				.execute(Tuple.of(grace.toSeconds())));
	}

	private Ran run(UUID id, CallSite site, EnabledAction action, JsonNode arguments) {
		long start = System.nanoTime();
		String status;
		String toolResult;
		String summary = null;
		String jobId = null;
		String code = null;
		String message = null;
		try {
			ActionResult result = action.connector().connector().invoke(action.spec().name(), arguments.toString(),
					new ActionContext(site.tenantId(), site.endUserId(), id.toString(), endUserToken(site, action), actionTimeout));
			summary = result.summary();
			ObjectNode answer = mapper.createObjectNode();
			if (result.pending()) {
				// Accepted, not finished: it stays running while JobWatcher follows the job.
				status = ActionInvocation.RUNNING;
				jobId = result.jobId();
				answer.put("status", "accepted").put("jobId", jobId).put("summary", result.summary()).put("note",
						"The action was accepted and is still running; its result will be posted in this conversation when it finishes.");
			} else {
				status = ActionInvocation.SUCCEEDED;
				answer.put("status", "succeeded").put("summary", result.summary());
			}
			answer.set("output", output(result.output()));
			toolResult = answer.toString();
		} catch (PluginException e) {
			status = ActionInvocation.FAILED;
			code = e.code();
			message = e.getMessage();
			toolResult = error(e.code(), e.getMessage());
		} catch (RuntimeException | LinkageError e) {
			LOG.errorf(e, "Connector %s failed on action %s", action.connector().name(), action.spec().name());
			status = ActionInvocation.FAILED;
			code = "connector_failed";
			message = "The connector failed unexpectedly.";
			toolResult = error(code, message);
		}
		long latency = (System.nanoTime() - start) / 1_000_000;
		List<Object> values = java.util.Arrays.asList(status, summary, code, message, latency, jobId, id);
		ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET status = $1, summary = $2, "
				+ "error_code = $3, error_message = $4, latency_ms = $5, job_id = $6, updated_at = now() "
				+ "WHERE id = $7 AND status = 'running'").execute(Tuple.tuple(values)));
		if (jobId != null) {
			jobStarted.fire(new JobWatcher.JobStarted(site.tenantId(), site.conversationId(), id, action.spec().name(), jobId,
					summary));
		}
		return new Ran(id, status, toolResult);
	}

	/** The end user's token, only for a connector that declared it acts as the user. */
	private String endUserToken(CallSite site, EnabledAction action) {
		return action.connector().permissions().receivesEndUserIdentity() && site.sealedEndUserToken() != null
				? secrets.decrypt(site.tenantId(), site.sealedEndUserToken())
				: null;
	}

	private UUID insert(CallSite site, ToolCall call, EnabledAction action, JsonNode arguments, String status,
			String tokenHash, OffsetDateTime expiresAt) {
		UUID id = UUID.randomUUID();
		String json = arguments.toString();
		ReactiveCalls.await(() -> pool.preparedQuery("INSERT INTO action_invocation (id, tenant_id, conversation_id, run_id, "
				+ "end_user_id, connector, action, effect, tool_call_id, arguments, arguments_sealed, arguments_hash, status, "
				+ "approval_token_hash, expires_at, idempotency_key, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
				+ "$7, $8, $9, $10::text::jsonb, $11, $12, $13, $14, $15, $16, now(), now())")
				.execute(Tuple.tuple(java.util.Arrays.asList(id, site.tenantId(), site.conversationId(), site.runId(),
						site.endUserId(), action.connector().name(), action.spec().name(), action.spec().effect().name(),
						call.id(), redact(arguments).toString(), secrets.encrypt(site.tenantId(), json), sha256(json), status,
						tokenHash, expiresAt, id))));
		return id;
	}

	/** One line for the user: the action's title and its arguments, secrets masked, e.g. "Add entry: account A-1, amount 20". */
	String summary(EnabledAction action, JsonNode arguments) {
		StringBuilder line = new StringBuilder(action.spec().title());
		JsonNode shown = redact(arguments);
		String separator = ": ";
		for (Iterator<Map.Entry<String, JsonNode>> it = shown.fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> field = it.next();
			String value = field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString();
			line.append(separator).append(field.getKey().replace('_', ' ')).append(' ')
					.append(value.length() > 80 ? value.substring(0, 80) + "…" : value);
			separator = ", ";
		}
		return line.toString();
	}

	/** A copy with secret-looking fields replaced, for the audit. */
	JsonNode redact(JsonNode node) {
		if (node.isObject()) {
			ObjectNode copy = mapper.createObjectNode();
			for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
				Map.Entry<String, JsonNode> e = it.next();
				copy.set(e.getKey(), SECRET_KEY.matcher(e.getKey()).matches() ? copy.textNode("***") : redact(e.getValue()));
			}
			return copy;
		}
		if (node.isArray()) {
			var copy = mapper.createArrayNode();
			node.forEach(item -> copy.add(redact(item)));
			return copy;
		}
		return node;
	}

	private String error(String code, String message) {
		return toolArguments.error(code, message);
	}

	/** The connector's output as the model sees it: JSON as JSON when it fits, else text cut with a marker. */
	private JsonNode output(String text) {
		if (text.length() <= MAX_RESULT_CHARS) {
			try {
				return mapper.readTree(text);
			} catch (JsonProcessingException notJson) {
				return mapper.getNodeFactory().textNode(text);
			}
		}
		return mapper.getNodeFactory().textNode(truncate(text));
	}

	public static String truncate(String text) {
		return text.length() <= MAX_RESULT_CHARS ? text
				: text.substring(0, MAX_RESULT_CHARS) + "…[truncated " + (text.length() - MAX_RESULT_CHARS) + " characters]";
	}

	private static String token() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	public static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static ActionInvocation row(Row r) {
		ActionInvocation i = new ActionInvocation();
		i.id = r.getUUID("id");
		i.tenantId = r.getString("tenant_id");
		i.conversationId = r.getUUID("conversation_id");
		i.runId = r.getUUID("run_id");
		i.endUserId = r.getString("end_user_id");
		i.connector = r.getString("connector");
		i.action = r.getString("action");
		i.effect = r.getString("effect");
		i.toolCallId = r.getString("tool_call_id");
		i.arguments = String.valueOf(r.getValue("arguments"));
		i.argumentsSealed = r.getString("arguments_sealed");
		i.argumentsHash = r.getString("arguments_hash");
		i.status = r.getString("status");
		i.approvalTokenHash = r.getString("approval_token_hash");
		i.expiresAt = r.getOffsetDateTime("expires_at");
		i.decidedBy = r.getString("decided_by");
		i.decidedAt = r.getOffsetDateTime("decided_at");
		i.idempotencyKey = r.getUUID("idempotency_key");
		i.summary = r.getString("summary");
		i.errorCode = r.getString("error_code");
		i.errorMessage = r.getString("error_message");
		i.latencyMs = r.getLong("latency_ms");
		i.createdAt = r.getOffsetDateTime("created_at");
		i.updatedAt = r.getOffsetDateTime("updated_at");
		return i;
	}
}
