package dev.switchboard.core.chat;

import dev.switchboard.core.database.Notifications;
import dev.switchboard.core.database.ReactiveCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.pubsub.PgChannel;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A conversation's events outside its runs: the jobs of long-running actions starting, progressing and finishing,
 * which happen after the run that started them has closed. They live in PostgreSQL only (any node's job poller writes
 * them, any node's watcher reads them), numbered per conversation like a run's events, so a watcher resumes with
 * Last-Event-ID the same way.
 * <p>
 * Watchers do not poll. Writing an event announces it on {@link #CHANNEL} in the same transaction, naming only the
 * tenant and conversation; each node LISTENs once (through {@link Notifications}) and wakes the watchers of that
 * conversation, which read their rows after the last one they sent.
 */
@ApplicationScoped
public class ConversationEvents {

	/** The CUSTOM event names, which {@link #follow} counts to know whether a job is still open. */
	static final String JOB_STARTED = "job_started";
	static final String JOB_PROGRESS = "job_progress";
	static final String JOB_FINISHED = "job_finished";
	/** Where written events are announced; the payload is {@code tenant/conversation}, never content. */
	static final String CHANNEL = "switchboard_conversation_events";
	private static final Logger LOG = Logger.getLogger(ConversationEvents.class);

	private final Pool pool;
	private final Notifications notifications;
	private final Duration rereadInterval;
	private final Counter reads;
	/** The open watchers of this node, by the payload that wakes them; each is woken through its semaphore. */
	private final Map<String, Set<Semaphore>> watchers = new ConcurrentHashMap<>();
	private PgSubscriber subscriber;
	private ScheduledExecutorService backstop;

	public ConversationEvents(Pool pool, Notifications notifications, MeterRegistry metrics,
			@ConfigProperty(name = "switchboard.chat.job-watch-reread-interval", defaultValue = "20s") Duration rereadInterval) {
		this.pool = pool;
		this.notifications = notifications;
		this.rereadInterval = rereadInterval;
		this.reads = Counter.builder("switchboard.job.watch.reads")
				.description("Reads of new conversation events by job watchers (one per wake)").register(metrics);
		Gauge.builder("switchboard.job.watchers", watchers, open -> open.values().stream().mapToInt(Set::size).sum())
				.description("Clients watching a conversation's jobs on this node").register(metrics);
	}

	void onStart(@Observes StartupEvent event) {
		start();
	}

	void onStop(@Observes ShutdownEvent event) {
		stop();
	}

	/** Starts listening for written events; the container calls it at start. */
	public synchronized void start() {
		subscriber = notifications.subscriber();
		PgChannel channel = subscriber.channel(CHANNEL);
		channel.handler(this::wake);
		// Notices sent while the connection was down are lost: every watcher reads once it listens again.
		channel.subscribeHandler(subscribed -> wakeAll());
		subscriber.connect().onFailure(e -> LOG.warnf("Not listening for conversation events: %s", e.getMessage()));
		if (!rereadInterval.isZero()) {
			// Only a backstop, should a notice ever go missing unnoticed; the notices are the path events take.
			backstop = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-watch-reread").daemon()
					.factory());
			backstop.scheduleWithFixedDelay(this::wakeAll, rereadInterval.toMillis(), rereadInterval.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/** Stops listening. */
	public synchronized void stop() {
		if (subscriber != null) {
			subscriber.close();
		}
		if (backstop != null) {
			backstop.shutdownNow();
		}
	}

	/**
	 * Appends a CUSTOM event to the conversation, in the caller's transaction, and announces it there too, so the
	 * notice is delivered once the row is committed and never before. The conversation row is locked first, so
	 * numbers are handed out, and committed, in order.
	 */
	Uni<Void> append(String tenantId, UUID conversationId, String name, String json) {
		return Panache.getSession().flatMap(session -> session
				.createNativeQuery("SELECT id FROM conversation WHERE id = ?1 FOR UPDATE").setParameter(1, conversationId)
				.getResultList()
				.flatMap(locked -> session.createNativeQuery("INSERT INTO conversation_event (conversation_id, seq, "
						+ "tenant_id, name, payload, created_at) SELECT ?1, COALESCE(MAX(seq), 0) + 1, ?2, ?3, ?4, now() "
						+ "FROM conversation_event WHERE conversation_id = ?1").setParameter(1, conversationId)
						.setParameter(2, tenantId).setParameter(3, name).setParameter(4, json).executeUpdate())
				.flatMap(inserted -> session.createNativeQuery("SELECT pg_notify(?1, ?2)").setParameter(1, CHANNEL)
						.setParameter(2, watchKey(tenantId, conversationId)).getSingleResult()))
				.replaceWithVoid();
	}

	/**
	 * The conversation's events after {@code afterSeq}, then new ones as they are written, until no job of the
	 * conversation is open (every {@code job_started} has its {@code job_finished}). The caller has checked that the
	 * conversation is visible to the requester; only the tenant's rows are read, whatever a notice says.
	 */
	Multi<RunEvent> follow(String tenantId, UUID conversationId, int afterSeq) {
		String key = watchKey(tenantId, conversationId);
		return Multi.createFrom().emitter(emitter -> {
			Semaphore wake = new Semaphore(0);
			AtomicBoolean cancelled = new AtomicBoolean();
			emitter.onTermination(() -> {
				cancelled.set(true);
				release(key, wake);
				wake.release();
			});
			// Registered before the first read, so an event written after that read wakes it.
			watchers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(wake);
			Thread.ofVirtual().name("conversation-follow-" + conversationId).start(() -> {
				int last = afterSeq;
				try {
					while (!cancelled.get()) {
						reads.increment();
						// Counted before reading: every job that was finished by now has its job_finished in the read.
						long open = openJobs(tenantId, conversationId);
						for (RunEvent event : after(tenantId, conversationId, last)) {
							emitter.emit(event);
							last = event.seq();
						}
						if (open <= 0) {
							emitter.complete();
							return;
						}
						wake.acquire();
						wake.drainPermits(); // the notices that came meanwhile are all answered by the next read
					}
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				} catch (RuntimeException e) {
					emitter.fail(e);
				} finally {
					release(key, wake);
				}
			});
		});
	}

	/** How many clients watch the conversation on this node. */
	int watching(String tenantId, UUID conversationId) {
		Set<Semaphore> open = watchers.get(watchKey(tenantId, conversationId));
		return open == null ? 0 : open.size();
	}

	private static String watchKey(String tenantId, UUID conversationId) {
		return tenantId + "/" + conversationId;
	}

	private void wake(String key) {
		Set<Semaphore> woken = watchers.get(key);
		if (woken != null) {
			woken.forEach(Semaphore::release);
		}
	}

	private void wakeAll() {
		watchers.values().forEach(woken -> woken.forEach(Semaphore::release));
	}

	private void release(String key, Semaphore wake) {
		watchers.computeIfPresent(key, (k, open) -> open.remove(wake) && open.isEmpty() ? null : open);
	}

	private long openJobs(String tenantId, UUID conversationId) {
		return ReactiveCalls.await(() -> pool.preparedQuery("SELECT count(*) FILTER (WHERE name = $3) - count(*) "
				+ "FILTER (WHERE name = $4) FROM conversation_event WHERE conversation_id = $1 AND tenant_id = $2")
				.execute(Tuple.of(conversationId, tenantId, JOB_STARTED, JOB_FINISHED))
				.map(rows -> rows.iterator().next().getLong(0)));
	}

	private List<RunEvent> after(String tenantId, UUID conversationId, int afterSeq) {
		List<RunEvent> events = new ArrayList<>();
		ReactiveCalls.await(() -> pool.preparedQuery("SELECT seq, payload FROM conversation_event WHERE conversation_id = $1 "
				+ "AND tenant_id = $2 AND seq > $3 ORDER BY seq").execute(Tuple.of(conversationId, tenantId, afterSeq))
				.invoke(rows -> rows.forEach((Row row) -> events.add(new RunEvent(row.getInteger("seq"), "CUSTOM",
						row.getString("payload"))))));
		return events;
	}
}
