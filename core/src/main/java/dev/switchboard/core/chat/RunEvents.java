package dev.switchboard.core.chat;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.problem.ProblemException;
import dev.switchboard.core.tenant.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Where run events live: in memory on the node that runs them (for live subscribers), and in PostgreSQL (for
 * resuming on any node and after the run). Running runs are flushed to the database a few times a second together
 * with a heartbeat; a run's last events, its assistant message and its final status are written in one transaction
 * before the terminal event is published, so a client that saw RUN_FINISHED finds the answer in the history.
 */
@ApplicationScoped
public class RunEvents {

	/** A running run whose heartbeat is older than this has lost its node. */
	static final Duration STALE_AFTER = Duration.ofSeconds(30);
	private static final Logger LOG = Logger.getLogger(RunEvents.class);
	private static final long FLUSH_MILLIS = 250;
	private static final long KEEP_ENDED_MILLIS = 60_000;

	private final RunRepository runs;
	private final RunEventRepository events;
	private final MessageRepository messages;
	private final EventJson json;
	private final Map<UUID, RunStream> live = new ConcurrentHashMap<>();
	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
			Thread.ofPlatform().name("run-events-flush").daemon().factory());

	public RunEvents(RunRepository runs, RunEventRepository events, MessageRepository messages, EventJson json) {
		this.runs = runs;
		this.events = events;
		this.messages = messages;
		this.json = json;
		scheduler.scheduleWithFixedDelay(this::flushRunning, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
	}

	RunStream open(UUID runId, String tenantId) {
		RunStream stream = new RunStream(runId, tenantId);
		live.put(runId, stream);
		return stream;
	}

	/**
	 * Ends a run: writes its remaining events, the terminal event, its assistant message and its status in one
	 * transaction, then publishes the terminal event. Blocking; call it from the run's own thread.
	 */
	void end(RunStream stream, Message assistant, String status, String errorCode, String terminalType,
			String terminalJson) {
		stream.persisting.lock();
		try {
			List<RunEvent> pending = new ArrayList<>(stream.unpersisted());
			RunEvent terminal = new RunEvent(stream.nextSeq(), terminalType, terminalJson);
			pending.add(terminal);
			ReactiveCalls.await(() -> Panache.withTransaction(() -> messages.persist(assistant)
					.flatMap(m -> events.persist(rows(stream.runId, pending)))
					.flatMap(v -> runs.update("status = ?1, errorCode = ?2, finishedAt = ?3, heartbeatAt = ?3 where id = ?4",
							status, errorCode, OffsetDateTime.now(), stream.runId))));
			stream.persistedUpTo(terminal.seq());
		} catch (RuntimeException e) {
			// The database is unreachable: clients still get the ending, and the run is recovered as interrupted.
			LOG.errorf(e, "Run %s ended but could not be persisted", stream.runId);
		} finally {
			stream.persisting.unlock();
		}
		stream.append(terminalType, terminalJson);
		scheduler.schedule(() -> live.remove(stream.runId), KEEP_ENDED_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * The events of a tenant's run after {@code afterSeq}, then live ones until the run ends: from memory when the run
	 * is on this node, otherwise from the database, polled while another node runs it. The caller has checked that
	 * the run belongs to the tenant ({@link #checkOwned}).
	 */
	public Multi<RunEvent> follow(String tenantId, UUID runId, int afterSeq) {
		RunStream stream = live.get(runId);
		if (stream != null && stream.tenantId.equals(tenantId)) {
			return Multi.createFrom().emitter(emitter -> {
				RunStream.Subscription subscription = stream.subscribe(afterSeq, emitter::emit, emitter::complete);
				emitter.onTermination(subscription::cancel);
			});
		}
		return fromDatabase(runId, afterSeq);
	}

	/** The tenant id, once the run is known to be visible to the scope; fails with 404 otherwise. */
	Uni<String> checkOwned(Scope scope, UUID runId) {
		return Panache.withSession(() -> runs.findVisible(scope, runId)).map(run -> {
			if (run == null) {
				throw ProblemException.notFound("run_not_found", "Run", "No run " + runId + " in this tenant.");
			}
			return scope.tenantId();
		});
	}

	private Multi<RunEvent> fromDatabase(UUID runId, int afterSeq) {
		return Multi.createFrom().emitter(emitter -> {
			AtomicBoolean cancelled = new AtomicBoolean();
			emitter.onTermination(() -> cancelled.set(true));
			Thread.ofVirtual().name("run-follow-" + runId).start(() -> {
				int last = afterSeq;
				try {
					while (!cancelled.get()) {
						final int after = last;
						List<RunEventRow> rows = ReactiveCalls.await(() -> Panache.withSession(() -> events.after(runId, after)));
						for (RunEventRow row : rows) {
							emitter.emit(new RunEvent(row.seq, row.type, row.payload));
							last = row.seq;
							if (RunEvent.terminal(row.type)) {
								emitter.complete();
								return;
							}
						}
						if (rows.isEmpty() && interruptIfStale(runId, last)) {
							continue; // the interruption event is read on the next pass
						}
						Thread.sleep(FLUSH_MILLIS);
					}
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				} catch (RuntimeException e) {
					emitter.fail(e);
				}
			});
		});
	}

	/** Ends a run whose node stopped beating with a persisted RUN_ERROR; true if it did. */
	private boolean interruptIfStale(UUID runId, int lastSeq) {
		return ReactiveCalls.await(() -> Panache.withTransaction(() -> runs.findById(runId).flatMap(run -> {
			boolean stale = Run.RUNNING.equals(run.status)
					&& run.heartbeatAt.isBefore(OffsetDateTime.now().minus(STALE_AFTER));
			if (!stale) {
				return Uni.createFrom().item(Boolean.FALSE);
			}
			run.status = Run.INTERRUPTED;
			run.errorCode = "run_interrupted";
			run.finishedAt = OffsetDateTime.now();
			RunEvent error = new RunEvent(lastSeq + 1, "RUN_ERROR", json.runError("run_interrupted",
					"The server running this answer stopped before it finished. Send the message again."));
			return events.persist(rows(runId, List.of(error))).replaceWith(Boolean.TRUE);
		})));
	}

	/** Writes what running runs produced since the last flush, and their heartbeat. */
	private void flushRunning() {
		for (RunStream stream : live.values()) {
			if (stream.ended() || !stream.persisting.tryLock()) {
				continue;
			}
			try {
				List<RunEvent> pending = stream.unpersisted();
				ReactiveCalls.await(() -> Panache.withTransaction(() -> persist(stream.runId, pending)
						.flatMap(v -> runs.update("heartbeatAt = ?1 where id = ?2 and status = ?3", OffsetDateTime.now(),
								stream.runId, Run.RUNNING))));
				if (!pending.isEmpty()) {
					stream.persistedUpTo(pending.get(pending.size() - 1).seq());
				}
			} catch (RuntimeException e) {
				LOG.warnf("Could not flush run %s: %s", stream.runId, e.getMessage());
			} finally {
				stream.persisting.unlock();
			}
		}
	}

	private Uni<Void> persist(UUID runId, List<RunEvent> pending) {
		return pending.isEmpty() ? Uni.createFrom().voidItem() : events.persist(rows(runId, pending));
	}

	private static List<RunEventRow> rows(UUID runId, List<RunEvent> events) {
		return events.stream().map(e -> {
			RunEventRow row = new RunEventRow();
			row.runId = runId;
			row.seq = e.seq();
			row.type = e.type();
			row.payload = e.json();
			return row;
		}).toList();
	}

	@PreDestroy
	void stop() {
		scheduler.shutdownNow();
	}
}
