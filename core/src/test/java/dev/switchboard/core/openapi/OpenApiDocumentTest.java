package dev.switchboard.core.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiDocumentTest {

	@Test
	void should_describe_every_endpoint_with_a_summary() {
		JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
		Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
		assertThat(paths).containsKeys("/api/v1/conversations", "/api/v1/conversations/{id}",
				"/api/v1/conversations/{id}/messages", "/api/v1/runs/{runId}/events", "/api/v1/admin/plugins",
				"/api/v1/admin/backends", "/api/v1/admin/backends/{name}", "/api/v1/admin/tenants",
				"/v1/chat/completions", "/v1/models", "/api/v1/attachments/{id}");
		paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
			if (!method.equals("parameters")) {
				assertThat(operation).as(method + " " + path).containsKey("summary");
			}
		}));
	}

	@Test
	void should_give_schemas_with_examples_and_the_problem_type() {
		JsonPath doc = given().queryParam("format", "json").get("/q/openapi").then().extract().jsonPath();
		assertThat(doc.getMap("components.schemas")).containsKeys("Problem", "PostMessage", "RunAccepted", "Message",
				"Conversation", "PluginStatus", "Backend");
		assertThat(doc.getList("components.schemas.Problem.properties.code.examples")).isNotEmpty();
		assertThat(doc.getMap("components.securitySchemes")).containsKey("bearer");
	}
}
