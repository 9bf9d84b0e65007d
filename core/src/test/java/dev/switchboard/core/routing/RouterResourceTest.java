package dev.switchboard.core.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.plugin.PluginHost;
import dev.switchboard.core.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The evaluate endpoint through HTTP. With the embedding-minilm jar in the plugins directory (after {@code package}
 * of the plugin) this loads the model through the plugin class loader, as production does; without it the endpoint
 * must answer 503 {@code router_unavailable} and never make a decision up.
 */
@QuarkusTest
class RouterResourceTest {

	@Inject
	PluginHost plugins;

	@Test
	void should_decide_every_message_in_order_or_say_the_router_is_unavailable() throws IOException {
		var request = Map.of("catalog", catalog(), "messages", List.of(
				Map.of("text", "good morning!"),
				Map.of("text", "cancel my subscription"),
				Map.of("text", "what is wrong here?", "attachments", List.of(Map.of("type", "image"))),
				Map.of("text", "yes, do it", "previous", Map.of("route", "action", "action", "billing.cancel_subscription"))));
		var response = Api.admin().body(request).post("/api/v1/router/evaluate").then();
		if (plugins.embedderFactory().isPresent()) {
			response.statusCode(200)
					.body("decisions.route", contains("small", "action", "vision", "action"))
					.body("decisions[1].action", equalTo("billing.cancel_subscription"))
					.body("decisions[3].action", equalTo("billing.cancel_subscription"))
					.body("decisions[0]", hasKey("confidence"))
					.body("decisions[2].reasons[0]", containsString("image"));
		} else {
			response.statusCode(503).contentType("application/problem+json").body("code", equalTo("router_unavailable"))
					.body("detail", containsString("embedding-minilm"));
		}
	}

	@Test
	void should_answer_a_bad_catalog_with_a_problem() {
		var request = Map.of("catalog", Map.of("roles", Map.of("small", "Greetings."), "thresholds", Map.of("margin", 2)),
				"messages", List.of(Map.of("text", "hi")));
		Api.admin().body(request).post("/api/v1/router/evaluate").then().statusCode(400)
				.contentType("application/problem+json").body("code", equalTo("invalid_request"))
				.body("errors", hasKey("catalog.roles.reasoning")).body("errors", hasKey("catalog.thresholds.margin"))
				.body("detail", not(containsString("Exception")));
	}

	@Test
	void should_refuse_requests_without_messages_or_with_a_bad_previous_decision() throws IOException {
		Api.admin().body(Map.of("catalog", catalog(), "messages", List.of())).post("/api/v1/router/evaluate").then()
				.statusCode(400).contentType("application/problem+json");
		Api.admin().body(Map.of("catalog", catalog(), "messages", List.of(Map.of("text", "ok", "previous",
				Map.of("route", "action", "action", "no.such_action"))))).post("/api/v1/router/evaluate").then()
				.statusCode(400).body("errors", hasKey("messages[0].previous.action"));
	}

	@Test
	void should_route_under_the_tenants_live_settings_when_no_catalog_is_given() {
		Api.admin().body(Map.of("id", "router-live", "name", "Router live")).post("/api/v1/admin/tenants");
		Api.admin("router-live").body(Map.of("rules", List.of(Map.of("if", Map.of("route", "small"), "route", "reasoning"))))
				.put("/api/v1/admin/routing").then().statusCode(200);
		var response = Api.admin("router-live").body(Map.of("messages", List.of(Map.of("text", "good morning!"))))
				.post("/api/v1/router/evaluate").then();
		if (plugins.embedderFactory().isPresent()) {
			response.statusCode(200).body("decisions[0].route", equalTo("reasoning"))
					.body("decisions[0].reasons", hasItem(containsString("tenant rule")));
		} else {
			response.statusCode(503).body("code", equalTo("router_unavailable"));
		}
	}

	@Test
	void should_let_the_tenants_operators_evaluate_in_their_own_tenant_only() throws IOException {
		var request = Map.of("catalog", catalog(), "messages", List.of(Map.of("text", "hi")));
		given().contentType("application/json").body(request).post("/api/v1/router/evaluate").then().statusCode(401);
		Api.admin().body(Map.of("id", "router-tenant", "name", "Router tenant")).post("/api/v1/admin/tenants");
		String tenantAdminKey = key("admin");
		int expected = plugins.embedderFactory().isPresent() ? 200 : 503;
		as(tenantAdminKey).body(request).post("/api/v1/router/evaluate").then().statusCode(expected);
		as(tenantAdminKey).header("X-Switchboard-Tenant", "default").body(request).post("/api/v1/router/evaluate").then()
				.statusCode(403).contentType("application/problem+json");
		as(key("chat")).body(request).post("/api/v1/router/evaluate").then().statusCode(403);
	}

	private static String key(String scope) {
		return Api.admin("router-tenant").body(Map.of("name", "router-" + scope, "scope", scope))
				.post("/api/v1/admin/api-keys").then().statusCode(201).extract().path("key");
	}

	private static io.restassured.specification.RequestSpecification as(String key) {
		return given().header("Authorization", "Bearer " + key).contentType("application/json");
	}

	@Test
	void should_document_the_endpoint_with_an_example() {
		given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
				.body("paths.'/api/v1/router/evaluate'.post.summary", equalTo("Evaluate routing decisions"))
				.body("paths.'/api/v1/router/evaluate'.post.requestBody.content.'application/json'.examples", hasKey("four turns"))
				.body("paths.'/api/v1/router/evaluate'.post.responses", hasKey("503"))
				.body("paths.'/api/v1/router/evaluate'.post.tags", hasSize(1));
	}

	private static JsonNode catalog() throws IOException {
		try (InputStream in = RouterResourceTest.class.getResourceAsStream("/routing/catalog.json")) {
			return RoutingSet.JSON.readTree(in);
		}
	}
}
