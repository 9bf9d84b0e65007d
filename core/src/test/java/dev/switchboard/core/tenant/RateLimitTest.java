package dev.switchboard.core.tenant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

	private static final String PAGE = "https://rl.example";

	@Test
	void should_limit_each_end_user_and_api_key_per_minute_and_store_nothing_refused() {
		Api.admin().body(Map.of("id", "rl-a", "name", "rl-a")).post("/api/v1/admin/tenants");
		Api.admin("rl-a").body(Map.of("requestsPerMinutePerUser", 2, "requestsPerMinutePerKey", 3))
				.put("/api/v1/admin/limits").then().statusCode(200);
		Api.admin("rl-a").body(Map.of("allowedOrigins", List.of(PAGE))).put("/api/v1/admin/widget").then().statusCode(200);
		String widget = Api.admin("rl-a").get("/api/v1/admin/widget").then().extract().path("publicId");
		String user = given().contentType(ContentType.JSON).header("Origin", PAGE).body(Map.of("widgetId", widget))
				.post("/api/v1/widget/sessions").then().statusCode(201).extract().path("token");

		for (int i = 0; i < 2; i++) {
			String conversation = newConversation(as(user));
			as(user).body(Api.text("message " + i)).post("/api/v1/conversations/" + conversation + "/messages").then()
					.statusCode(202);
		}
		String refused = newConversation(as(user));
		as(user).body(Api.text("one too many")).post("/api/v1/conversations/" + refused + "/messages").then()
				.statusCode(429).body("code", equalTo("rate_limited")).header("Retry-After", notNullValue());
		as(user).get("/api/v1/conversations/" + refused).then().body("messages", hasSize(0));

		String key = Api.admin("rl-a").body(Map.of("name", "server", "scope", "chat")).post("/api/v1/admin/api-keys").then()
				.statusCode(201).extract().path("key");
		Map<String, Object> completion = Map.of("model", "auto", "messages", List.of(Map.of("role", "user", "content", "hi")));
		for (int i = 0; i < 3; i++) {
			asKey(key).body(completion).post("/v1/chat/completions").then().statusCode(503)
					.body("code", equalTo("no_model_configured"));
		}
		asKey(key).body(completion).post("/v1/chat/completions").then().statusCode(429)
				.body("error.code", equalTo("rate_limited")).header("Retry-After", notNullValue());

		// Operators are not limited.
		for (int i = 0; i < 4; i++) {
			Api.admin("rl-a").body(completion).post("/v1/chat/completions").then().statusCode(503);
		}
		Api.admin("rl-a").get("/api/v1/admin/limits").then().body("requestsPerMinutePerUser", equalTo(2));
		asKey(key).body(Map.of("requestsPerMinutePerUser", 1000, "requestsPerMinutePerKey", 1000))
				.put("/api/v1/admin/limits").then().statusCode(403);
	}

	private static String newConversation(RequestSpecification as) {
		return as.body(Map.of("title", "t")).post("/api/v1/conversations").then().statusCode(201).extract().path("id");
	}

	private static RequestSpecification as(String token) {
		return given().header("Authorization", "Bearer " + token).header("Origin", PAGE).contentType(ContentType.JSON);
	}

	private static RequestSpecification asKey(String key) {
		return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
	}
}
