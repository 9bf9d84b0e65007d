package dev.switchboard.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.core.database.ReactiveCalls;
import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.OtherNodes;
import dev.switchboard.core.support.Sse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Watchers of a conversation's jobs are woken by PostgreSQL notices, not by polling. The test profile turns the
 * safety-net re-read off, so every event here reaches its watcher through a notice (or, for one whose notice was
 * lost, through the re-read when the node listens again); the watchers' read counter shows they do not poll.
 */
@QuarkusTest
class JobWatchersTest {

	private static final String TENANT = "default";

	@Inject
	ConversationEvents events;
	@Inject
	Pool pool;
	@Inject
	Vertx vertx;
	@Inject
	MeterRegistry metrics;

	@Test
	@Timeout(60)
	void should_push_an_event_written_on_another_node_to_a_watcher_that_does_not_poll() throws Exception {
		String conversation = Api.newConversation();
		ConversationEvents otherNode = new ConversationEvents(pool, OtherNodes.notifications(vertx),
				new SimpleMeterRegistry(), Duration.ZERO);
		otherNode.start();
		try {
			insertUnannounced(conversation, TENANT, 1, ConversationEvents.JOB_STARTED);
			try (Sse.Watcher watcher = Sse.Watcher.open(TENANT, conversation)) {
				assertThat(watcher.next().id()).isEqualTo("1");
				assertThat(watching(conversation)).isEqualTo(1);
				double reads = reads();
				// Idle: not one query while nothing is written (the watcher used to read every 500 ms).
				await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> reads() == reads);

				write(otherNode, conversation, ConversationEvents.JOB_PROGRESS);
				assertThat(watcher.next().id()).isEqualTo("2");
				assertThat(reads()).as("one read for the one notice").isEqualTo(reads + 1);

				write(otherNode, conversation, ConversationEvents.JOB_FINISHED);
				assertThat(watcher.next().data().path("name").asText()).isEqualTo(ConversationEvents.JOB_FINISHED);
				assertThat(watcher.ended()).as("the stream ends once no job is running").isTrue();
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> watching(conversation) == 0); // released when the stream ended
		} finally {
			otherNode.stop();
		}
	}

	@Test
	@Timeout(60)
	void should_read_what_was_written_while_the_node_was_not_listening_once_it_listens_again() throws Exception {
		String conversation = Api.newConversation();
		insertUnannounced(conversation, TENANT, 1, ConversationEvents.JOB_STARTED);
		try (Sse.Watcher watcher = Sse.Watcher.open(TENANT, conversation)) {
			assertThat(watcher.next().id()).isEqualTo("1");
			// Its notice lost: the row is committed without one, then the node's LISTEN connection drops.
			insertUnannounced(conversation, TENANT, 2, ConversationEvents.JOB_PROGRESS);
			long dropped = ReactiveCalls.await(() -> pool.query("SELECT count(pg_terminate_backend(pid)) FROM "
					+ "pg_stat_activity WHERE query LIKE 'LISTEN%" + ConversationEvents.CHANNEL + "%'").execute()
					.map(rows -> rows.iterator().next().getLong(0)));
			assertThat(dropped).isPositive();

			assertThat(watcher.next().id()).as("read once the node listens again").isEqualTo("2");
			assertThat(watching(conversation)).isEqualTo(1);
		}
		// The client left while its job is still running.
		await().atMost(Duration.ofSeconds(10)).until(() -> watching(conversation) == 0);
	}

	@Test
	@Timeout(60)
	void should_never_show_a_watcher_a_row_of_another_tenant_whatever_a_notice_names() throws Exception {
		String other = "job-watch-other";
		Api.admin().body(Map.of("id", other, "name", other)).post("/api/v1/admin/tenants");
		String conversation = Api.newConversation();
		insertUnannounced(conversation, TENANT, 1, ConversationEvents.JOB_STARTED);
		try (Sse.Watcher watcher = Sse.Watcher.open(TENANT, conversation)) {
			assertThat(watcher.next().id()).isEqualTo("1");
			insertUnannounced(conversation, other, 2, ConversationEvents.JOB_PROGRESS);
			notify(other + "/" + conversation);
			notify(TENANT + "/" + conversation);

			write(events, conversation, ConversationEvents.JOB_FINISHED);
			assertThat(watcher.next().id()).isEqualTo("3");
			assertThat(watcher.ended()).isTrue();
		}
	}

	/** Writes an event the way a node's job results do. */
	private static void write(ConversationEvents node, String conversation, String name) {
		ReactiveCalls.await(() -> Panache.withTransaction(() -> node.append(TENANT, UUID.fromString(conversation), name,
				"{\"type\":\"CUSTOM\",\"name\":\"" + name + "\",\"value\":{}}")));
	}

	/**
	 * Writes an event without its notice. Events already there when a watcher connects are written so, lest their
	 * notice reach the watcher after it connected and wake it once more.
	 */
	private void insertUnannounced(String conversation, String tenant, int seq, String name) {
		ReactiveCalls.await(() -> pool.preparedQuery("INSERT INTO conversation_event (conversation_id, seq, tenant_id, "
				+ "name, payload, created_at) VALUES ($1, $2, $3, $4, $5, now())").execute(Tuple.of(
						UUID.fromString(conversation), seq, tenant, name, "{\"type\":\"CUSTOM\",\"name\":\"" + name
								+ "\",\"value\":{\"tenant\":\"" + tenant + "\"}}")));
	}

	private void notify(String payload) {
		ReactiveCalls.await(() -> pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(
				ConversationEvents.CHANNEL, payload)));
	}

	private double reads() {
		return metrics.get("switchboard.job.watch.reads").counter().count();
	}

	private int watching(String conversation) {
		return events.watching(TENANT, UUID.fromString(conversation));
	}
}
