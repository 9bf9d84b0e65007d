package dev.switchboard.core.auth;

import static io.restassured.RestAssured.given;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators signed in through OIDC: platform admins, and tenant admins and viewers by group path. */
@QuarkusTest
class OperatorAuthTest {

	@BeforeEach
	void tenants() {
		for (String tenant : List.of("op-a", "op-b")) {
			Api.admin().body(Map.of("id", tenant, "name", tenant)).post("/api/v1/admin/tenants");
		}
	}

	@Test
	void should_let_a_platform_admin_do_everything() {
		String token = OidcWiremockTestResource.getAccessToken("root", Set.of("platform-admin"));
		as(token, null).get("/api/v1/admin/tenants").then().statusCode(200);
		as(token, "op-b").get("/api/v1/admin/backends").then().statusCode(200);
		as(token, null).get("/api/v1/admin/plugins").then().statusCode(200);
	}

	@Test
	void should_let_a_tenant_admin_administer_their_tenant_only() {
		String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("/tenants/op-a/tenant-admin"));
		as(token, "op-a").get("/api/v1/admin/backends").then().statusCode(200);
		as(token, null).get("/api/v1/admin/backends").then().statusCode(200);
		as(token, "op-a").body(Map.of("allowedOrigins", List.of("https://a.example"))).put("/api/v1/admin/widget").then()
				.statusCode(200);
		as(token, "op-a").body(Map.of("title", "support")).post("/api/v1/conversations").then().statusCode(201);
		as(token, "op-b").get("/api/v1/admin/backends").then().statusCode(403);
		as(token, "op-a").get("/api/v1/admin/tenants").then().statusCode(403);
		as(token, "op-a").get("/api/v1/admin/plugins").then().statusCode(403);
	}

	@Test
	void should_let_a_viewer_read_but_change_nothing() {
		String token = OidcWiremockTestResource.getAccessToken("victor", Set.of("/tenants/op-a/tenant-viewer"));
		as(token, "op-a").get("/api/v1/admin/backends").then().statusCode(200);
		as(token, "op-a").get("/api/v1/admin/widget").then().statusCode(200);
		as(token, "op-a").get("/api/v1/admin/api-keys").then().statusCode(200);
		as(token, "op-a").get("/api/v1/conversations").then().statusCode(200);
		as(token, "op-a").body(Map.of("allowedOrigins", List.of())).put("/api/v1/admin/widget").then().statusCode(403);
		as(token, "op-a").body(Map.of("name", "k", "scope", "admin")).post("/api/v1/admin/api-keys").then().statusCode(403);
		as(token, "op-a").body(Map.of("title", "x")).post("/api/v1/conversations").then().statusCode(403);
		as(token, "op-a").body(Map.of("model", "auto", "messages", List.of(Map.of("role", "user", "content", "hi"))))
				.post("/v1/chat/completions").then().statusCode(403);
	}

	@Test
	void should_never_carry_an_admin_role_into_a_tenant_where_the_operator_only_views() {
		String token = OidcWiremockTestResource.getAccessToken("mixed",
				Set.of("/tenants/op-a/tenant-admin", "/tenants/op-b/tenant-viewer"));
		as(token, "op-a").body(Map.of("allowedOrigins", List.of())).put("/api/v1/admin/widget").then().statusCode(200);
		as(token, "op-b").body(Map.of("allowedOrigins", List.of())).put("/api/v1/admin/widget").then().statusCode(403);
		as(token, "op-b").get("/api/v1/admin/widget").then().statusCode(200);
	}

	@Test
	void should_refuse_missing_and_forged_tokens() {
		given().get("/api/v1/admin/backends").then().statusCode(401);
		String token = OidcWiremockTestResource.getAccessToken("alice", Set.of("/tenants/op-a/tenant-admin"));
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
		as(forged, "op-a").get("/api/v1/admin/backends").then().statusCode(401);
	}

	private static RequestSpecification as(String token, String tenant) {
		RequestSpecification request = given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
		return tenant == null ? request : request.header("X-Switchboard-Tenant", tenant);
	}
}
