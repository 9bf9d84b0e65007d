package dev.switchboard.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.FakeUpstreamResource;
import dev.switchboard.core.support.PostgresResource;
import dev.switchboard.core.support.Sse;
import dev.switchboard.sdk.testkit.openai.Reply;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A tenant configures its own backend from the plugin's schema; the secret is write-only and encrypted. */
@QuarkusTest
class BackendAdminTest {

	private static final String SECRET = "sk-tenant-secret-4242";

	@Test
	void should_configure_a_backend_and_keep_its_secret_write_only_and_encrypted() throws Exception {
		Api.admin().body(Map.of("id", "own-model", "name", "own model")).post("/api/v1/admin/tenants");
		var upstream = FakeUpstreamResource.upstream();
		upstream.reset();
		Api.admin("own-model").body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", upstream.baseUrl(),
				"apiKey", SECRET, "model", "tenant-model"))).put("/api/v1/admin/backends/main").then().statusCode(200)
				.body("secretsSet", hasItem("apiKey")).body(not(containsString(SECRET)));
		Api.admin("own-model").get("/api/v1/admin/backends").then().statusCode(200)
				.body("find { it.name == 'main' }.live", equalTo(true))
				.body("find { it.name == 'main' }.model", equalTo("tenant-model"))
				.body(not(containsString(SECRET)));
		try (Connection db = PostgresResource.postgres().getPostgresDatabase().getConnection();
				ResultSet row = db.createStatement().executeQuery("SELECT config::text FROM model_backend WHERE tenant_id = 'own-model'")) {
			assertThat(row.next()).isTrue();
			assertThat(row.getString(1)).doesNotContain(SECRET).contains("enc:v1:");
		}

		upstream.enqueue(Reply.text("Answered by the tenant's own backend."));
		String conversation = Api.admin("own-model").body(Map.of()).post("/api/v1/conversations").then().statusCode(201)
				.extract().path("id");
		List<Sse.Event> events = Sse.parse(Api.admin("own-model").accept("text/event-stream").body(Api.text("hi"))
				.post("/api/v1/conversations/" + conversation + "/messages").asString());
		assertThat(Sse.text(events)).isEqualTo("Answered by the tenant's own backend.");
		assertThat(upstream.lastRequest().header("Authorization")).contains("Bearer " + SECRET);
		assertThat(upstream.lastRequest().body().path("model").asText()).isEqualTo("tenant-model");

		// Saving again without the secret keeps the stored one.
		Api.admin("own-model").body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", upstream.baseUrl(),
				"model", "tenant-model-2"))).put("/api/v1/admin/backends/main").then().statusCode(200)
				.body("secretsSet", hasItem("apiKey"));
	}

	@Test
	void should_refuse_an_invalid_configuration_or_an_unknown_plugin() {
		Api.admin().body(Map.of("factoryId", "openai", "config", Map.of("baseUrl", "not a url")))
				.put("/api/v1/admin/backends/broken").then().statusCode(400).body("code", equalTo("invalid_config"))
				.body("errors.model", equalTo("is required")).body("errors.baseUrl", containsString("URL"));
		Api.admin().body(Map.of("factoryId", "nope", "config", Map.of())).put("/api/v1/admin/backends/broken").then()
				.statusCode(404).body("code", equalTo("unknown_factory"));
		Api.admin().body(Map.of("factoryId", "openai", "config", Map.of("model", "x")))
				.put("/api/v1/admin/backends/Not_Valid").then().statusCode(400);
		Api.admin().get("/api/v1/admin/backends").then().body("name", not(hasItem("broken")));
	}
}
