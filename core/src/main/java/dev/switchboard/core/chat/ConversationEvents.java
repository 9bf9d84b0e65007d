package dev.switchboard.core.chat;

import dev.switchboard.core.database.ReactiveCalls;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A conversation's events outside its runs: the jobs of long-running actions starting, progressing and finishing,
 * which happen after the run that started them has closed. They live in PostgreSQL only (any node's job poller writes
 * them, any node's watcher reads them), numbered per conversation like a run's events, so a watcher resumes with
 * Last-Event-ID the same way.
 */
@ApplicationScoped
public class ConversationEvents {

	/** The CUSTOM event names, which {@link #follow} counts to know whether a job is still open. */
	static final String JOB_STARTED = "job_started";
	static final String JOB_PROGRESS = "job_progress";
	static final String JOB_FINISHED = "job_finished";
	private static final long POLL_MILLIS = 500;

	private final Pool pool;

	public ConversationEvents(Pool pool) {
		this.pool = pool;
	}

	/**
	 * Appends a CUSTOM event to the conversation, in the caller's transaction. The conversation row is locked first, so
	 * numbers are handed out, and committed, in order.
	 */
	Uni<Void> append(String tenantId, UUID conversationId, String name, String json) {
		return Panache.getSession().flatMap(session -> session
				.createNativeQuery("SELECT id FROM conversation WHERE id = ?1 FOR UPDATE").setParameter(1, conversationId)
				.getResultList()
				.flatMap(locked -> session.createNativeQuery("INSERT INTO conversation_event (conversation_id, seq, "
						+ "tenant_id, name, payload, created_at) SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, now() "
						+ "FROM conversation_event WHERE conversation_id = ?1").setParameter(1, conversationId)
						.setParameter(2, tenantId).setParameter(3, name).setParameter(4, json).executeUpdate()))
				.replaceWithVoid();
	}

	/**
	 * The conversation's events after {@code afterSeq}, then new ones as they are written, until no job of the
	 * conversation is open (every {@code job_started} has its {@code job_finished}). The caller has checked that the
	 * conversation is visible to the requester.
	 */
	Multi<RunEvent> follow(UUID conversationId, int afterSeq) {
		return Multi.createFrom().emitter(emitter -> {
			AtomicBoolean cancelled = new AtomicBoolean();
			emitter.onTermination(() -> cancelled.set(true));
			Thread.ofVirtual().name("conversation-follow-" + conversationId).start(() -> {
				int last = afterSeq;
				try {
					while (!cancelled.get()) {
						// Counted before reading: every job that was finished by now has its job_finished in the read.
						long open = openJobs(conversationId);
						for (RunEvent event : after(conversationId, last)) {
							emitter.emit(event);
							last = event.seq();
						}
						if (open <= 0) {
							emitter.complete();
							return;
						}
						Thread.sleep(POLL_MILLIS);
					}
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				} catch (RuntimeException e) {
					emitter.fail(e);
				}
			});
		});
	}

	private long openJobs(UUID conversationId) {
		return ReactiveCalls.await(() -> pool.preparedQuery("SELECT count(*) FILTER (WHERE name = $2) - count(*) "
				+ "FILTER (WHERE name = $3) FROM conversation_event WHERE conversation_id = $1")
				.execute(Tuple.of(conversationId, JOB_STARTED, JOB_FINISHED)).map(rows -> rows.iterator().next().getLong(0)));
	}

	private List<RunEvent> after(UUID conversationId, int afterSeq) {
		List<RunEvent> events = new ArrayList<>();
		ReactiveCalls.await(() -> pool.preparedQuery("SELECT seq, payload FROM conversation_event WHERE conversation_id = $1 "
				+ "AND seq > $2 ORDER BY seq").execute(Tuple.of(conversationId, afterSeq))
				.invoke(rows -> rows.forEach((Row row) -> events.add(new RunEvent(row.getInteger("seq"), "CUSTOM",
						row.getString("payload"))))));
		return events;
	}
}
