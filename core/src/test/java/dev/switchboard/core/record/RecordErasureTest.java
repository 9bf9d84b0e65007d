package dev.switchboard.core.record;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.switchboard.core.support.Api;
import dev.switchboard.sdk.action.ActionContext;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenant admins erase connector records (one, or every record of one end user), viewers cannot, and a periodic purge
 * deletes records older than the tenant's retention. Records are stored through the host's record store, as a
 * connector stores them; ageing one moves its {@code created_at} back.
 */
@QuarkusTest
class RecordErasureTest {

	private static final String TENANT = "erasure";

	@Inject
	ConnectorRecords records;

	@Inject
	RecordRetention retention;

	@Inject
	Pool pool;

	private Logger logger;
	private Handler handler;

	@Test
	void should_erase_one_record_for_a_tenant_admin_and_log_who_did() {
		tenant(TENANT);
		String kept = store(TENANT, "intake", "alice", 0);
		String erased = store(TENANT, "intake", "alice", 0);
		String admin = OidcWiremockTestResource.getAccessToken("ada", Set.of("/tenants/" + TENANT + "/tenant-admin"));
		List<String> log = capture(ConnectorRecords.class);

		as(admin).delete("/api/v1/admin/connectors/survey/records/" + erased).then().statusCode(404)
				.contentType("application/problem+json").body("code", equalTo("record_not_found"));
		as(admin).delete("/api/v1/admin/connectors/intake/records/" + erased).then().statusCode(204);

		as(admin).get("/api/v1/admin/connectors/intake/records/" + erased).then().statusCode(404);
		as(admin).delete("/api/v1/admin/connectors/intake/records/" + erased).then().statusCode(404)
				.contentType("application/problem+json").body("code", equalTo("record_not_found"));
		as(admin).delete("/api/v1/admin/connectors/intake/records/not-a-uuid").then().statusCode(400)
				.contentType("application/problem+json");
		as(admin).get("/api/v1/admin/connectors/intake/records/" + kept).then().statusCode(200);
		assertThat(log).containsExactly("Tenant erasure: ada erased record " + erased + " of connector intake");
	}

	@Test
	void should_erase_every_record_of_one_end_user_across_the_tenants_connectors() {
		String tenant = "erasure-subject";
		tenant(tenant);
		store(tenant, "intake", "bea", 0);
		store(tenant, "survey", "bea", 0);
		String other = store(tenant, "intake", "carl", 0);
		String anonymous = store(tenant, "intake", null, 0);
		List<String> log = capture(ConnectorRecords.class);

		Api.admin(tenant).delete("/api/v1/admin/records?endUser=bea").then().statusCode(200).body("erased", equalTo(2));

		Api.admin(tenant).get("/api/v1/admin/connectors/intake/records?endUser=bea").then().body("", hasSize(0));
		Api.admin(tenant).get("/api/v1/admin/connectors/survey/records?endUser=bea").then().body("", hasSize(0));
		Api.admin(tenant).get("/api/v1/admin/connectors/intake/records/" + other).then().statusCode(200);
		Api.admin(tenant).get("/api/v1/admin/connectors/intake/records/" + anonymous).then().statusCode(200);
		Api.admin(tenant).delete("/api/v1/admin/records?endUser=bea").then().statusCode(200).body("erased", equalTo(0));
		Api.admin(tenant).delete("/api/v1/admin/records").then().statusCode(400).contentType("application/problem+json");
		Api.admin(tenant).delete("/api/v1/admin/records?endUser=").then().statusCode(400)
				.contentType("application/problem+json");
		assertThat(log).hasSize(2).allMatch(line -> line.contains("erased one end user's records"))
				.noneMatch(line -> line.contains("bea"));
	}

	@Test
	void should_let_a_viewer_read_the_retention_but_erase_nothing() {
		String tenant = "erasure-viewer";
		tenant(tenant);
		String record = store(tenant, "intake", "dora", 0);
		String viewer = OidcWiremockTestResource.getAccessToken("vic", Set.of("/tenants/" + tenant + "/tenant-viewer"));

		as(viewer, tenant).delete("/api/v1/admin/connectors/intake/records/" + record).then().statusCode(403);
		as(viewer, tenant).delete("/api/v1/admin/records?endUser=dora").then().statusCode(403);
		as(viewer, tenant).body(Map.of("days", 1)).put("/api/v1/admin/records/retention").then().statusCode(403);
		as(viewer, tenant).get("/api/v1/admin/records/retention").then().statusCode(200).body("days", equalTo(90));

		Api.admin(tenant).get("/api/v1/admin/connectors/intake/records/" + record).then().statusCode(200);
	}

	@Test
	void should_purge_records_past_each_tenants_retention_in_batches() {
		String shortLived = "retention-30";
		String byDefault = "retention-default";
		tenant(shortLived);
		tenant(byDefault);
		Api.admin(byDefault).get("/api/v1/admin/records/retention").then().statusCode(200).body("days", equalTo(90));
		Api.admin(shortLived).body(Map.of("days", 30)).put("/api/v1/admin/records/retention").then().statusCode(200)
				.body("days", equalTo(30));
		Api.admin(shortLived).get("/api/v1/admin/records/retention").then().body("days", equalTo(30));
		Api.admin(shortLived).body(Map.of("days", 0)).put("/api/v1/admin/records/retention").then().statusCode(400)
				.contentType("application/problem+json");
		Api.admin(shortLived).body(Map.of("days", 3651)).put("/api/v1/admin/records/retention").then().statusCode(400);
		Api.admin(shortLived).body(Map.of()).put("/api/v1/admin/records/retention").then().statusCode(400);
		for (int i = 0; i < 5; i++) { // more than the test profile's batch of 2
			store(shortLived, "intake", "eve", 31);
		}
		String recent = store(shortLived, "intake", "eve", 29);
		String withinDefault = store(byDefault, "intake", "eve", 31);
		store(byDefault, "intake", "eve", 91);

		long purged = retention.purge(Instant.now()).await().atMost(Duration.ofSeconds(30));

		assertThat(purged).isEqualTo(6);
		assertThat(ids(shortLived)).containsExactly(recent);
		assertThat(ids(byDefault)).containsExactly(withinDefault);
		assertThat(retention.purge(Instant.now()).await().atMost(Duration.ofSeconds(30))).isZero();
		// Time passes: at a later "now" the rest ages out too.
		assertThat(retention.purge(Instant.now().plus(Duration.ofDays(60))).await().atMost(Duration.ofSeconds(30)))
				.isEqualTo(2);
		assertThat(ids(shortLived)).isEmpty();
		assertThat(ids(byDefault)).isEmpty();
	}

	@Test
	void should_purge_each_record_once_when_several_nodes_purge_at_the_same_time() {
		String tenant = "retention-nodes";
		tenant(tenant);
		for (int i = 0; i < 7; i++) {
			store(tenant, "intake", "finn", 120);
		}

		Instant now = Instant.now();
		var both = Uni.combine().all().unis(retention.purge(now), retention.purge(now)).asTuple()
				.await().atMost(Duration.ofSeconds(30));

		assertThat(both.getItem1() + both.getItem2()).isEqualTo(7);
		assertThat(ids(tenant)).isEmpty();
	}

	/** Stores a record as a connector does, created {@code daysAgo} days ago; returns its id. */
	private String store(String tenant, String connector, String endUser, int daysAgo) {
		String id = records.storeFor(tenant, connector).save("callback", UUID.randomUUID().toString(),
				"{\"note\": \"call me\"}", new ActionContext(tenant, endUser, UUID.randomUUID().toString(), null,
						Duration.ofSeconds(5))).id();
		pool.preparedQuery("UPDATE connector_record SET created_at = now() - make_interval(days => $2) WHERE id = $1")
				.execute(Tuple.of(UUID.fromString(id), daysAgo)).await().atMost(Duration.ofSeconds(10));
		return id;
	}

	private List<String> ids(String tenant) {
		return pool.preparedQuery("SELECT id FROM connector_record WHERE tenant_id = $1").execute(Tuple.of(tenant))
				.map(rows -> {
					List<String> ids = new java.util.ArrayList<>();
					rows.forEach(row -> ids.add(row.getUUID("id").toString()));
					return ids;
				}).await().atMost(Duration.ofSeconds(10));
	}

	/** The messages the class logs from now until the test ends. */
	private List<String> capture(Class<?> source) {
		List<String> messages = new CopyOnWriteArrayList<>();
		logger = Logger.getLogger(source.getName());
		handler = new Handler() {
			@Override
			public void publish(LogRecord record) {
				messages.add(((ExtLogRecord) record).getFormattedMessage());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		logger.addHandler(handler);
		return messages;
	}

	@AfterEach
	void stopCapturing() {
		if (handler != null) {
			logger.removeHandler(handler);
			handler = null;
		}
	}

	private static void tenant(String tenant) {
		Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
	}

	private static RequestSpecification as(String token) {
		return as(token, TENANT);
	}

	private static RequestSpecification as(String token, String tenant) {
		return given().header("Authorization", "Bearer " + token).header("X-Switchboard-Tenant", tenant)
				.contentType(ContentType.JSON);
	}
}
