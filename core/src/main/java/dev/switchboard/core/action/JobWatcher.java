package dev.switchboard.core.action;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.sdk.action.ActionContext;
import dev.switchboard.sdk.action.JobStatus;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows the jobs of long-running actions: asks each connector how its job stands every few seconds, records the
 * progress in the invocation and announces it when it changed ({@link JobProgressed}), and when the job ends records
 * the outcome and announces it ({@link JobFinished}) so the result is posted into the conversation, whether or not
 * anyone still follows the run that started it. Each poll is
 * claimed with a guarded update, so on several nodes a job is asked about by one at a time.
 */
@ApplicationScoped
public class JobWatcher {

	private static final Logger LOG = Logger.getLogger(JobWatcher.class);

	private final Pool pool;
	private final Connectors connectors;
	private final Event<JobFinished> finished;
	private final Event<JobProgressed> progressed;
	private final Duration interval;
	private final Duration jobTimeout;
	private final Duration callTimeout;
	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("action-jobs").daemon().factory());

	/** An action was accepted as a job, which now runs on in the target system (announced by {@link ActionRuntime}). */
	public record JobStarted(String tenantId, UUID conversationId, UUID invocationId, String action, String jobId,
			String summary) {
	}

	/**
	 * A job reported new progress.
	 *
	 * @param fraction how much is done, 0..1, or null when the target system does not say
	 * @param progress fraction and message in one line, e.g. "50% – exporting"
	 */
	public record JobProgressed(String tenantId, UUID conversationId, UUID invocationId, String action, String jobId,
			Double fraction, String message, String progress) {
	}

	/** A job ended; its invocation is now {@code status}: succeeded, failed or outcome_unknown. */
	public record JobFinished(String tenantId, UUID conversationId, UUID invocationId, String action, String jobId,
			String status, String summary) {

		public boolean succeeded() {
			return ActionInvocation.SUCCEEDED.equals(status);
		}
	}

	public JobWatcher(Pool pool, Connectors connectors, Event<JobFinished> finished, Event<JobProgressed> progressed,
			@ConfigProperty(name = "switchboard.actions.job-poll-interval", defaultValue = "2s") Duration interval,
			@ConfigProperty(name = "switchboard.actions.job-timeout", defaultValue = "24h") Duration jobTimeout,
			@ConfigProperty(name = "switchboard.actions.timeout", defaultValue = "30s") Duration callTimeout) {
		this.pool = pool;
		this.connectors = connectors;
		this.finished = finished;
		this.progressed = progressed;
		this.interval = interval;
		this.jobTimeout = jobTimeout;
		this.callTimeout = callTimeout;
	}

	void onStart(@Observes StartupEvent event) {
		if (!interval.isZero()) {
			poller.scheduleWithFixedDelay(this::pollSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void pollSafely() {
		try {
			pollOnce();
		} catch (RuntimeException e) {
			LOG.warnf("Polling action jobs failed: %s", e.getMessage());
		}
	}

	/** Asks about every running job not asked about in the last half interval. */
	public void pollOnce() {
		long gapMillis = interval.toMillis() / 2;
		List<Row> due = new ArrayList<>();
		ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET polled_at = now() WHERE id IN ("
				+ "SELECT id FROM action_invocation WHERE status = 'running' AND job_id IS NOT NULL AND (polled_at IS NULL "
				+ "OR polled_at < now() - $1 * interval '1 millisecond') ORDER BY polled_at NULLS FIRST LIMIT 50 "
				+ "FOR UPDATE SKIP LOCKED) RETURNING *").execute(Tuple.of(gapMillis)).invoke(rows -> rows.forEach(due::add)));
		due.forEach(this::poll);
	}

	private void poll(Row job) {
		UUID id = job.getUUID("id");
		String tenantId = job.getString("tenant_id");
		if (job.getOffsetDateTime("created_at").plus(jobTimeout).isBefore(java.time.OffsetDateTime.now())) {
			end(job, "outcome_unknown", "outcome_unknown", "The job did not finish within " + jobTimeout.toHours() + " h.", null);
			return;
		}
		Connectors.LiveConnector connector = ReactiveCalls.await(() -> connectors.forTenant(tenantId)).stream()
				.filter(c -> c.name().equals(job.getString("connector"))).findFirst().orElse(null);
		if (connector == null) {
			return; // removed or broken for now; asked again on the next poll, until the job times out
		}
		JobStatus status;
		try {
			status = connector.connector().jobStatus(job.getString("job_id"), new ActionContext(tenantId,
					job.getString("end_user_id"), id.toString(), null, callTimeout));
		} catch (RuntimeException e) { // a PluginException, or a plugin bug: either way, ask again later
			LOG.debugf("Job %s of invocation %s: status not read (%s); asking again later", job.getString("job_id"), id,
					e.getMessage());
			return;
		}
		switch (status.state()) {
			case RUNNING -> {
				String progress = progress(status);
				int changed = ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET progress = $1, "
						+ "updated_at = now() WHERE id = $2 AND status = 'running' AND progress IS DISTINCT FROM $1")
						.execute(Tuple.of(progress, id)).map(rows -> rows.rowCount()));
				if (changed == 1) { // watchers hear of new progress only
					progressed.fire(new JobProgressed(tenantId, job.getUUID("conversation_id"), id, job.getString("action"),
							job.getString("job_id"), status.fraction(), status.message(), progress));
				}
			}
			case SUCCEEDED -> end(job, "succeeded", null, null, status.result().summary());
			case FAILED -> end(job, "failed", "job_failed", status.message(), null);
		}
	}

	private void end(Row job, String status, String code, String message, String summary) {
		UUID id = job.getUUID("id");
		int changed = ReactiveCalls.await(() -> pool.preparedQuery("UPDATE action_invocation SET status = $1, "
				+ "error_code = $2, error_message = $3, summary = COALESCE($4, summary), progress = NULL, updated_at = now() "
				+ "WHERE id = $5 AND status = 'running'").execute(Tuple.tuple(java.util.Arrays.asList(status, code, message,
						summary, id))).map(rows -> rows.rowCount()));
		if (changed == 1) {
			finished.fire(new JobFinished(job.getString("tenant_id"), job.getUUID("conversation_id"), id,
					job.getString("action"), job.getString("job_id"), status, summary != null ? summary : message));
		}
	}

	private static String progress(JobStatus status) {
		String percent = status.fraction() == null ? "" : String.format(Locale.ROOT, "%.0f%%", status.fraction() * 100);
		return (percent + (percent.isEmpty() || status.message().isEmpty() ? "" : " – ") + status.message()).trim();
	}

	@PreDestroy
	void stop() {
		poller.shutdownNow();
	}
}
