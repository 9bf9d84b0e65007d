package dev.switchboard.core.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthenticationTest {

	@ParameterizedTest
	@CsvSource({ "GET,/api/v1/conversations", "POST,/api/v1/conversations", "GET,/api/v1/admin/plugins",
			"GET,/api/v1/admin/backends", "GET,/api/v1/admin/tenants", "GET,/v1/models", "POST,/v1/chat/completions",
			"GET,/api/v1/runs/8a1c3c47-5b6e-4d55-9b59-d4c8a1b0f0aa/events" })
	void should_refuse_every_api_without_a_credential(String method, String path) {
		given().contentType("application/json").body("{}").request(method, path).then().statusCode(401)
				.contentType("application/problem+json").body("code", equalTo("unauthenticated"))
				.header("WWW-Authenticate", containsString("Bearer"));
	}

	@Test
	void should_refuse_a_wrong_key() {
		given().header("Authorization", "Bearer not-the-key").get("/api/v1/conversations").then().statusCode(401);
	}

	@Test
	void should_accept_the_admin_key() {
		Api.admin().get("/api/v1/conversations").then().statusCode(200);
	}

	@Test
	void should_serve_health_and_openapi_without_a_credential() {
		given().get("/q/health/ready").then().statusCode(200);
		given().get("/q/openapi").then().statusCode(200);
	}

	@Test
	void should_answer_an_unknown_tenant_with_404() {
		Api.admin("no-such-tenant").get("/api/v1/conversations").then().statusCode(404)
				.body("code", equalTo("tenant_not_found")).body("detail", not(containsString("Exception")));
	}
}
