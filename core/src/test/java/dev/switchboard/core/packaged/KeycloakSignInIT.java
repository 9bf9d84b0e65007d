package dev.switchboard.core.packaged;

import static io.restassured.RestAssured.given;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operators signing in through a real Keycloak 26 that imported docker/keycloak's realm, against the packaged app
 * with SWITCHBOARD_OIDC_URL set.
 */
class KeycloakSignInIT {

	@TempDir
	static Path dataDir;
	private static KeycloakServer keycloak;
	private static PackagedApp app;

	@BeforeAll
	static void start() throws Exception {
		keycloak = KeycloakServer.start();
		app = PackagedApp.start(dataDir, Map.of("SWITCHBOARD_OIDC_URL", keycloak.realmUrl()));
	}

	@AfterAll
	static void stop() throws Exception {
		if (app != null) {
			app.close();
		}
		if (keycloak != null) {
			keycloak.close();
		}
	}

	@Test
	void should_let_the_demo_tenant_admin_use_the_admin_api() throws Exception {
		String token = keycloak.passwordGrant("alice", "alice");
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).get("/api/v1/admin/backends").then()
				.statusCode(200);
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).contentType("application/json")
				.body(Map.of("allowedOrigins", List.of("https://app.example"))).put("/api/v1/admin/widget").then()
				.statusCode(200);
	}

	@Test
	void should_refuse_changes_by_the_viewer() throws Exception {
		String token = keycloak.passwordGrant("victor", "victor");
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).get("/api/v1/admin/widget").then()
				.statusCode(200);
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).contentType("application/json")
				.body(Map.of("allowedOrigins", List.of())).put("/api/v1/admin/widget").then().statusCode(403);
	}

	@Test
	void should_let_the_platform_admin_see_all_tenants() throws Exception {
		String token = keycloak.passwordGrant("platform", "platform");
		given().baseUri(app.baseUrl()).header("Authorization", "Bearer " + token).get("/api/v1/admin/tenants").then()
				.statusCode(200);
	}

	@Test
	void should_answer_401_without_a_token() {
		given().baseUri(app.baseUrl()).get("/api/v1/admin/backends").then().statusCode(401);
	}
}
