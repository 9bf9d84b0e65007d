package dev.switchboard.core.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.switchboard.core.support.Api;
import dev.switchboard.core.support.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyTest {

	@BeforeEach
	void tenants() {
		for (String tenant : new String[] { "keys-a", "keys-b" }) {
			Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		}
	}

	@Test
	void should_show_a_new_key_once_and_store_only_its_hash() throws Exception {
		String key = create("keys-a", "chat");
		assertThat(key).startsWith("sbk_").hasSizeGreaterThan(40);
		Api.admin("keys-a").get("/api/v1/admin/api-keys").then().statusCode(200)
				.body("prefix", hasItem(key.substring(0, 10))).body(not(org.hamcrest.Matchers.containsString(key)));
		try (Connection db = PostgresResource.postgres().getPostgresDatabase().getConnection();
				ResultSet rows = db.createStatement().executeQuery("SELECT key_hash FROM api_key")) {
			while (rows.next()) {
				assertThat(rows.getString(1)).isNotEqualTo(key).hasSize(64);
			}
		}
	}

	@Test
	void should_let_a_chat_key_chat_in_its_own_tenant_only() {
		String key = create("keys-a", "chat");
		as(key).body(Map.of("title", "from a server")).post("/api/v1/conversations").then().statusCode(201);
		as(key).get("/api/v1/conversations").then().statusCode(200);
		as(key).get("/v1/models").then().statusCode(200);
		as(key).get("/api/v1/admin/backends").then().statusCode(403).body("code", equalTo("forbidden"));
		as(key).get("/api/v1/admin/plugins").then().statusCode(403);
		as(key).header("X-Switchboard-Tenant", "keys-b").get("/api/v1/conversations").then().statusCode(403);
		as(key).header("X-Switchboard-Tenant", "default").get("/api/v1/conversations").then().statusCode(403);
	}

	@Test
	void should_let_an_admin_key_administer_its_tenant_only() {
		String key = create("keys-b", "admin");
		as(key).get("/api/v1/admin/backends").then().statusCode(200);
		as(key).get("/api/v1/admin/api-keys").then().statusCode(200);
		as(key).get("/api/v1/admin/tenants").then().statusCode(403);
		as(key).header("X-Switchboard-Tenant", "keys-a").get("/api/v1/admin/api-keys").then().statusCode(403);
	}

	@Test
	void should_refuse_a_revoked_key_at_once_and_record_last_use() {
		String key = create("keys-a", "chat");
		as(key).get("/api/v1/conversations").then().statusCode(200);
		String id = Api.admin("keys-a").get("/api/v1/admin/api-keys").then().extract()
				.path("find { it.prefix == '" + key.substring(0, 10) + "' }.id");
		Api.admin("keys-a").delete("/api/v1/admin/api-keys/" + id).then().statusCode(200)
				.body("revokedAt", notNullValue()).body("lastUsedAt", notNullValue());
		as(key).get("/api/v1/conversations").then().statusCode(401);
	}

	@Test
	void should_refuse_invalid_scopes_and_foreign_revocations() {
		Api.admin("keys-a").body(Map.of("name", "x", "scope", "root")).post("/api/v1/admin/api-keys").then()
				.statusCode(400).body("code", equalTo("invalid_request"));
		String key = create("keys-a", "chat");
		String id = Api.admin("keys-a").get("/api/v1/admin/api-keys").then().extract()
				.path("find { it.prefix == '" + key.substring(0, 10) + "' }.id");
		Api.admin("keys-b").delete("/api/v1/admin/api-keys/" + id).then().statusCode(404)
				.body("code", equalTo("api_key_not_found"));
		as(key).get("/api/v1/conversations").then().statusCode(200);
	}

	private static String create(String tenant, String scope) {
		return Api.admin(tenant).body(Map.of("name", "server", "scope", scope)).post("/api/v1/admin/api-keys").then()
				.statusCode(201).body("key", startsWith("sbk_")).body("apiKey.scope", equalTo(scope)).extract().path("key");
	}

	private static RequestSpecification as(String key) {
		return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
	}
}
